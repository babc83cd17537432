// The findings contract: the fields scripts read must be where the design says they are.
#include "report/findings_jsonl.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdio>

namespace spraytrace::report {
namespace {

detect::Finding SampleFinding() {
  detect::Finding f;
  f.rule = detect::Rule::kBruteForce;
  f.rule_id = "brute_force.burst";
  f.severity = 2;
  f.confidence = 0.75;
  f.start = ToTimestamp(CivilTime{2026, 11, 2, 10, 0, 0, 0});
  f.triggered = f.start + 4 * kMicrosPerSecond;
  f.end = f.start + 60 * kMicrosPerSecond;
  f.source_ip = IpAddress::Parse("2001:db8::7");
  f.user_name = "root";
  f.related_ips = {*f.source_ip};
  f.related_users = {"root", "<img src=x onerror=alert(1)>"};
  f.failures = 40;
  f.distinct_accounts = 2;
  f.summary = "2001:db8::7 failed 40 times";
  f.evidence.push_back({EvidenceLocation{0, 17, 1234}, f.triggered, "failed password for root"});
  return f;
}

TEST(FindingsJsonl, WritesTheContractFieldsAsEcs) {
  FileTable files;
  files.Add("/var/log/auth.log");
  JsonWriter json;
  FindingToJson(SampleFinding(), files, &json);

  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json.str()).get(doc), simdjson::SUCCESS) << json.str();
  EXPECT_EQ(std::string_view(doc["rule"]["name"]), "brute_force");
  EXPECT_EQ(std::string_view(doc["rule"]["id"]), "brute_force.burst");
  EXPECT_EQ(std::string_view(doc["event"]["kind"]), "alert");
  EXPECT_EQ(std::string_view(doc["event"]["category"].at(0)), "authentication");
  EXPECT_EQ(int64_t(doc["event"]["severity"]), 2);
  EXPECT_EQ(std::string_view(doc["@timestamp"]), "2026-11-02T10:00:04Z");
  EXPECT_EQ(std::string_view(doc["event"]["start"]), "2026-11-02T10:00:00Z");
  EXPECT_EQ(std::string_view(doc["event"]["end"]), "2026-11-02T10:01:00Z");
  EXPECT_EQ(std::string_view(doc["source"]["ip"]), "2001:db8::7");
  EXPECT_EQ(std::string_view(doc["user"]["name"]), "root");
  EXPECT_EQ(std::string_view(doc["related"]["ip"].at(0)), "2001:db8::7");
  EXPECT_EQ(std::string_view(doc["related"]["user"].at(1)), "<img src=x onerror=alert(1)>");
  EXPECT_EQ(double(doc["spraytrace"]["confidence"]), 0.75);
  EXPECT_TRUE(doc["spraytrace"]["campaign"].is_null());
  const auto evidence = doc["spraytrace"]["evidence"].at(0);
  EXPECT_EQ(std::string_view(evidence["file"]), "/var/log/auth.log");
  EXPECT_EQ(uint64_t(evidence["line"]), 17u);
  EXPECT_EQ(uint64_t(evidence["offset"]), 1234u);
}

TEST(FindingsJsonl, EnrichedSourceHasEcsAsAndGeoFields) {
  FileTable files;
  auto finding = SampleFinding();
  finding.source_profile = detect::SourceProfile{
      64500, "Example \"Broadband\" <b>", "DE", {"honeypot", "partner:quad7"}};
  JsonWriter json;
  FindingToJson(finding, files, &json);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json.str()).get(doc), simdjson::SUCCESS) << json.str();
  EXPECT_EQ(uint64_t(doc["source"]["as"]["number"]), 64500u);
  EXPECT_EQ(std::string_view(doc["source"]["as"]["organization"]["name"]),
            "Example \"Broadband\" <b>");
  EXPECT_EQ(std::string_view(doc["source"]["geo"]["country_iso_code"]), "DE");
  EXPECT_EQ(std::string_view(doc["spraytrace"]["intel"].at(1)), "partner:quad7");
  EXPECT_EQ(json.str().find("<b>"), std::string::npos);  // escaped like every string
  // Unknown parts are left out, not written empty.
  finding.source_profile = detect::SourceProfile{};
  json.Clear();
  FindingToJson(finding, files, &json);
  EXPECT_EQ(json.str().find("\"as\""), std::string::npos);
  EXPECT_EQ(json.str().find("\"geo\""), std::string::npos);
  EXPECT_EQ(json.str().find("\"intel\""), std::string::npos);
}

TEST(FindingsJsonl, CampaignSourcesSummary) {
  FileTable files;
  auto finding = SampleFinding();
  finding.source_ip.reset();
  detect::SourcesProfile p;
  p.sources = 9;
  p.with_asn = 8;
  p.with_country = 7;
  p.distinct_asns = 3;
  p.distinct_countries = 2;
  p.known_bad = 1;
  p.asns = {{64500, "Example", 5}, {64501, "Other", 2}};
  p.countries = {{"US", 4}, {"DE", 3}};
  p.intel = {{"honeypot", 1}};
  finding.sources_profile = p;
  JsonWriter json;
  FindingToJson(finding, files, &json);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json.str()).get(doc), simdjson::SUCCESS) << json.str();
  const auto sources = doc["spraytrace"]["sources"];
  EXPECT_EQ(uint64_t(sources["looked_up"]), 9u);
  EXPECT_EQ(uint64_t(sources["asn_count"]), 3u);
  EXPECT_EQ(uint64_t(sources["known_bad"]), 1u);
  EXPECT_EQ(uint64_t(sources["asns"].at(0)["number"]), 64500u);
  EXPECT_EQ(uint64_t(sources["asns"].at(0)["count"]), 5u);
  EXPECT_EQ(std::string_view(sources["asns"].at(1)["organization"]), "Other");
  EXPECT_EQ(std::string_view(sources["countries"].at(1)["iso_code"]), "DE");
  EXPECT_EQ(uint64_t(sources["countries"].at(1)["count"]), 3u);
  EXPECT_EQ(std::string_view(sources["intel"].at(0)["tag"]), "honeypot");
}

TEST(FindingsJsonl, OmitsSourceAndUserWhenTheFindingHasNone) {
  FileTable files;
  auto finding = SampleFinding();
  finding.source_ip.reset();
  finding.user_name.clear();
  JsonWriter json;
  FindingToJson(finding, files, &json);
  EXPECT_EQ(json.str().find("\"source\""), std::string::npos);
  EXPECT_EQ(json.str().find("\"user\":{"), std::string::npos);
}

TEST(FindingsJsonl, NamesAHostNameSourceAsSourceDomain) {
  FileTable files;
  auto finding = SampleFinding();
  finding.source_ip.reset();
  finding.related_ips.clear();
  finding.source_host = "5.36.59.76.dynamic-dsl-ip.omantel.net.om";
  JsonWriter json;
  FindingToJson(finding, files, &json);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json.str()).get(doc), simdjson::SUCCESS) << json.str();
  EXPECT_EQ(std::string_view(doc["source"]["domain"]), finding.source_host);
  EXPECT_EQ(std::string_view(doc["related"]["hosts"].at(0)), finding.source_host);
  EXPECT_EQ(simdjson::dom::array(doc["related"]["ip"]).size(), 0u);
}

TEST(FindingsJsonl, WritesOneLinePerFindingAndReportsWriteFailure) {
  FileTable files;
  files.Add("a.log");
  std::FILE* tmp = std::tmpfile();
  ASSERT_NE(tmp, nullptr);
  FindingsJsonlWriter writer(tmp, &files);
  writer.OnFinding(SampleFinding());
  writer.OnFinding(SampleFinding());
  EXPECT_TRUE(writer.ok());
  std::rewind(tmp);
  int newlines = 0;
  for (int c = std::fgetc(tmp); c != EOF; c = std::fgetc(tmp)) newlines += c == '\n';
  std::fclose(tmp);
  EXPECT_EQ(newlines, 2);

  std::FILE* full = std::fopen("/dev/full", "w");
  if (full == nullptr) GTEST_SKIP() << "/dev/full not available";
  std::setvbuf(full, nullptr, _IONBF, 0);
  FindingsJsonlWriter failing(full, &files);
  failing.OnFinding(SampleFinding());
  EXPECT_FALSE(failing.ok());
  std::fclose(full);
}

}  // namespace
}  // namespace spraytrace::report
