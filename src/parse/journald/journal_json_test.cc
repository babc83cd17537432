#include "parse/journald/journal_json.h"

#include <gtest/gtest.h>

#include <string>

namespace spraytrace::parse {
namespace {

TEST(JournalJson, TypicalExport) {
  JournalJsonParser parser;
  SyslogRecord r;
  ASSERT_EQ(parser.Parse(R"({"__CURSOR":"s=abc;i=1","__REALTIME_TIMESTAMP":"1700000000123456",)"
                         R"("__MONOTONIC_TIMESTAMP":"12345","_BOOT_ID":"b","PRIORITY":"6",)"
                         R"("_HOSTNAME":"bastion","SYSLOG_IDENTIFIER":"sshd","_COMM":"sshd",)"
                         R"("_PID":"4242","SYSLOG_PID":"1","MESSAGE":"Failed password for )"
                         R"(root from 198.51.100.7 port 50000 ssh2"})",
                         &r),
            JournalStatus::kOk);
  EXPECT_EQ(r.time, 1700000000123456);
  EXPECT_EQ(r.host, "bastion");
  EXPECT_EQ(r.program, "sshd");
  EXPECT_EQ(r.pid, 4242);
  EXPECT_EQ(r.message, "Failed password for root from 198.51.100.7 port 50000 ssh2");
}

TEST(JournalJson, Fallbacks) {
  JournalJsonParser parser;
  SyslogRecord r;
  ASSERT_EQ(parser.Parse(R"({"_SOURCE_REALTIME_TIMESTAMP":"1700000000000001","_COMM":)"
                         R"("sshd-session","SYSLOG_PID":"77","MESSAGE":"m"})",
                         &r),
            JournalStatus::kOk);
  EXPECT_EQ(r.time, 1700000000000001);
  EXPECT_EQ(r.host, "");
  EXPECT_EQ(r.program, "sshd-session");
  EXPECT_EQ(r.pid, 77);
}

TEST(JournalJson, MissingFieldsKeepDefaults) {
  JournalJsonParser parser;
  SyslogRecord r;
  ASSERT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"5"})", &r), JournalStatus::kOk);
  EXPECT_EQ(r.time, 5);
  EXPECT_EQ(r.host, "");
  EXPECT_EQ(r.program, "");
  EXPECT_EQ(r.pid, -1);
  EXPECT_EQ(r.message, "");
  EXPECT_EQ(parser.Parse(R"({"MESSAGE":"no time","_PID":"1"})", &r), JournalStatus::kBadTimestamp);
  EXPECT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"12x"})", &r), JournalStatus::kBadTimestamp);
}

TEST(JournalJson, MessageAsByteArray) {
  JournalJsonParser parser;
  SyslogRecord r;
  // "Invalid user \xFF" followed by a NUL-free tail.
  ASSERT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"1","SYSLOG_IDENTIFIER":"sshd","MESSAGE":)"
                         R"([73,110,118,97,108,105,100,32,117,115,101,114,32,255,33]})",
                         &r),
            JournalStatus::kOk);
  EXPECT_EQ(r.message, "Invalid user \xFF!");
  EXPECT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"1","MESSAGE":[256]})", &r),
            JournalStatus::kBadJson);
  EXPECT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"1","MESSAGE":[1,"a"]})", &r),
            JournalStatus::kBadJson);
}

TEST(JournalJson, MessageNullAndRepeatedField) {
  JournalJsonParser parser;
  SyslogRecord r;
  ASSERT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"1","MESSAGE":null})", &r), JournalStatus::kOk);
  EXPECT_EQ(r.message, "");
  ASSERT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"1","MESSAGE":["first","second"]})", &r),
            JournalStatus::kOk);
  EXPECT_EQ(r.message, "first");
}

TEST(JournalJson, EscapesAreDecoded) {
  JournalJsonParser parser;
  SyslogRecord r;
  ASSERT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"1","MESSAGE":"a\"b\\c\u00e9"})", &r),
            JournalStatus::kOk);
  EXPECT_EQ(r.message, "a\"b\\c\xC3\xA9");
}

TEST(JournalJson, MalformedIsBadJson) {
  JournalJsonParser parser;
  SyslogRecord r;
  for (std::string_view line :
       {R"({"__REALTIME_TIMESTAMP":"1","MESSAGE":"trunc)", R"({"__REALTIME_TIMESTAMP":"1",)",
        R"({"__REALTIME_TIMESTAMP":"1","MESSAGE":"x")", R"({)", R"({"a" 1})", R"([1,2])",
        R"({"__REALTIME_TIMESTAMP":"1","_HOSTNAME":7})", "{\"MESSAGE\":\"\xFF\"}"}) {
    EXPECT_EQ(parser.Parse(line, &r), JournalStatus::kBadJson) << line;
  }
  // The parser is reusable after errors.
  ASSERT_EQ(parser.Parse(R"({"__REALTIME_TIMESTAMP":"9","MESSAGE":"ok"})", &r), JournalStatus::kOk);
  EXPECT_EQ(r.message, "ok");
}

TEST(JournalJson, LargeMessage) {
  JournalJsonParser parser;
  std::string line = R"({"__REALTIME_TIMESTAMP":"1","MESSAGE":")";
  line.append(64 * 1024, 'z');
  line += "\"}";
  SyslogRecord r;
  ASSERT_EQ(parser.Parse(line, &r), JournalStatus::kOk);
  EXPECT_EQ(r.message.size(), 64u * 1024u);
}

}  // namespace
}  // namespace spraytrace::parse
