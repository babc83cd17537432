#include "correlate/intel_file.h"

#include <gtest/gtest.h>

#include "ingest/test_files.h"

namespace spraytrace::correlate {
namespace {

using ingest::testing::GzipCompress;
using ingest::testing::TempDir;

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

std::vector<std::string> Tags(const IntelSet& set, const char* ip) {
  std::vector<uint32_t> ids;
  set.Match(Ip(ip), &ids);
  std::vector<std::string> tags;
  for (uint32_t id : ids) tags.emplace_back(set.tag(id));
  return tags;
}

using Strings = std::vector<std::string>;

TEST(IntelFile, PlainListWithCommentsAndCidrs) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  const std::string path = dir.Write("quad7-nodes.txt",
                                     "# CovertNetwork-1658 nodes seen by our honeypot\n"
                                     "203.0.113.7\n"
                                     "  198.51.100.0/24   # whole block\n"
                                     "192.0.2.9 2024-10-31 score=90\n"
                                     "2001:db8:7777::/48 ; spamhaus-style comment\n"
                                     "\n"
                                     "::ffff:192.0.2.10\n");
  auto stats = LoadIntelFile(path, &set, &diagnostics);
  ASSERT_TRUE(stats) << stats.error().message();
  EXPECT_EQ(stats->format, IntelFormat::kPlain);
  EXPECT_EQ(stats->name, "quad7-nodes");
  EXPECT_EQ(stats->entries, 5u);
  EXPECT_EQ(diagnostics.Total(), 0u);
  EXPECT_EQ(Tags(set, "203.0.113.7"), Strings{"quad7-nodes"});
  EXPECT_EQ(Tags(set, "198.51.100.200"), Strings{"quad7-nodes"});
  EXPECT_EQ(Tags(set, "192.0.2.9"), Strings{"quad7-nodes"});
  EXPECT_EQ(Tags(set, "192.0.2.10"), Strings{"quad7-nodes"});  // written v4-mapped
  EXPECT_EQ(Tags(set, "2001:db8:7777:1::5"), Strings{"quad7-nodes"});
  EXPECT_TRUE(Tags(set, "203.0.113.8").empty());
  EXPECT_TRUE(Tags(set, "2001:db8:7778::1").empty());
}

TEST(IntelFile, BadLinesAreCountedWithTheirLineNumbers) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  const std::string path = dir.Write("list.txt",
                                     "203.0.113.7\n"
                                     "evil.example.com\n"
                                     "198.51.100.0/33\n"
                                     "192.0.2.1-192.0.2.9\n"
                                     "192.0.2.77\n");
  auto stats = LoadIntelFile(path, &set, &diagnostics);
  ASSERT_TRUE(stats) << stats.error().message();
  EXPECT_EQ(stats->entries, 2u);
  EXPECT_EQ(stats->bad, 3u);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kBadEnrichmentData), 3u);
  const DiagnosticSample& sample = diagnostics.Sample(DiagnosticKind::kBadEnrichmentData);
  EXPECT_EQ(sample.file, path);
  EXPECT_EQ(sample.line, 2u);
  EXPECT_NE(sample.detail.find("evil.example.com"), std::string::npos);
  EXPECT_EQ(Tags(set, "192.0.2.77"), Strings{"list"});
}

TEST(IntelFile, ListWithNothingGoodIsAnError) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  const std::string path = dir.Write("notes.txt", "remember to rotate keys\nand the backups\n");
  auto stats = LoadIntelFile(path, &set, &diagnostics);
  ASSERT_FALSE(stats);
  EXPECT_NE(stats.error().message().find(path + ":1:"), std::string::npos)
      << stats.error().message();
  // An empty list is fine: a feed can be empty today.
  EXPECT_TRUE(LoadIntelFile(dir.Write("empty.txt", "# none today\n"), &set, &diagnostics));
}

TEST(IntelFile, CsvWithAddressAndTagColumns) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  const std::string path = dir.Write("feed.csv",
                                     "first_seen,Indicator,Source,comment\n"
                                     "2024-10-01,203.0.113.7,honeypot,\"seen, twice\"\n"
                                     "2024-10-02,\"198.51.100.0/24\",msft-quad7,\n"
                                     "2024-10-03,203.0.113.7,partner,\n"
                                     "2024-10-04,not-an-ip,partner,\n"
                                     "2024-10-05\n"
                                     "2024-10-06,\"192.0.2.1,unbalanced\n");
  auto stats = LoadIntelFile(path, &set, &diagnostics);
  ASSERT_TRUE(stats) << stats.error().message();
  EXPECT_EQ(stats->format, IntelFormat::kCsv);
  EXPECT_EQ(stats->entries, 3u);
  EXPECT_EQ(stats->bad, 3u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kBadEnrichmentData).line, 5u);
  EXPECT_EQ(Tags(set, "203.0.113.7"), (Strings{"feed:honeypot", "feed:partner"}));
  EXPECT_EQ(Tags(set, "198.51.100.9"), Strings{"feed:msft-quad7"});
}

TEST(IntelFile, CsvHeaderInACommentLineAbuseChStyle) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  auto stats =
      LoadIntelFile(dir.Write("ipblocklist.csv",
                              "################\n"
                              "# abuse.ch botnet C2 IP blocklist (CSV)\n"
                              "# first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n"
                              "\"2024-10-01 10:00:00\",\"192.0.2.50\",\"443\",\"online\","
                              "\"2024-10-30\",\"QakBot\"\n"),
                    &set, &diagnostics);
  ASSERT_TRUE(stats) << stats.error().message();
  EXPECT_EQ(stats->entries, 1u);
  EXPECT_EQ(Tags(set, "192.0.2.50"), Strings{"ipblocklist:QakBot"});
}

TEST(IntelFile, CsvWithoutAnAddressColumnIsAnError) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  auto stats = LoadIntelFile(dir.Write("hosts.csv", "name,owner\nweb1,ops\n"), &set, &diagnostics);
  ASSERT_FALSE(stats);
  EXPECT_NE(stats.error().message().find("hosts.csv"), std::string::npos);
  EXPECT_NE(stats.error().message().find("address column"), std::string::npos);
}

constexpr const char* kBundle = R"({
  "type": "bundle",
  "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
  "objects": [
    {
      "type": "identity",
      "spec_version": "2.1",
      "id": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
      "name": "Example CERT"
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
      "indicator_types": ["malicious-activity"],
      "pattern": "[ipv4-addr:value = '203.0.113.7']",
      "pattern_type": "stix",
      "valid_from": "2024-10-31T00:00:00Z"
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--0b6e8d1c-1e44-4b7c-bb44-4a2e0c4d6a11",
      "pattern": "[ipv4-addr:value ISSUBSET '198.51.100.0/24' OR ipv6-addr:value = '2001:db8::77']",
      "pattern_type": "stix",
      "valid_from": "2024-10-31T00:00:00Z"
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--3f0c1a55-8f2b-4a7e-9a1b-1f2d3c4b5a69",
      "pattern": "[domain-name:value = 'evil.example']",
      "pattern_type": "stix",
      "valid_from": "2024-10-31T00:00:00Z"
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--a1b2c3d4-0000-4000-8000-000000000001",
      "pattern": "[ipv4-addr:value = '192.0.2.66']",
      "pattern_type": "stix",
      "revoked": true,
      "valid_from": "2024-10-31T00:00:00Z"
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--a1b2c3d4-0000-4000-8000-000000000002",
      "pattern": "[ipv4-addr:value = '192.0.2.300']",
      "pattern_type": "stix",
      "valid_from": "2024-10-31T00:00:00Z"
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--a1b2c3d4-0000-4000-8000-000000000003",
      "pattern": "[ipv4-addr:value = '192.0.2.1'",
      "pattern_type": "stix",
      "valid_from": "2024-10-31T00:00:00Z"
    },
    {
      "type": "indicator",
      "spec_version": "2.1",
      "id": "indicator--a1b2c3d4-0000-4000-8000-000000000004",
      "pattern": "alert tcp any any -> any any",
      "pattern_type": "snort",
      "valid_from": "2024-10-31T00:00:00Z"
    }
  ]
})";

TEST(IntelFile, StixBundleIndicators) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  const std::string path = dir.Write("partner.json", kBundle);
  auto stats = LoadIntelFile(path, &set, &diagnostics);
  ASSERT_TRUE(stats) << stats.error().message();
  EXPECT_EQ(stats->format, IntelFormat::kStix);
  EXPECT_EQ(stats->entries, 3u);
  EXPECT_EQ(stats->not_address, 2u);  // the domain and the snort rule
  EXPECT_EQ(stats->bad, 2u);          // 192.0.2.300 and the unclosed pattern
  EXPECT_EQ(Tags(set, "203.0.113.7"), Strings{"partner:malicious-activity"});
  EXPECT_EQ(Tags(set, "198.51.100.44"), Strings{"partner"});
  EXPECT_EQ(Tags(set, "2001:db8::77"), Strings{"partner"});
  EXPECT_TRUE(Tags(set, "192.0.2.66").empty());  // revoked
  // The first bad indicator is cited at the line of its id.
  const DiagnosticSample& sample = diagnostics.Sample(DiagnosticKind::kBadEnrichmentData);
  EXPECT_EQ(sample.file, path);
  EXPECT_EQ(sample.line, 48u);
  EXPECT_NE(sample.detail.find("192.0.2.300"), std::string::npos) << sample.detail;
}

TEST(IntelFile, StixSingleLineGzipAndSingleObject) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  const std::string one =
      R"({"type":"indicator","spec_version":"2.1","id":"indicator--1","pattern":"[ipv6-addr:value = '2001:db8:1::/48']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"})";
  auto stats = LoadIntelFile(dir.Write("one.json.gz", GzipCompress(one)), &set, &diagnostics);
  ASSERT_TRUE(stats) << stats.error().message();
  EXPECT_EQ(stats->entries, 1u);
  EXPECT_EQ(Tags(set, "2001:db8:1:2::3"), Strings{"one"});
}

TEST(IntelFile, InvalidJsonIsAnError) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  auto stats = LoadIntelFile(dir.Write("broken.json", "{\"type\": \"bundle\", \"objects\": [\n"),
                             &set, &diagnostics);
  ASSERT_FALSE(stats);
  EXPECT_NE(stats.error().message().find("broken.json"), std::string::npos);
  EXPECT_NE(stats.error().message().find("not valid JSON"), std::string::npos);
}

TEST(IntelFile, SeveralListsNamingOneAddressGiveEveryTag) {
  TempDir dir;
  IntelSet set;
  Diagnostics diagnostics;
  ASSERT_TRUE(LoadIntelFile(dir.Write("a.txt", "192.0.2.0/24\n"), &set, &diagnostics));
  ASSERT_TRUE(LoadIntelFile(dir.Write("b.txt", "192.0.2.5\n192.0.2.5\n"), &set, &diagnostics));
  EXPECT_EQ(Tags(set, "192.0.2.5"), (Strings{"a", "b"}));
  EXPECT_EQ(Tags(set, "192.0.2.6"), Strings{"a"});
}

}  // namespace
}  // namespace spraytrace::correlate
