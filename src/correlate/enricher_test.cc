#include "correlate/enricher.h"

#include <gtest/gtest.h>

#include "correlate/testing/mmdb_test_writer.h"
#include "ingest/test_files.h"

namespace spraytrace::correlate {
namespace {

using ingest::testing::TempDir;
using testing::AsnRecord;
using testing::CountryRecord;
using testing::MmdbTestWriter;

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }
IpNetwork Net(const char* text) { return *ParseIpNetwork(text); }

// ASN database: 192.0.2.0/24 and 2001:db8::/32. Country database: 192.0.2.0/24 only.
// ip2asn: 192.0.2.0/24 (another AS and country, which the databases override), 198.51.100.0/24.
class EnricherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MmdbTestWriter asn(6, "GeoLite2-ASN");
    asn.Insert(Net("192.0.2.0/24"), AsnRecord(64500, "Example Broadband"));
    asn.Insert(Net("2001:db8::/32"), AsnRecord(64502, "V6 Example"));
    options_.asn_db = dir_.Write("GeoLite2-ASN.mmdb", asn.Build());
    MmdbTestWriter geo(6, "GeoLite2-Country");
    geo.Insert(Net("192.0.2.0/24"), CountryRecord("DE"));
    options_.geo_db = dir_.Write("GeoLite2-Country.mmdb", geo.Build());
    options_.ip2asn =
        dir_.Write("ip2asn-combined.tsv",
                   "192.0.2.0\t192.0.2.255\t64999\tUS\tSTALE-ENTRY\n"
                   "198.51.100.0\t198.51.100.255\t64501\tBR\tTest Telecom\n"
                   "2001:db8::\t2001:db8:ffff:ffff:ffff:ffff:ffff:ffff\t64998\tJP\tV6-TSV\n");
    options_.intel.push_back(dir_.Write("honeypot.txt", "192.0.2.7\n198.51.100.0/28\n"));
    options_.intel.push_back(dir_.Write("partner.csv", "ip,tag\n192.0.2.7,quad7\n"));
  }

  std::unique_ptr<Enricher> Open() {
    auto e = Enricher::Open(options_, &diagnostics_);
    EXPECT_TRUE(e) << e.error().message();
    return e ? std::move(*e) : nullptr;
  }

  TempDir dir_;
  EnrichmentOptions options_;
  Diagnostics diagnostics_;
};

TEST_F(EnricherTest, DatabasesFirstThenIp2asn) {
  auto e = Open();
  ASSERT_TRUE(e);
  const SourceInfo dsl = e->Lookup(Ip("192.0.2.7"));
  EXPECT_EQ(dsl.asn, 64500u);
  EXPECT_EQ(dsl.as_organization, "Example Broadband");
  EXPECT_EQ(dsl.country, "DE");
  ASSERT_EQ(dsl.intel.size(), 2u);
  EXPECT_EQ(dsl.intel[0], "honeypot");
  EXPECT_EQ(dsl.intel[1], "partner:quad7");

  // Not in the databases: ip2asn answers, with its registry country.
  const SourceInfo tsv = e->Lookup(Ip("198.51.100.3"));
  EXPECT_EQ(tsv.asn, 64501u);
  EXPECT_EQ(tsv.as_organization, "Test Telecom");
  EXPECT_EQ(tsv.country, "BR");
  ASSERT_EQ(tsv.intel.size(), 1u);

  // IPv6: ASN from the database, country (not in the country database) from ip2asn.
  const SourceInfo v6 = e->Lookup(Ip("2001:db8:5::1"));
  EXPECT_EQ(v6.asn, 64502u);
  EXPECT_EQ(v6.country, "JP");
  EXPECT_TRUE(v6.intel.empty());

  const SourceInfo mapped = e->Lookup(Ip("::ffff:192.0.2.7"));
  EXPECT_EQ(mapped.asn, 64500u);
  EXPECT_EQ(mapped.intel.size(), 2u);

  const SourceInfo none = e->Lookup(Ip("203.0.113.1"));
  EXPECT_EQ(none.asn, 0u);
  EXPECT_TRUE(none.as_organization.empty());
  EXPECT_TRUE(none.country.empty());
  EXPECT_TRUE(none.intel.empty());
  EXPECT_EQ(e->loaded().size(), 5u);
}

TEST_F(EnricherTest, CacheIsBoundedAndAnswersStayTheSame) {
  options_.max_cached_sources = 2;
  auto e = Open();
  ASSERT_TRUE(e);
  const char* ips[] = {"192.0.2.7", "198.51.100.3", "2001:db8::1", "203.0.113.1"};
  std::vector<uint32_t> first;
  for (const char* ip : ips) first.push_back(e->Lookup(Ip(ip)).asn);
  for (int round = 0; round < 3; ++round) {
    for (size_t i = 0; i < 4; ++i) EXPECT_EQ(e->Lookup(Ip(ips[i])).asn, first[i]);
  }
  EXPECT_EQ(e->stats().lookups, 16u);
  EXPECT_GT(e->stats().cache_resets, 0u);
  // Repeats of one address hit the cache.
  const uint64_t hits = e->stats().cache_hits;
  e->Lookup(Ip("192.0.2.7"));
  e->Lookup(Ip("192.0.2.7"));
  EXPECT_GE(e->stats().cache_hits, hits + 1);
}

TEST_F(EnricherTest, ViewsOutliveCacheResets) {
  options_.max_cached_sources = 1;
  auto e = Open();
  ASSERT_TRUE(e);
  const SourceInfo kept = e->Lookup(Ip("192.0.2.7"));
  for (int i = 0; i < 50; ++i) e->Lookup(IpAddress::FromV4(0xc6336400u + static_cast<uint32_t>(i)));
  EXPECT_EQ(kept.as_organization, "Example Broadband");
  EXPECT_EQ(kept.intel[1], "partner:quad7");
}

TEST_F(EnricherTest, AnyBadFileStopsOpenNamingIt) {
  EnrichmentOptions bad = options_;
  bad.geo_db = dir_.Write("fake.mmdb", "not a database");
  auto e = Enricher::Open(bad, &diagnostics_);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message().find("fake.mmdb"), std::string::npos);

  bad = options_;
  bad.intel.push_back((dir_.path() / "missing.txt").string());
  e = Enricher::Open(bad, &diagnostics_);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message().find("missing.txt"), std::string::npos);
}

TEST(Enricher, DamagedRecordsAreCountedNotFatal) {
  TempDir dir;
  MmdbTestWriter asn(6, "GeoLite2-ASN");
  asn.Insert(Net("192.0.2.0/24"), AsnRecord(64500, "Damaged"));
  std::string bytes = asn.Build();
  const size_t key = bytes.find("autonomous_system_number");
  bytes[key - 1] = '\x5f';
  EnrichmentOptions options;
  options.asn_db = dir.Write("a.mmdb", bytes);
  options.ip2asn = dir.Write("t.tsv", "192.0.2.0\t192.0.2.255\t64501\tDE\tFallback\n");
  Diagnostics diagnostics;
  auto e = Enricher::Open(options, &diagnostics);
  ASSERT_TRUE(e) << e.error().message();
  const SourceInfo info = (*e)->Lookup(Ip("192.0.2.1"));
  EXPECT_EQ(info.asn, 64501u);  // the ip2asn answer stands in
  EXPECT_EQ((*e)->stats().lookup_errors, 1u);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kBadEnrichmentData), 1u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kBadEnrichmentData).file, options.asn_db);
}

}  // namespace
}  // namespace spraytrace::correlate
