#include "report/source_profile_text.h"

#include <gtest/gtest.h>

namespace spraytrace::report {
namespace {

TEST(SourceProfileText, OneSource) {
  EXPECT_EQ(SourceProfileText(detect::SourceProfile{64500, "Example", "DE", {}}),
            "AS64500 Example, DE");
  EXPECT_EQ(SourceProfileText(detect::SourceProfile{0, "", "BR", {"honeypot", "feed:x"}}),
            "BR, intel: honeypot feed:x");
  EXPECT_EQ(SourceProfileText(detect::SourceProfile{}), "");
  EXPECT_EQ(SourceProfileText(64501, "", "", 2), "AS64501, on 2 intel lists");
}

TEST(SourceProfileText, CampaignSummaryNamesTopAsnsAndCountries) {
  detect::SourcesProfile p;
  p.sources = 10;
  p.with_asn = 9;
  p.with_country = 9;
  p.distinct_asns = 3;
  p.distinct_countries = 1;
  p.asns = {{64500, "Example", 5}, {64501, "", 3}, {64502, "Third", 1}};
  p.countries = {{"US", 9}};
  p.known_bad = 2;
  p.intel = {{"honeypot", 2}};
  EXPECT_EQ(SourcesProfileText(p, 2),
            "10 sources in 3 ASNs (AS64500 Example 5, AS64501 3, ...), 1 country (US 9); 1 with "
            "no known ASN; 2 known-bad (honeypot 2)");
}

}  // namespace
}  // namespace spraytrace::report
