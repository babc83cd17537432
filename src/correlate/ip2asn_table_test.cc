#include "correlate/ip2asn_table.h"

#include <gtest/gtest.h>

#include "ingest/test_files.h"

namespace spraytrace::correlate {
namespace {

using ingest::testing::GzipCompress;
using ingest::testing::TempDir;

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

// Lines in the iptoasn.com formats (tab-separated), with documentation and private-use ASNs.
constexpr const char* kCombined =
    "0.0.0.0\t0.255.255.255\t0\tNone\tNot routed\n"
    "1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET\n"
    "192.0.2.0\t192.0.2.255\t64500\tDE\tEXAMPLE-DSL Example Broadband GmbH\n"
    "198.51.100.0\t198.51.100.127\t64501\tBR\tTEST-NET-2 Telecom\n"
    "::\t1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\t0\tNone\tNot routed\n"
    "2001:db8::\t2001:db8:ffff:ffff:ffff:ffff:ffff:ffff\t64502\tJP\tV6-EXAMPLE\n";

TEST(Ip2asnTable, CombinedFileAnswersIpv4AndIpv6) {
  TempDir dir;
  Diagnostics diagnostics;
  auto table = Ip2asnTable::Load(dir.Write("ip2asn-combined.tsv", kCombined), &diagnostics);
  ASSERT_TRUE(table) << table.error().message();
  EXPECT_EQ(table->stats().ranges, 4u);
  EXPECT_EQ(table->stats().unrouted, 2u);
  EXPECT_EQ(diagnostics.Total(), 0u);

  const auto dsl = table->Lookup(Ip("192.0.2.77"));
  ASSERT_TRUE(dsl);
  EXPECT_EQ(dsl->asn, 64500u);
  EXPECT_EQ(dsl->country, "DE");
  EXPECT_EQ(dsl->organization, "EXAMPLE-DSL Example Broadband GmbH");  // spaces kept

  const auto v6 = table->Lookup(Ip("2001:db8:1234::9"));
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->asn, 64502u);
  EXPECT_EQ(v6->country, "JP");

  // Edges of a range, the gap after it, unrouted space.
  EXPECT_EQ(table->Lookup(Ip("198.51.100.0"))->asn, 64501u);
  EXPECT_EQ(table->Lookup(Ip("198.51.100.127"))->asn, 64501u);
  EXPECT_FALSE(table->Lookup(Ip("198.51.100.128")));
  EXPECT_FALSE(table->Lookup(Ip("0.1.2.3")));
  EXPECT_FALSE(table->Lookup(Ip("::1")));
  EXPECT_FALSE(table->Lookup(Ip("2001:db9::1")));
}

TEST(Ip2asnTable, MappedIpv6AddressFindsTheIpv4Range) {
  TempDir dir;
  Diagnostics diagnostics;
  auto table = Ip2asnTable::Load(dir.Write("c.tsv", kCombined), &diagnostics);
  ASSERT_TRUE(table);
  const auto mapped = table->Lookup(Ip("::ffff:192.0.2.1"));
  ASSERT_TRUE(mapped);
  EXPECT_EQ(mapped->asn, 64500u);
}

TEST(Ip2asnTable, U32VariantAndGzip) {
  TempDir dir;
  Diagnostics diagnostics;
  // 192.0.2.0 = 3221225984; the -u32 file, gzipped as iptoasn.com serves it.
  const std::string text =
      "16777216\t16777471\t13335\tUS\tCLOUDFLARENET\n"
      "3221225984\t3221226239\t64500\tde\tEXAMPLE-DSL\n";
  auto table =
      Ip2asnTable::Load(dir.Write("ip2asn-v4-u32.tsv.gz", GzipCompress(text)), &diagnostics);
  ASSERT_TRUE(table) << table.error().message();
  const auto found = table->Lookup(Ip("192.0.2.9"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->asn, 64500u);
  EXPECT_EQ(found->country, "DE");  // upper-cased
  EXPECT_EQ(table->Lookup(Ip("1.0.0.1"))->asn, 13335u);
}

TEST(Ip2asnTable, UnknownCountriesAreEmpty) {
  TempDir dir;
  Diagnostics diagnostics;
  auto table = Ip2asnTable::Load(dir.Write("x.tsv",
                                           "192.0.2.0\t192.0.2.255\t64500\tNone\tA\n"
                                           "198.51.100.0\t198.51.100.255\t64501\tUnknown\tB\n"
                                           "203.0.113.0\t203.0.113.255\tAS64502\tZZ\tC\n"),
                                 &diagnostics);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->Lookup(Ip("192.0.2.1"))->country, "");
  EXPECT_EQ(table->Lookup(Ip("198.51.100.1"))->country, "");
  EXPECT_EQ(table->Lookup(Ip("203.0.113.1"))->country, "");
  EXPECT_EQ(table->Lookup(Ip("203.0.113.1"))->asn, 64502u);  // "AS" prefix accepted
}

TEST(Ip2asnTable, OverlappingRangesTheMostSpecificWins) {
  TempDir dir;
  Diagnostics diagnostics;
  // A hand-made file: a /16 with a /24 carved out of it for another AS.
  auto table = Ip2asnTable::Load(dir.Write("overlap.tsv",
                                           "10.20.0.0\t10.20.255.255\t64510\tFR\tWIDE\n"
                                           "10.20.7.0\t10.20.7.255\t64511\tIT\tNARROW\n"),
                                 &diagnostics);
  ASSERT_TRUE(table);
  EXPECT_TRUE(table->stats().overlapping);
  EXPECT_EQ(table->Lookup(Ip("10.20.6.255"))->asn, 64510u);
  EXPECT_EQ(table->Lookup(Ip("10.20.7.0"))->asn, 64511u);
  EXPECT_EQ(table->Lookup(Ip("10.20.7.255"))->organization, "NARROW");
  EXPECT_EQ(table->Lookup(Ip("10.20.8.0"))->asn, 64510u);
}

TEST(Ip2asnTable, MalformedLinesAreCountedAndTheRestIsRead) {
  TempDir dir;
  Diagnostics diagnostics;
  const std::string path = dir.Write("bad.tsv",
                                     "# made by hand\n"
                                     "192.0.2.0\t192.0.2.255\t64500\tDE\tGOOD-1\n"
                                     "192.0.2.0 192.0.2.255\n"                 // 3: too few
                                     "300.0.0.0\t300.0.0.255\t1\tUS\tX\n"      // 4: bad address
                                     "198.51.100.9\t198.51.100.1\t1\tUS\tX\n"  // 5: reversed
                                     "198.51.100.0\t2001:db8::\t1\tUS\tX\n"    // 6: families
                                     "198.51.100.0\t198.51.100.255\tAS-X\tUS\tX\n"  // 7: ASN
                                     "\n"
                                     "203.0.113.0\t203.0.113.255\t64501\tNL\tGOOD-2\n");
  auto table = Ip2asnTable::Load(path, &diagnostics);
  ASSERT_TRUE(table) << table.error().message();
  EXPECT_EQ(table->stats().ranges, 2u);
  EXPECT_EQ(table->stats().bad_lines, 5u);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kBadEnrichmentData), 5u);
  const DiagnosticSample& first = diagnostics.Sample(DiagnosticKind::kBadEnrichmentData);
  EXPECT_EQ(first.file, path);
  EXPECT_EQ(first.line, 3u);
  EXPECT_NE(first.detail.find("5 columns"), std::string::npos) << first.detail;
  EXPECT_EQ(table->Lookup(Ip("203.0.113.4"))->organization, "GOOD-2");
}

TEST(Ip2asnTable, SpaceSeparatedLinesAreRead) {
  TempDir dir;
  Diagnostics diagnostics;
  auto table = Ip2asnTable::Load(
      dir.Write("spaces.tsv", "192.0.2.0   192.0.2.255  64500 DE  Example   Broadband\n"),
      &diagnostics);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->Lookup(Ip("192.0.2.3"))->organization, "Example   Broadband");
}

TEST(Ip2asnTable, FilesThatAreNotIp2asnAreErrorsNamingThem) {
  TempDir dir;
  Diagnostics diagnostics;
  const auto missing = Ip2asnTable::Load((dir.path() / "nope.tsv").string(), &diagnostics);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("nope.tsv"), std::string::npos);

  const std::string log = dir.Write("auth.log", "Nov  3 02:10:00 web1 sshd[1]: hello\n");
  const auto wrong = Ip2asnTable::Load(log, &diagnostics);
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message().find(log + ":1:"), std::string::npos)
      << wrong.error().message();

  const auto empty = Ip2asnTable::Load(dir.Write("empty.tsv", "# nothing\n"), &diagnostics);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message().find("no routed range"), std::string::npos);
}

}  // namespace
}  // namespace spraytrace::correlate
