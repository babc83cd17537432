#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parse/csv/csv_mapping.h"
#include "parse/csv/csv_splitter.h"
#include "parse/csv/generic_csv_family.h"

namespace spraytrace::parse {
namespace {

std::vector<std::string> Fields(const CsvSplitter& s) {
  return {s.fields().begin(), s.fields().end()};
}

TEST(CsvSplitter, QuotedCommasDoubledQuotesAndEmptyFields) {
  CsvSplitter splitter(1 << 20);
  ASSERT_EQ(splitter.AddLine(R"(2024-01-02,"Doe, John","say ""hi""",,last)"), CsvLineStatus::kRow);
  EXPECT_EQ(Fields(splitter),
            (std::vector<std::string>{"2024-01-02", "Doe, John", R"(say "hi")", "", "last"}));
  ASSERT_EQ(splitter.AddLine(""), CsvLineStatus::kRow);
  EXPECT_EQ(Fields(splitter), (std::vector<std::string>{""}));
}

TEST(CsvSplitter, QuotedLineBreakSpansLines) {
  CsvSplitter splitter(1 << 20);
  EXPECT_EQ(splitter.AddLine(R"(a,"first)"), CsvLineStatus::kIncomplete);
  EXPECT_TRUE(splitter.pending());
  ASSERT_EQ(splitter.AddLine(R"(second",c)"), CsvLineStatus::kRow);
  EXPECT_EQ(Fields(splitter), (std::vector<std::string>{"a", "first\nsecond", "c"}));
  EXPECT_FALSE(splitter.pending());
}

TEST(CsvSplitter, UnclosedQuoteDoesNotSwallowTheFile) {
  CsvSplitter splitter(1 << 20);
  CsvLineStatus status = splitter.AddLine(R"(a,"never closed)");
  size_t lines = 1;
  while (status == CsvLineStatus::kIncomplete) {
    status = splitter.AddLine("x,y");
    ++lines;
  }
  EXPECT_EQ(status, CsvLineStatus::kTooLong);
  EXPECT_EQ(lines, CsvSplitter::kMaxRowLines + 1);  // the line past the limit abandons it
  ASSERT_EQ(splitter.AddLine("x,y"), CsvLineStatus::kRow);
}

TEST(CsvSplitter, TextAfterClosingQuoteIsBad) {
  CsvSplitter splitter(1 << 20);
  EXPECT_EQ(splitter.AddLine(R"("a"b,c)"), CsvLineStatus::kBadQuote);
}

TEST(CsvMapping, ParsesKeysAndSuccessValues) {
  Result<CsvMapping> m = ParseCsvMapping(
      "time=TimeGenerated, user=UserPrincipalName,source=IPAddress,outcome=ResultType,"
      "reason=ResultDescription,success=0|Success");
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_EQ(m->time, "TimeGenerated");
  EXPECT_EQ(m->user, "UserPrincipalName");
  EXPECT_EQ(m->reason, "ResultDescription");
  EXPECT_EQ(m->success, (std::vector<std::string>{"0", "Success"}));
}

TEST(CsvMapping, ErrorsNameTheProblem) {
  EXPECT_EQ(ParseCsvMapping("time=T,user=U,source=S").error().message(),
            "invalid --csv-columns 'time=T,user=U,source=S': the 'outcome' column is required");
  EXPECT_EQ(ParseCsvMapping("time=T,usr=U").error().message(),
            "invalid --csv-columns key 'usr': must be one of time, user, source, outcome, reason, "
            "host, tenant, client, service, success");
  EXPECT_EQ(ParseCsvMapping("time").error().message(),
            "invalid --csv-columns item 'time': must be key=Column");
}

class GenericCsvFamilyTest : public ::testing::Test {
 protected:
  RecordStatus Row(const std::vector<std::string_view>& fields, uint64_t line = 2) {
    const CsvRow row{header_, fields};
    return family_.OnRow(row, RecordContext{"export.csv", {0, line, 0}}, &sink_);
  }
  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  std::vector<std::string_view> header_ = {"When", "Account", "Client IP", "Result", "Why"};
  GenericCsvFamily family_{&strings_, &diagnostics_,
                           *ParseCsvMapping("time=when,user=Account,source=Client IP,"
                                            "outcome=Result,reason=Why")};
};

TEST_F(GenericCsvFamilyTest, ClaimsHeaderWithEveryRequiredColumnIgnoringCase) {
  EXPECT_TRUE(family_.ClaimsHeader(header_));
  const std::vector<std::string_view> partial = {"When", "Account", "Result"};
  EXPECT_FALSE(family_.ClaimsHeader(partial));
  GenericCsvFamily unmapped(&strings_, &diagnostics_, CsvMapping{});
  EXPECT_FALSE(unmapped.ClaimsHeader(header_));
}

TEST_F(GenericCsvFamilyTest, RowsBecomeAttempts) {
  EXPECT_EQ(Row({"2024-05-01 10:00:00", "CORP\\Alice", "::ffff:203.0.113.9", "Failure",
                 "Unknown user name or bad password"}),
            RecordStatus::kHandled);
  EXPECT_EQ(Row({"1714557600", "bob@corp.example", "203.0.113.10", "success", ""}),
            RecordStatus::kHandled);
  EXPECT_EQ(Row({"2024-05-01T10:00:02Z", "carol", "laptop-7", "FAILED", "account locked"}),
            RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 3u);
  const AuthEvent& a = sink_.events[0];
  EXPECT_EQ(a.time, ToTimestamp(CivilTime{2024, 5, 1, 10, 0, 0, 0}));
  EXPECT_EQ(strings_.View(a.user), "CORP\\Alice");
  EXPECT_EQ(strings_.View(a.user_canonical), "alice");
  ASSERT_TRUE(a.has_source_ip);
  EXPECT_EQ(a.source_ip.ToString(), "203.0.113.9");
  EXPECT_EQ(a.outcome, Outcome::kFailure);
  EXPECT_EQ(a.reason, Reason::kUnknownUser);
  EXPECT_EQ(a.where.line, 2u);
  EXPECT_EQ(sink_.events[1].outcome, Outcome::kSuccess);
  EXPECT_EQ(sink_.events[1].time, ToTimestamp(CivilTime{2024, 5, 1, 10, 0, 0, 0}));
  EXPECT_FALSE(sink_.events[2].has_source_ip);
  EXPECT_EQ(strings_.View(sink_.events[2].source_host), "laptop-7");
  EXPECT_EQ(sink_.events[2].reason, Reason::kLockedOut);
}

// Two exports with the same columns in another order, one after the other in the same header
// storage (as the front door reuses it from file to file): each row read by its own header.
TEST_F(GenericCsvFamilyTest, ANewHeaderInTheSameStorageIsLocatedAgain) {
  EXPECT_EQ(Row({"2024-05-01 10:00:00", "alice", "203.0.113.9", "failure", ""}),
            RecordStatus::kHandled);
  header_[0] = "Account";
  header_[1] = "When";
  EXPECT_EQ(Row({"bob", "2024-05-01 10:00:05", "203.0.113.10", "failure", ""}),
            RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(strings_.View(sink_.events[1].user), "bob");
  EXPECT_EQ(sink_.events[1].time, ToTimestamp(CivilTime{2024, 5, 1, 10, 0, 5, 0}));
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(GenericCsvFamilyTest, BadRowsAreCountedNotEmitted) {
  EXPECT_EQ(Row({"yesterday", "alice", "203.0.113.9", "failure", ""}, 7), RecordStatus::kBad);
  EXPECT_EQ(Row({"2024-05-01 10:00:00", "alice"}, 8), RecordStatus::kBad);
  EXPECT_TRUE(sink_.events.empty());
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadCsvRow), 2u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadCsvRow).line, 7u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadCsvRow).detail,
            "time 'yesterday' not understood");
}

}  // namespace
}  // namespace spraytrace::parse
