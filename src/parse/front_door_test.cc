// The front door's routing: JSON lines, documents spanning lines, envelopes, CSV by header,
// forced families, and files nobody recognises. Uses the generic families (ECS, mapped CSV)
// so the tests do not depend on a product family.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parse/csv/csv_mapping.h"
#include "parse/log_parser.h"

namespace spraytrace::parse {
namespace {

std::string EcsLine(std::string_view user, std::string_view ip, std::string_view outcome,
                    int second = 0) {
  return "{\"@timestamp\":\"2024-05-01T10:00:" + std::string(second < 10 ? "0" : "") +
         std::to_string(second) +
         "Z\",\"event\":{\"category\":[\"authentication\"],\"outcome\":\"" + std::string(outcome) +
         "\"},\"source\":{\"ip\":\"" + std::string(ip) + "\"},\"user\":{\"name\":\"" +
         std::string(user) + "\"}}";
}

class FrontDoorTest : public ::testing::Test {
 protected:
  void Run(const std::vector<std::string>& lines, const ParserOptions& options = {}) {
    parser_ = std::make_unique<LogParser>(&strings_, &diagnostics_, options);
    parser_->BeginFile(0, "input", YearHint{2024, 12, false});
    uint64_t offset = 0;
    uint64_t number = 0;
    for (const std::string& line : lines) {
      parser_->ParseLine(line, ++number, offset, &sink_);
      offset += line.size() + 1;
    }
    parser_->EndFile(&sink_);
  }
  std::string User(size_t i) const { return std::string(strings_.View(sink_.events[i].user)); }

  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  std::unique_ptr<LogParser> parser_;
};

TEST_F(FrontDoorTest, EcsJsonLinesAndSyslogInOneFile) {
  Run({EcsLine("alice", "203.0.113.5", "failure"),
       "Dec 10 07:00:03 gate sshd[1]: Failed password for root from 192.0.2.1 port 4 ssh2",
       EcsLine("bob", "2001:db8::7", "success", 1),
       R"({"@timestamp":"2024-05-01T10:00:00Z","event":{"category":["process"]}})"});
  ASSERT_EQ(sink_.events.size(), 3u);
  EXPECT_EQ(User(0), "alice");
  EXPECT_EQ(sink_.events[0].outcome, Outcome::kFailure);
  EXPECT_EQ(sink_.events[0].where.line, 1u);
  int ssh = 0;
  for (const AuthEvent& e : sink_.events) ssh += e.service == Service::kSsh;
  EXPECT_EQ(ssh, 1);
  const ParseStats stats = parser_->stats();
  EXPECT_EQ(stats.relevant_lines, 3u);
  EXPECT_EQ(stats.other_lines, 1u);  // valid JSON, not an authentication event
  ASSERT_EQ(stats.by_family.size(), 2u);
  EXPECT_EQ(stats.by_family[0], (std::pair<std::string, uint64_t>{"sshd", 1}));
  EXPECT_EQ(stats.by_family[1], (std::pair<std::string, uint64_t>{"ecs", 2}));
}

TEST_F(FrontDoorTest, PrettyPrintedPageCitesEachRecordsOwnLine) {
  Run({"{", R"(  "value": [)", "    " + EcsLine("alice", "203.0.113.5", "failure") + ",", "    {",
       R"(      "@timestamp": "2024-05-01T10:00:09Z",)",
       R"(      "event": {"category": "authentication", "outcome": "failure"},)",
       R"(      "source.ip": "203.0.113.6", "user.name": "bob")", "    }", "  ]", "}"});
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(sink_.events[0].where.line, 3u);
  EXPECT_EQ(sink_.events[1].where.line, 4u);
  EXPECT_EQ(User(1), "bob");  // dotted keys read like nested ones
  EXPECT_EQ(sink_.events[1].source_ip.ToString(), "203.0.113.6");
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

// An Azure Monitor blob or a hand-made envelope: the array opened on a line of its own, then
// one record per line at column 0, the last without a comma.
TEST_F(FrontDoorTest, EnvelopeWithOneRecordPerLineAtColumnZero) {
  Run({R"({"records":[)", EcsLine("a", "203.0.113.1", "failure") + ",",
       EcsLine("b", "203.0.113.2", "failure") + ",", EcsLine("c", "2001:db8::3", "failure"), "]}",
       EcsLine("d", "203.0.113.4", "failure")});
  ASSERT_EQ(sink_.events.size(), 4u);
  EXPECT_EQ(sink_.events[2].where.line, 4u);
  EXPECT_EQ(User(2), "c");
  EXPECT_EQ(sink_.events[3].where.line, 6u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

// A record cut inside an array of its own or inside a string still ends at the next record.
TEST_F(FrontDoorTest, RecordCutInsideAnArrayOrStringLosesOnlyItself) {
  std::string in_array = EcsLine("alice", "203.0.113.5", "failure");
  in_array.resize(in_array.find("[\"authentication") + 1);
  std::string in_string = EcsLine("bob", "203.0.113.6", "failure");
  in_string.resize(in_string.find("authentication") + 4);
  Run({in_array, EcsLine("a", "203.0.113.1", "failure"), in_string,
       EcsLine("b", "203.0.113.2", "failure")});
  EXPECT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadJson), 2u);
}

TEST_F(FrontDoorTest, TruncatedJsonLineLosesOnlyItself) {
  std::string cut = EcsLine("alice", "203.0.113.5", "failure");
  cut.resize(cut.size() / 2);
  Run({EcsLine("a", "203.0.113.1", "failure"), cut, EcsLine("b", "203.0.113.2", "failure"),
       EcsLine("c", "203.0.113.3", "failure")});
  EXPECT_EQ(sink_.events.size(), 3u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadJson), 1u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadJson).line, 2u);
}

TEST_F(FrontDoorTest, UnclosedDocumentAtEndIsReported) {
  Run({"[", "  " + EcsLine("a", "203.0.113.1", "failure") + ","});
  EXPECT_TRUE(sink_.events.empty());
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadJson), 1u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadJson).detail,
            "JSON document not closed at the end of the input");
}

TEST_F(FrontDoorTest, CsvByHeaderWithMapping) {
  ParserOptions options;
  options.families.csv = *ParseCsvMapping("time=Time,user=User,source=IP,outcome=Result");
  Run({"\xEF\xBB\xBFTime,User,IP,Result,Note", "2024-05-01 10:00:00,alice,203.0.113.5,failure,x",
       R"(2024-05-01 10:00:01,"bob",203.0.113.5,failure,"two)", R"(lines")",
       "2024-05-01 10:00:02,carol,203.0.113.5,success,"},
      options);
  ASSERT_EQ(sink_.events.size(), 3u);
  EXPECT_EQ(User(1), "bob");
  EXPECT_EQ(sink_.events[1].where.line, 3u);
  EXPECT_EQ(sink_.events[2].outcome, Outcome::kSuccess);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(FrontDoorTest, CsvWithoutMappingIsUnrecognised) {
  Run({"Time,User,IP,Result", "2024-05-01 10:00:00,alice,203.0.113.5,failure"});
  EXPECT_TRUE(sink_.events.empty());
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kUnrecognisedFile), 1u);
  const std::string& detail = diagnostics_.Sample(DiagnosticKind::kUnrecognisedFile).detail;
  EXPECT_EQ(detail.rfind("tried sshd", 0), 0u) << detail;
  EXPECT_NE(detail.find("ecs"), std::string::npos);
  EXPECT_NE(detail.find("csv"), std::string::npos);
}

TEST_F(FrontDoorTest, ForcedFamilyIgnoresTheOthers) {
  ParserOptions options;
  options.forced_family = "ecs";
  ASSERT_TRUE(ValidateParserOptions(options).ok());
  Run({"Dec 10 07:00:03 gate sshd[1]: Failed password for root from 192.0.2.1 port 4 ssh2",
       EcsLine("alice", "203.0.113.5", "failure")},
      options);
  ASSERT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(User(0), "alice");
}

TEST(FrontDoorOptions, UnknownFormatNamesTheFamilies) {
  ParserOptions options;
  options.forced_family = "splunk";
  const Status status = ValidateParserOptions(options);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind("invalid --format 'splunk': must be one of sshd", 0), 0u)
      << status.message();
}

}  // namespace
}  // namespace spraytrace::parse
