#include "correlate/enriching_sink.h"

#include <gtest/gtest.h>

#include "ingest/test_files.h"

namespace spraytrace::correlate {
namespace {

using ingest::testing::TempDir;

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

class EnrichingSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EnrichmentOptions options;
    options.ip2asn = dir_.Write("ip2asn.tsv",
                                "192.0.2.0\t192.0.2.255\t64500\tDE\tExample Broadband\n"
                                "198.51.100.0\t198.51.100.255\t64501\tBR\tTest Telecom\n"
                                "203.0.113.0\t203.0.113.255\t64502\tBR\tThird Net\n");
    options.intel.push_back(dir_.Write("honeypot.txt", "192.0.2.1\n192.0.2.2\n"));
    auto e = Enricher::Open(options, &diagnostics_);
    ASSERT_TRUE(e) << e.error().message();
    enricher_ = std::move(*e);
  }

  TempDir dir_;
  Diagnostics diagnostics_;
  std::unique_ptr<Enricher> enricher_;
};

TEST_F(EnrichingSinkTest, OneSourceFindingGetsItsProfile) {
  detect::CollectingFindingSink out;
  EnrichingSink sink(enricher_.get(), &out);
  detect::Finding f;
  f.rule = detect::Rule::kBruteForce;
  f.source_ip = Ip("192.0.2.1");
  f.related_ips = {*f.source_ip};
  f.failures = 300;
  sink.OnFinding(f);
  ASSERT_EQ(out.findings.size(), 1u);
  const detect::Finding& got = out.findings[0];
  ASSERT_TRUE(got.source_profile);
  EXPECT_EQ(got.source_profile->asn, 64500u);
  EXPECT_EQ(got.source_profile->as_organization, "Example Broadband");
  EXPECT_EQ(got.source_profile->country_iso_code, "DE");
  EXPECT_EQ(got.source_profile->intel, std::vector<std::string>{"honeypot"});
  EXPECT_FALSE(got.sources_profile);  // one related address: no summary
  EXPECT_EQ(got.failures, 300u);      // the rest unchanged
  EXPECT_EQ(got.related_ips, f.related_ips);
}

TEST_F(EnrichingSinkTest, CampaignGetsTopAsnsAndCountries) {
  detect::Finding f;
  f.rule = detect::Rule::kDistributedSpray;
  // 3 in AS64500/DE (2 known-bad), 2 in AS64501/BR, 1 in AS64502/BR, 2 unknown.
  for (const char* ip : {"192.0.2.1", "192.0.2.2", "192.0.2.3", "198.51.100.1", "198.51.100.2",
                         "203.0.113.9", "100.64.0.1", "2001:db8::1"}) {
    f.related_ips.push_back(Ip(ip));
  }
  EnrichFinding(enricher_.get(), &f, 2);
  EXPECT_FALSE(f.source_profile);
  ASSERT_TRUE(f.sources_profile);
  const detect::SourcesProfile& p = *f.sources_profile;
  EXPECT_EQ(p.sources, 8u);
  EXPECT_EQ(p.with_asn, 6u);
  EXPECT_EQ(p.with_country, 6u);
  EXPECT_EQ(p.distinct_asns, 3u);
  EXPECT_EQ(p.distinct_countries, 2u);
  ASSERT_EQ(p.asns.size(), 2u);  // capped at top = 2
  EXPECT_EQ(p.asns[0].asn, 64500u);
  EXPECT_EQ(p.asns[0].organization, "Example Broadband");
  EXPECT_EQ(p.asns[0].sources, 3u);
  EXPECT_EQ(p.asns[1].asn, 64501u);
  EXPECT_EQ(p.asns[1].sources, 2u);
  ASSERT_EQ(p.countries.size(), 2u);
  EXPECT_EQ(p.countries[0].name, "BR");  // 3, ahead of DE's 3 by code order
  EXPECT_EQ(p.countries[0].sources, 3u);
  EXPECT_EQ(p.countries[1].name, "DE");
  EXPECT_EQ(p.known_bad, 2u);
  ASSERT_EQ(p.intel.size(), 1u);
  EXPECT_EQ(p.intel[0].name, "honeypot");
  EXPECT_EQ(p.intel[0].sources, 2u);
}

TEST_F(EnrichingSinkTest, FindingsWithoutAddressesPassThrough) {
  detect::CollectingFindingSink out;
  EnrichingSink sink(enricher_.get(), &out);
  detect::Finding f;
  f.rule = detect::Rule::kBruteForce;
  f.source_host = "host.example";
  f.user_name = "root";
  sink.OnFinding(f);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_FALSE(out.findings[0].source_profile);
  EXPECT_FALSE(out.findings[0].sources_profile);
  EXPECT_EQ(out.findings[0].source_host, "host.example");
}

}  // namespace
}  // namespace spraytrace::correlate
