// Findings lines are read back field by field; bad lines are counted with their numbers and
// never stop the read.
#include "eval/findings_reader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "simulate/iso_time.h"

namespace spraytrace::eval {
namespace {

Timestamp Time(std::string_view text) {
  Timestamp t = 0;
  EXPECT_TRUE(simulate::ParseIsoTime(text, &t)) << text;
  return t;
}

constexpr std::string_view kFinding =
    R"({"@timestamp":"2026-11-02T03:10:09Z","event":{"kind":"alert","start":"2026-11-02T03:10:00Z",)"
    R"("end":"2026-11-02T03:19:08.5Z","severity":2},"rule":{"name":"brute_force",)"
    R"("id":"brute_force.burst"},"source":{"ip":"203.0.113.45"},"user":{"name":"root"},)"
    R"("related":{"ip":["203.0.113.45","2001:DB8::1"],"user":["root","<b>x</b>"]},)"
    R"("spraytrace":{"campaign":null}})";

TEST(FindingsReader, ReadsTheContractFields) {
  auto f = ParseFindingLine(kFinding);
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(f->rule_name, "brute_force");
  EXPECT_EQ(f->rule_id, "brute_force.burst");
  EXPECT_EQ(f->timestamp, Time("2026-11-02T03:10:09Z"));
  EXPECT_EQ(*f->start, Time("2026-11-02T03:10:00Z"));
  EXPECT_EQ(*f->end, Time("2026-11-02T03:19:08.500000Z"));
  ASSERT_EQ(f->related_ips.size(), 2u);
  EXPECT_EQ(f->related_ips[1].ToString(), "2001:db8::1");
  EXPECT_EQ(f->source_ip->ToString(), "203.0.113.45");
  EXPECT_EQ(*f->user_name, "root");
  EXPECT_EQ(f->related_users, (std::vector<std::string>{"root", "<b>x</b>"}));
  EXPECT_EQ(f->severity, 2);
  EXPECT_FALSE(f->confidence.has_value());
  EXPECT_EQ(f->campaign, "") << "null campaign";
}

TEST(FindingsReader, ReadsConfidenceSeverityAndCampaignForBlocklists) {
  auto f = ParseFindingLine(
      R"({"@timestamp":"2026-11-02T03:10:09Z","rule":{"name":"distributed_spray"},)"
      R"("event":{"severity":3},"spraytrace":{"campaign":"distributed-x","confidence":0.8933}})");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(f->severity, 3);
  EXPECT_DOUBLE_EQ(*f->confidence, 0.8933);
  EXPECT_EQ(f->campaign, "distributed-x");
  f = ParseFindingLine(R"({"@timestamp":"2026-11-02T03:10:09Z","rule.name":"brute_force",)"
                       R"("spraytrace.confidence":1})");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(*f->confidence, 1.0) << "an integer confidence is a number too";
  f = ParseFindingLine(R"({"@timestamp":"2026-11-02T03:10:09Z","rule.name":"brute_force",)"
                       R"("event.severity":"high"})");
  ASSERT_FALSE(f.has_value());
  EXPECT_NE(f.error().message().find("event.severity"), std::string::npos);
  f = ParseFindingLine(R"({"@timestamp":"2026-11-02T03:10:09Z","rule.name":"brute_force",)"
                       R"("spraytrace":{"confidence":"sure"}})");
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().message(), "spraytrace.confidence: not a number");
}

TEST(FindingsReader, ReadsTheMessageAndAccountCountForStixDescriptions) {
  auto f = ParseFindingLine(
      R"({"@timestamp":"2026-11-02T03:10:09Z","rule":{"name":"distributed_spray"},)"
      R"("message":"741 addresses \u003cb\u003e failed","spraytrace":{"distinct_accounts":280}})");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(f->message, "741 addresses <b> failed");
  EXPECT_EQ(f->distinct_accounts, 280u);
  f = ParseFindingLine(R"({"@timestamp":"2026-11-02T03:10:09Z","rule.name":"brute_force",)"
                       R"("message":null,"spraytrace.distinct_accounts":null})");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(f->message, "");
  EXPECT_FALSE(f->distinct_accounts.has_value());
  for (const char* bad :
       {R"("spraytrace":{"distinct_accounts":-3})", R"("spraytrace":{"distinct_accounts":2.5})",
        R"("spraytrace":{"distinct_accounts":"many"})"}) {
    f = ParseFindingLine(
        std::string(R"({"@timestamp":"2026-11-02T03:10:09Z","rule.name":"brute_force",)") + bad +
        "}");
    ASSERT_FALSE(f.has_value()) << bad;
    EXPECT_EQ(f.error().message(), "spraytrace.distinct_accounts: not a non-negative integer");
  }
  f = ParseFindingLine(R"({"@timestamp":"2026-11-02T03:10:09Z","rule.name":"brute_force",)"
                       R"("message":["not","a","sentence"]})");
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().message(), "message: not a string");
}

TEST(FindingsReader, AcceptsDottedNamesSingleValuesAndNulls) {
  auto f = ParseFindingLine(
      R"({"@timestamp":"2026-11-02T03:10:09Z","rule.name":"compromise","related.ip":"::ffff:1.2.3.4",)"
      R"("user":{"name":null},"source":{"ip":null},"related.user":"bob"})");
  ASSERT_TRUE(f.has_value()) << f.error().ToString();
  EXPECT_EQ(f->rule_name, "compromise");
  ASSERT_EQ(f->related_ips.size(), 1u);
  EXPECT_EQ(f->related_ips[0].ToString(), "1.2.3.4");
  EXPECT_FALSE(f->user_name.has_value());
  EXPECT_FALSE(f->source_ip.has_value());
  EXPECT_EQ(f->related_users, std::vector<std::string>{"bob"});
}

TEST(FindingsReader, RefusesLinesNamingTheField) {
  const auto reason = [](std::string_view line) {
    auto f = ParseFindingLine(line);
    EXPECT_FALSE(f.has_value()) << line;
    return f.has_value() ? std::string() : f.error().message();
  };
  EXPECT_NE(reason("not json").find("not a JSON object"), std::string::npos);
  EXPECT_NE(reason("[1,2]").find("not a JSON object"), std::string::npos);
  EXPECT_NE(reason(R"({"@timestamp":"2026-11-02T03:10:09Z"})").find("rule.name"),
            std::string::npos);
  EXPECT_NE(reason(R"({"rule":{"name":"x"}})").find("@timestamp"), std::string::npos);
  EXPECT_NE(reason(R"({"rule":{"name":"x"},"@timestamp":"yesterday"})").find("@timestamp"),
            std::string::npos);
  EXPECT_NE(reason(R"({"rule":{"name":"x"},"@timestamp":"2026-11-02T03:10:09Z",)"
                   R"("related":{"ip":["host.example"]}})")
                .find("related.ip: 'host.example' is not an IP address"),
            std::string::npos);
  EXPECT_NE(reason(R"({"rule":{"name":"x"},"@timestamp":"2026-11-02T03:10:09Z",)"
                   R"("related":{"user":[1]}})")
                .find("related.user"),
            std::string::npos);
}

TEST(FindingsReader, CountsBadLinesWithNumbersAndScoresTheRest) {
  std::istringstream in(std::string(kFinding) + "\n\n{broken\n" + std::string(kFinding) +
                        "\r\n   \n\x01\xff garbage\n" + std::string(kFinding));
  const FindingsFile file = ReadFindings(in);
  EXPECT_EQ(file.findings.size(), 3u);
  EXPECT_EQ(file.lines, 5u);
  EXPECT_EQ(file.bad_lines, 2u);
  ASSERT_EQ(file.bad_samples.size(), 2u);
  EXPECT_EQ(file.bad_samples[0].line, 3u);
  EXPECT_EQ(file.bad_samples[1].line, 6u);
}

TEST(FindingsReader, EmptyInputIsNoFindings) {
  std::istringstream in("");
  const FindingsFile file = ReadFindings(in);
  EXPECT_EQ(file.lines, 0u);
  EXPECT_TRUE(file.findings.empty());
}

TEST(FindingsReader, KeepsOnlyTheFirstBadSamples) {
  std::string text;
  for (int i = 0; i < 25; ++i) text += "nope\n";
  std::istringstream in(text);
  const FindingsFile file = ReadFindings(in);
  EXPECT_EQ(file.bad_lines, 25u);
  EXPECT_EQ(file.bad_samples.size(), FindingsFile::kMaxBadSamples);
}

TEST(FindingsReader, UnreadableFileIsAnError) {
  EXPECT_FALSE(LoadFindings("/nonexistent/findings.jsonl").has_value());
  EXPECT_FALSE(LoadFindings("/").has_value());  // a folder
}

}  // namespace
}  // namespace spraytrace::eval
