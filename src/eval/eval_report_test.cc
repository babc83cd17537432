// The table reads well and stays inert; the JSON parses back with the documented keys.
#include "eval/eval_report.h"

#include <gtest/gtest.h>
#include <simdjson.h>

namespace spraytrace::eval {
namespace {

constexpr Timestamp kT0 = 1'800'000'000 * kMicrosPerSecond;

IpAddress Ip(std::string_view text) { return *IpAddress::Parse(text); }

// Two scenarios, one compromise, a hostile account name, a false positive and a bad line.
Results Sample() {
  simulate::GroundTruth truth;
  simulate::Scenario spray;
  spray.id = "spray-1";
  spray.kind = simulate::ScenarioKind::kSingleSourceSpray;
  spray.start = kT0;
  spray.end = kT0 + kMicrosPerHour;
  spray.attempts = 60;
  spray.sources = {Ip("198.51.100.7")};
  spray.targeted_accounts = {"alice", "\x1b[31mevil\"<x>"};
  simulate::Scenario noise = spray;
  noise.id = "noise-\x07";
  noise.kind = simulate::ScenarioKind::kBackgroundNoise;
  noise.sources = {Ip("192.0.2.1"), Ip("2001:db8::5")};
  truth.scenarios = {spray, noise};
  truth.compromises = {{"alice", Ip("198.51.100.7"), kT0 + 5 * kMicrosPerMinute, "spray-1"}};

  FindingsFile file;
  FindingRecord f;
  f.rule_name = "single_source_spray";
  f.timestamp = kT0 + 90 * kMicrosPerSecond;
  f.related_ips = {Ip("198.51.100.7")};
  f.related_users = {"alice", "\x1b[31mevil\"<x>"};
  file.findings.push_back(f);
  f.rule_name = "brute_force";
  f.related_ips = {Ip("203.0.113.9")};
  file.findings.push_back(f);
  file.lines = 3;
  file.bad_lines = 1;
  file.bad_samples = {{2, "not a JSON object: \x1b]0;title"}};
  return Score(truth, file);
}

const ReportContext kContext{"sim/truth.json", "sim/findings.jsonl", {0.9, std::nullopt}};

TEST(EvalReport, TextShowsEveryPartAndNoControlBytes) {
  const std::string text = RenderEvalText(Sample(), kContext);
  for (const char* part :
       {"Scored 2 findings from sim/findings.jsonl against sim/truth.json", "1 of 3 lines",
        "line 2:", "spray-1", "single_source_spray", "+1m30s", "never", "all scenarios",
        "targeted (no background noise)", "203.0.113.9", "Compromises: 0 of 1 found",
        "false compromise alerts: 0", "Floors: NOT met", "--min-recall 0.9"}) {
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  }
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte == '\n' || byte >= 0x20) << "control byte " << int{byte};
  }
}

TEST(EvalReport, JsonParsesBackWithTheDocumentedKeys) {
  const std::string json = RenderEvalJson(Sample(), kContext);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  EXPECT_EQ(std::string_view(doc["format"]), kEvalJsonFormat);
  EXPECT_EQ(uint64_t(doc["findings"]["scored"]), 2u);
  EXPECT_EQ(uint64_t(doc["findings"]["bad_lines"]), 1u);
  EXPECT_EQ(uint64_t(doc["findings"]["bad_line_samples"].at(0)["line"]), 2u);
  EXPECT_EQ(uint64_t(doc["findings"]["by_rule"]["brute_force"]), 1u);
  EXPECT_DOUBLE_EQ(double(doc["sources"]["all"]["precision"]), 0.5);
  EXPECT_DOUBLE_EQ(double(doc["sources"]["all"]["recall"]), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(double(doc["sources"]["targeted"]["recall"]), 1.0);
  EXPECT_EQ(uint64_t(doc["sources"]["false_positives"]["count"]), 1u);
  EXPECT_EQ(std::string_view(doc["sources"]["false_positives"]["sample"].at(0)["ip"]),
            "203.0.113.9");
  simdjson::dom::element spray = doc["scenarios"].at(0);
  EXPECT_EQ(std::string_view(spray["id"]), "spray-1");
  EXPECT_EQ(std::string_view(spray["kind"]), "single_source_spray");
  EXPECT_DOUBLE_EQ(double(spray["recall"]), 1.0);
  EXPECT_DOUBLE_EQ(double(spray["seconds_to_first_finding"]), 90.0);
  EXPECT_EQ(std::string_view(spray["first_finding"]), "2027-01-15T08:01:30Z");
  EXPECT_EQ(uint64_t(spray["rules"]["single_source_spray"]), 1u);
  EXPECT_EQ(uint64_t(spray["accounts_found"]), 2u);
  EXPECT_EQ(std::string_view(doc["scenarios"].at(1)["id"]), "noise-\x07");
  EXPECT_TRUE(doc["scenarios"].at(1)["seconds_to_first_finding"].is_null());
  EXPECT_EQ(uint64_t(doc["accounts"]["targeted"]), 2u);
  EXPECT_EQ(uint64_t(doc["compromises"]["total"]), 1u);
  EXPECT_DOUBLE_EQ(double(doc["compromises"]["recall"]), 0.0);
  EXPECT_TRUE(doc["compromises"]["median_seconds_to_find"].is_null());
  EXPECT_TRUE(doc["compromises"]["items"].at(0)["found_at"].is_null());
  EXPECT_FALSE(bool(doc["floors"]["met"]));
  EXPECT_DOUBLE_EQ(double(doc["floors"]["min_recall"]), 0.9);
  EXPECT_TRUE(doc["floors"]["min_precision"].is_null());
  EXPECT_EQ(json.find('<'), std::string::npos);  // hostile names stay inert
}

}  // namespace
}  // namespace spraytrace::eval
