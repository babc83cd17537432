#include "parse/syslog/syslog_header.h"

#include <gtest/gtest.h>

#include <string>

namespace spraytrace::parse {
namespace {

Timestamp Utc(int year, int month, int day, int hour, int minute, int second, int micros = 0) {
  return ToTimestamp(CivilTime{year, month, day, hour, minute, second, micros});
}

// Parses with a tracker hinted at `hint_year` December.
HeaderStatus Parse(std::string_view line, SyslogRecord* record, int hint_year = 2024) {
  YearTracker years(YearHint{hint_year, 12, false});
  return ParseSyslogHeader(line, &years, record);
}

TEST(SyslogHeader, Rfc3164Classic) {
  SyslogRecord r;
  ASSERT_EQ(Parse("Dec 10 06:55:48 gate sshd[24200]: Failed password for root from 203.0.113.5 "
                  "port 38926 ssh2",
                  &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2024, 12, 10, 6, 55, 48));
  EXPECT_EQ(r.host, "gate");
  EXPECT_EQ(r.program, "sshd");
  EXPECT_EQ(r.pid, 24200);
  EXPECT_EQ(r.message, "Failed password for root from 203.0.113.5 port 38926 ssh2");
}

TEST(SyslogHeader, DayPaddedOrNot) {
  SyslogRecord padded;
  SyslogRecord unpadded;
  SyslogRecord zero;
  ASSERT_EQ(Parse("Dec  1 15:11:46 web1 sshd[7]: x", &padded), HeaderStatus::kOk);
  ASSERT_EQ(Parse("Dec 1 15:11:46 web1 sshd[7]: x", &unpadded), HeaderStatus::kOk);
  ASSERT_EQ(Parse("Dec 01 15:11:46 web1 sshd[7]: x", &zero), HeaderStatus::kOk);
  EXPECT_EQ(padded.time, Utc(2024, 12, 1, 15, 11, 46));
  EXPECT_EQ(unpadded.time, padded.time);
  EXPECT_EQ(zero.time, padded.time);
  EXPECT_EQ(unpadded.host, "web1");
}

TEST(SyslogHeader, ProgramForms) {
  struct Case {
    std::string_view line;
    std::string_view host;
    std::string_view program;
    int64_t pid;
    std::string_view message;
  };
  const Case cases[] = {
      {"Jul  3 14:59:17 box sshd-session[1571]: Failed password", "box", "sshd-session", 1571,
       "Failed password"},
      {"Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown", "combo",
       "sshd(pam_unix)", 19939, "check pass; user unknown"},
      {"Nov 23 21:50:19 sshd[8148]: Invalid user a from 192.0.2.1", "", "sshd", 8148,
       "Invalid user a from 192.0.2.1"},
      {"Mar  3 00:17:22 [sshd]: User root from 192.0.2.3 not allowed", "", "sshd", -1,
       "User root from 192.0.2.3 not allowed"},
      {"Jun 25 23:53:34 [sshd] User root from 192.0.2.4 not allowed", "", "sshd", -1,
       "User root from 192.0.2.4 not allowed"},
      {"Jun 25 23:53:34 h1 [sshd] User root", "h1", "sshd", -1, "User root"},
      {"Feb 7 16:01:07 linux-m899 sshd[5106]: User root", "linux-m899", "sshd", 5106, "User root"},
      {"Jan  5 11:15:05 nas CRON: job ran", "nas", "CRON", -1, "job ran"},
      {"Jan  5 11:15:05 nas sshd[99] Failed password", "nas", "sshd", 99, "Failed password"},
      {"Jan  5 11:15:05 sol sshd[412]: [ID 800047 auth.info] Failed password", "sol", "sshd", 412,
       "[ID 800047 auth.info] Failed password"},
      {"Jan  5 11:15:05 h sshd[1]:", "h", "sshd", 1, ""},
      {"Jan  5 11:15:05 h kernel: [  970.699396] usb", "h", "kernel", -1, "[  970.699396] usb"},
      {"Jan  5 11:15:05 h just some words", "h", "", -1, "just some words"},
      {"Jan  5 11:15:05 h last message repeated 3 times", "h", "", -1,
       "last message repeated 3 times"},
      {"Jan  5 11:15:05 last message repeated 3 times", "", "", -1,
       "last message repeated 3 times"},
  };
  for (const Case& c : cases) {
    SyslogRecord r;
    ASSERT_EQ(Parse(c.line, &r), HeaderStatus::kOk) << c.line;
    EXPECT_EQ(r.host, c.host) << c.line;
    EXPECT_EQ(r.program, c.program) << c.line;
    EXPECT_EQ(r.pid, c.pid) << c.line;
    EXPECT_EQ(r.message, c.message) << c.line;
  }
}

TEST(SyslogHeader, PriorityPrefix) {
  SyslogRecord r;
  ASSERT_EQ(Parse("<38>Feb  5 17:32:18 10.0.0.99 sshd[5]: Accepted password", &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.host, "10.0.0.99");
  EXPECT_EQ(r.program, "sshd");
  EXPECT_EQ(r.time, Utc(2024, 2, 5, 17, 32, 18));
  EXPECT_EQ(Parse("<38 Feb  5 17:32:18 h sshd[5]: x", &r), HeaderStatus::kNotSyslog);
  EXPECT_EQ(Parse("<>Feb  5 17:32:18 h sshd[5]: x", &r), HeaderStatus::kNotSyslog);
}

TEST(SyslogHeader, FractionAndExplicitYear) {
  SyslogRecord r;
  ASSERT_EQ(Parse("Mar 27 13:06:56.25 h sshd[1]: m", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2024, 3, 27, 13, 6, 56, 250000));
  ASSERT_EQ(Parse("Sep 12 2023 10:11:12 fw sshd[2]: m", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2023, 9, 12, 10, 11, 12));
  EXPECT_EQ(r.host, "fw");
}

TEST(SyslogHeader, BadRfc3164Timestamps) {
  SyslogRecord r;
  EXPECT_EQ(Parse("Feb 30 10:00:00 h sshd[1]: m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("Feb 29 10:00:00 h sshd[1]: m", &r, 2025), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("Feb 29 10:00:00 h sshd[1]: m", &r, 2024), HeaderStatus::kOk);
  EXPECT_EQ(Parse("Dec 10 24:00:00 h sshd[1]: m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("Dec 10 23:60:00 h sshd[1]: m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("Dec 10 6:55:48 h sshd[1]: m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("Dec 10 06:55 h sshd[1]: m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("Dec 10 06:55:48x h sshd[1]: m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("Dec 32 06:55:48 h sshd[1]: m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("Dec 10 23:59:60 h sshd[1]: m", &r), HeaderStatus::kOk);  // leap second
}

TEST(SyslogHeader, NotSyslog) {
  SyslogRecord r;
  for (std::string_view line :
       {"", "# comment", "hello world", "Decimal 10 06:55:48 h sshd[1]: m", "dec 10 06:55:48 h x",
        "Dec 10 06:55:48", "Dec 10 06:55:48 ", "12345", "2015-04-16T18:02:50Z",
        "{\"MESSAGE\":\"x\"}", "<38>1 2019-07-08T17:40:16Z host sshd"}) {
    EXPECT_EQ(Parse(line, &r), HeaderStatus::kNotSyslog) << line;
  }
}

TEST(SyslogHeader, IsoHighPrecision) {
  SyslogRecord r;
  ASSERT_EQ(Parse("2015-04-16T18:02:50.568798+00:00 db1 sshd[2716]: Connection closed", &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2015, 4, 16, 18, 2, 50, 568798));
  EXPECT_EQ(r.host, "db1");
  EXPECT_EQ(r.program, "sshd");
  EXPECT_EQ(r.pid, 2716);
  EXPECT_EQ(r.message, "Connection closed");
}

TEST(SyslogHeader, IsoOffsetsConvertToUtc) {
  SyslogRecord r;
  // -05:00 at 21:30 on Dec 31 is 02:30 UTC on Jan 1 of the next year.
  ASSERT_EQ(Parse("2023-12-31T21:30:00-05:00 h sshd[1]: m", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2024, 1, 1, 2, 30, 0));
  // +02:00 just after midnight on Jan 1 is Dec 31 of the previous year.
  ASSERT_EQ(Parse("2024-01-01T00:15:00.5+02:00 h sshd[1]: m", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2023, 12, 31, 22, 15, 0, 500000));
  ASSERT_EQ(Parse("2024-03-01T00:00:00Z sshd[1]: m", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2024, 3, 1, 0, 0, 0));
  EXPECT_EQ(r.host, "");
  ASSERT_EQ(Parse("<13>2024-03-01T00:00:00+0530 h sshd[1]: m", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2024, 2, 29, 18, 30, 0));
}

TEST(SyslogHeader, IsoBadTimestamps) {
  SyslogRecord r;
  for (std::string_view line :
       {"2024-02-30T10:00:00Z h sshd[1]: m", "2023-02-29T10:00:00Z h sshd[1]: m",
        "2024-01-01T24:00:00Z h sshd[1]: m", "2024-13-01T10:00:00Z h sshd[1]: m",
        "2024-01-01 10:00:00 h sshd[1]: m", "2024-01-01T10:00:00+25:00 h sshd[1]: m",
        "2024-01-01T10:00:00. h sshd[1]: m", "2024-01-01T10:00:00+01: h sshd[1]: m"}) {
    EXPECT_EQ(Parse(line, &r), HeaderStatus::kBadTimestamp) << line;
  }
}

// Vendor framings met in VPN logs (formats.md 6-8).
TEST(SyslogHeader, CiscoAsaTimeAndDeviceId) {
  SyslogRecord r;
  ASSERT_EQ(Parse("<166>Dec 13 2013 16:22:38 10.234.151.32 : %ASA-6-113015: AAA user "
                  "authentication Rejected : reason = Invalid password : local database : user = "
                  "johntheuser",
                  &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2013, 12, 13, 16, 22, 38));
  EXPECT_EQ(r.host, "10.234.151.32");
  EXPECT_EQ(r.program, "%ASA-6-113015");
  EXPECT_EQ(r.message.substr(0, 33), "AAA user authentication Rejected ");
  // No device id: the time ends with a colon and the tag follows.
  ASSERT_EQ(Parse("Oct 15 2015 12:07:42: %ASA-6-605005: Login permitted from 192.0.2.7/7650 to "
                  "inside:192.0.2.1/ssh for user \"localadmin\"",
                  &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2015, 10, 15, 12, 7, 42));
  EXPECT_EQ(r.host, "");
  EXPECT_EQ(r.program, "%ASA-6-605005");
  EXPECT_TRUE(r.message.starts_with("Login permitted from"));
  // A year-less time with a colon is still a bad timestamp, as before.
  EXPECT_EQ(Parse("Oct 15 12:07:42: %ASA-6-605005: x", &r), HeaderStatus::kBadTimestamp);
  ASSERT_EQ(Parse("2019-03-12T10:00:00Z asa-fw : %ASA-4-113019: Group = g", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.host, "asa-fw");
  EXPECT_EQ(r.program, "%ASA-4-113019");
  EXPECT_EQ(r.message, "Group = g");
}

TEST(SyslogHeader, PanOsCsvRightAfterTheTime) {
  SyslogRecord r;
  ASSERT_EQ(Parse("Nov 30 16:09:08 1,2021/03/24 11:30:00,013101001305,GLOBALPROTECT,0,2305", &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.host, "");
  EXPECT_EQ(r.program, "");
  EXPECT_EQ(r.message, "1,2021/03/24 11:30:00,013101001305,GLOBALPROTECT,0,2305");
  ASSERT_EQ(Parse("Nov 30 16:09:08 PA-VM 1,2021/03/24 11:30:00,0131,SYSTEM,globalprotect", &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.host, "PA-VM");
  EXPECT_EQ(r.message, "1,2021/03/24 11:30:00,0131,SYSTEM,globalprotect");
}

TEST(SyslogHeader, Rfc3339Time) {
  Timestamp t = 0;
  ASSERT_TRUE(ParseRfc3339Time("2019-07-08T17:40:16.954167-04:00", &t));
  EXPECT_EQ(t, Utc(2019, 7, 8, 21, 40, 16, 954167));
  ASSERT_TRUE(ParseRfc3339Time("2019-07-08T17:40:16.9541679Z", &t));  // 7 digits: truncated
  EXPECT_EQ(t, Utc(2019, 7, 8, 17, 40, 16, 954167));
  ASSERT_TRUE(ParseRfc3339Time("2019-07-08t17:40:16", &t));
  EXPECT_EQ(t, Utc(2019, 7, 8, 17, 40, 16));
  EXPECT_FALSE(ParseRfc3339Time("2019-07-08T17:40:16Zjunk", &t));
  EXPECT_FALSE(ParseRfc3339Time("2019-07-08", &t));
  EXPECT_FALSE(ParseRfc3339Time("-", &t));
}

TEST(SyslogHeader, Rfc5424) {
  SyslogRecord r;
  ASSERT_EQ(Parse("<38>1 2019-07-08T17:40:16.954167-04:00 mail.example.org sshd 57915 - - "
                  "Failed password for invalid user bob from 192.0.2.1 port 59197 ssh2",
                  &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2019, 7, 8, 21, 40, 16, 954167));
  EXPECT_EQ(r.host, "mail.example.org");
  EXPECT_EQ(r.program, "sshd");
  EXPECT_EQ(r.pid, 57915);
  EXPECT_EQ(r.message, "Failed password for invalid user bob from 192.0.2.1 port 59197 ssh2");
}

TEST(SyslogHeader, Rfc5424StructuredData) {
  SyslogRecord r;
  ASSERT_EQ(Parse("<38>1 2019-07-08T17:40:17Z h sshd 555 - [timeQuality tzKnown=\"1\" "
                  "isSynced=\"0\"][x@123 test=\"[brackets]\" esc=\"a\\]b\\\"c\\\\\"] Failed x",
                  &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.message, "Failed x");
  ASSERT_EQ(Parse("<38>1 2019-07-08T17:40:17Z h sshd 555 ID47 [a b=\"c\"]", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.message, "");
  EXPECT_EQ(Parse("<38>1 2019-07-08T17:40:17Z h sshd 555 - [a b=\"c]", &r),
            HeaderStatus::kNotSyslog);
  EXPECT_EQ(Parse("<38>1 2019-07-08T17:40:17Z h sshd 555 - [a]x", &r), HeaderStatus::kNotSyslog);
}

TEST(SyslogHeader, Rfc5424NilValuesAndBom) {
  SyslogRecord r;
  ASSERT_EQ(Parse("<86>1 2024-05-01T10:00:00Z - - - - - \xEF\xBB\xBFhello", &r), HeaderStatus::kOk);
  EXPECT_EQ(r.host, "");
  EXPECT_EQ(r.program, "");
  EXPECT_EQ(r.pid, -1);
  EXPECT_EQ(r.message, "hello");
  EXPECT_EQ(Parse("<86>1 - h sshd 1 - - m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("<86>1 2024-02-30T10:00:00Z h sshd 1 - - m", &r), HeaderStatus::kBadTimestamp);
  EXPECT_EQ(Parse("<86>1 2024-05-01T10:00:00Z h sshd", &r), HeaderStatus::kNotSyslog);
}

TEST(SyslogHeader, LongMessageAndInvalidUtf8) {
  std::string line = "Dec 10 06:55:48 h sshd[1]: ";
  line.append(64 * 1024, 'a');
  SyslogRecord r;
  ASSERT_EQ(Parse(line, &r), HeaderStatus::kOk);
  EXPECT_EQ(r.message.size(), 64u * 1024u);
  ASSERT_EQ(Parse("Dec 10 06:55:48 h\xC3 sshd[1]: Invalid user \xFF\xFE from 192.0.2.1", &r),
            HeaderStatus::kOk);
  EXPECT_EQ(r.host, "h\xC3");
  EXPECT_EQ(r.message, "Invalid user \xFF\xFE from 192.0.2.1");
}

TEST(SyslogHeader, YearFollowsTracker) {
  YearTracker years(YearHint{2026, 1, false});
  SyslogRecord r;
  ASSERT_EQ(ParseSyslogHeader("Dec 31 23:59:59 h sshd[1]: m", &years, &r), HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2025, 12, 31, 23, 59, 59));
  ASSERT_EQ(ParseSyslogHeader("Jan  1 00:00:01 h sshd[1]: m", &years, &r), HeaderStatus::kOk);
  EXPECT_EQ(r.time, Utc(2026, 1, 1, 0, 0, 1));
}

}  // namespace
}  // namespace spraytrace::parse
