#include "parse/log_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

namespace spraytrace::parse {
namespace {

Timestamp Utc(int year, int month, int day, int hour, int minute, int second, int micros = 0) {
  return ToTimestamp(CivilTime{year, month, day, hour, minute, second, micros});
}

class LogParserTest : public ::testing::Test {
 protected:
  // Feeds lines (numbered from 1) as one file and flushes it.
  void Run(const std::vector<std::string>& lines, YearHint hint = {2024, 12, false}) {
    parser_.BeginFile(3, "auth.log", hint);
    uint64_t offset = 0;
    uint64_t number = 0;
    for (const std::string& line : lines) {
      parser_.ParseLine(line, ++number, offset, &sink_);
      offset += line.size() + 1;
    }
    parser_.EndFile(&sink_);
  }

  StringPool strings_;
  Diagnostics diagnostics_;
  LogParser parser_{&strings_, &diagnostics_};
  CollectingSink sink_;
};

TEST_F(LogParserTest, CountsLinesByKind) {
  Run({"", "Dec 10 07:00:01 gate CRON[99]: (root) CMD (run-parts /etc/cron.hourly)",
       "# not a log line",
       "Feb 30 07:00:02 gate sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2",
       "Dec 10 07:00:03 gate sshd[24227]: Failed password for root from 192.0.2.1 port 4 ssh2",
       "   "});
  const ParseStats& stats = parser_.stats();
  EXPECT_EQ(stats.lines, 6u);
  EXPECT_EQ(stats.other_lines, 1u);
  EXPECT_EQ(stats.relevant_lines, 1u);
  EXPECT_EQ(stats.not_understood, 2u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kUnknownFormat), 1u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadTimestamp), 1u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kUnknownFormat).line, 3u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kUnknownFormat).file, "auth.log");
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kUnknownFormat).detail, "# not a log line");
  ASSERT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(stats.events, 1u);
  EXPECT_EQ(sink_.events[0].time, Utc(2024, 12, 10, 7, 0, 3));
  EXPECT_EQ(sink_.events[0].where.file, 3u);
  EXPECT_EQ(sink_.events[0].where.line, 5u);
}

TEST_F(LogParserTest, UnknownFormatDetailIsTruncated) {
  Run({std::string(1000, 'x')});
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kUnknownFormat).detail.size(), 160u);
}

TEST_F(LogParserTest, NulLineIsBinary) {
  Run({std::string("Dec 10 07:00:03 gate sshd[1]: Fail\0ed", 38)});
  EXPECT_EQ(parser_.stats().not_understood, 1u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBinaryLine), 1u);
}

TEST_F(LogParserTest, MessageRepeatedExpandsToEvents) {
  Run(
      {"Dec 10 07:13:43 gate sshd[24227]: Failed password for root from 198.51.100.4 port 42393 "
       "ssh2",
       "Dec 10 07:13:56 gate sshd[24227]: message repeated 5 times: [ Failed password for root "
       "from 198.51.100.4 port 42393 ssh2]"});
  ASSERT_EQ(sink_.events.size(), 6u);
  EXPECT_EQ(parser_.stats().events, 6u);
  EXPECT_EQ(parser_.stats().relevant_lines, 2u);
  int on_second_line = 0;
  for (const AuthEvent& event : sink_.events) {
    if (event.where.line == 2) {
      ++on_second_line;
      EXPECT_EQ(event.time, Utc(2024, 12, 10, 7, 13, 56));
    }
  }
  EXPECT_EQ(on_second_line, 5);
}

TEST_F(LogParserTest, BsdLastMessageRepeatedReplaysPreviousSshdLine) {
  Run({"Dec 10 07:13:43 gate sshd[5]: Failed password for root from 198.51.100.4 port 2 ssh2",
       "Dec 10 07:13:50 gate last message repeated 3 times",
       "Dec 10 07:14:00 gate CRON[6]: (root) CMD (true)",
       "Dec 10 07:14:10 gate last message repeated 2 times"});
  EXPECT_EQ(sink_.events.size(), 4u);
  EXPECT_EQ(parser_.stats().relevant_lines, 2u);
  EXPECT_EQ(parser_.stats().other_lines, 2u);
}

TEST_F(LogParserTest, YearRollsOverAtNewYear) {
  Run({"Dec 31 23:59:58 gate sshd[5]: Failed password for root from 192.0.2.8 port 2 ssh2",
       "Jan  1 00:00:02 gate sshd[5]: Failed password for root from 192.0.2.8 port 2 ssh2"},
      YearHint{2026, 1, false});
  ASSERT_EQ(sink_.events.size(), 2u);
  std::vector<Timestamp> times = {sink_.events[0].time, sink_.events[1].time};
  std::sort(times.begin(), times.end());
  EXPECT_EQ(times[0], Utc(2025, 12, 31, 23, 59, 58));
  EXPECT_EQ(times[1], Utc(2026, 1, 1, 0, 0, 2));
}

TEST_F(LogParserTest, EveryFraming) {
  Run(
      {"2015-04-16T18:02:50.568798+02:00 db1 sshd[2716]: Failed password for admin from "
       "192.0.2.11 port 5 ssh2",
       "<38>1 2019-07-08T17:40:17.954167-04:00 h.example.com sshd 555 - [q a=\"[x\\]\"] Failed "
       "password for invalid user redmond from 192.0.2.12 port 55555 ssh2",
       R"({"__REALTIME_TIMESTAMP":"1700000000000000","_HOSTNAME":"j1","SYSLOG_IDENTIFIER":)"
       R"("sshd","_PID":"9","MESSAGE":"Failed password for root from 192.0.2.13 port 7 ssh2"})",
       R"({"__REALTIME_TIMESTAMP":"1700000000000000","MESSAGE":"cut)",
       "Nov 23 21:50:19 sshd[8148]: Failed password for root from 192.0.2.14 port 8 ssh2"});
  EXPECT_EQ(parser_.stats().relevant_lines, 4u);
  EXPECT_EQ(parser_.stats().not_understood, 1u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadJson), 1u);
  EXPECT_EQ(sink_.events.size(), 4u);
}

TEST_F(LogParserTest, Fail2banCorpusDoesNotCrash) {
  std::ifstream in("../shared/datasets/fail2ban-testlogs/sshd");
  if (!in) GTEST_SKIP() << "dataset not found; run from the source root";
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  Run(lines);
  const ParseStats& stats = parser_.stats();
  EXPECT_EQ(stats.lines, lines.size());
  EXPECT_GT(stats.relevant_lines, 150u);
  EXPECT_EQ(stats.events, sink_.events.size());
  EXPECT_GE(diagnostics_.Count(DiagnosticKind::kUnknownFormat), 150u);  // "#" comment lines
}

}  // namespace
}  // namespace spraytrace::parse
