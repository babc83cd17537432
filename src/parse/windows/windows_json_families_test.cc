#include "parse/windows/windows_json_families.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "parse/log_parser.h"

namespace spraytrace::parse {
namespace {

// Feeds one JSON line to a family the way the front door does: Sniff, then the parsed object.
class WindowsJsonTest : public ::testing::Test {
 protected:
  RecordStatus Feed(JsonFamily& family, std::string_view line) {
    EXPECT_TRUE(family.Sniff(line)) << line;
    padded_ = simdjson::padded_string(line);
    simdjson::ondemand::document document;
    simdjson::ondemand::object object;
    if (parser_.iterate(padded_).get(document) || document.get_object().get(object)) {
      return RecordStatus::kNotMine;
    }
    ++line_;
    return family.OnObject(object, line, RecordContext{"events.json", {0, line_, 0}}, &sink_);
  }
  std::string_view S(StringId id) const { return strings_.View(id); }

  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  simdjson::ondemand::parser parser_;
  simdjson::padded_string padded_;
  uint64_t line_ = 0;
};

// Winlogbeat 8.x: event_id as a string, nested objects, ECS fields beside winlog.
constexpr std::string_view kWinlogbeat8 =
    R"({"@timestamp":"2024-03-05T10:00:01.234Z","agent":{"type":"winlogbeat","version":"8.12.0"},)"
    R"("event":{"code":"4625","kind":"event","provider":"Microsoft-Windows-Security-Auditing",)"
    R"("action":"logon-failed","category":["authentication"],"outcome":"failure"},)"
    R"("host":{"name":"srv01.corp.example"},"log":{"level":"information"},)"
    R"("message":"An account failed to log on.\r\n\r\nSubject:...",)"
    R"("winlog":{"channel":"Security","computer_name":"SRV01.corp.example",)"
    R"("event_data":{"SubjectUserSid":"S-1-0-0","SubjectUserName":"-","TargetUserSid":"S-1-0-0",)"
    R"("TargetUserName":"CORP\\Alice","TargetDomainName":"CORP","Status":"0xc000006d",)"
    R"("FailureReason":"%%2313","SubStatus":"0xc000006a","LogonType":"3",)"
    R"("LogonProcessName":"NtLmSsp ","AuthenticationPackageName":"NTLM",)"
    R"("WorkstationName":"KALI","IpAddress":"::ffff:203.0.113.9","IpPort":"51234"},)"
    R"("event_id":"4625","keywords":["Audit Failure"],"logon":{"type":"Network",)"
    R"("failure":{"reason":"Unknown user name or bad password."}},"opcode":"Info",)"
    R"("provider_name":"Microsoft-Windows-Security-Auditing","record_id":"98765","task":"Logon"},)"
    R"("source":{"ip":"203.0.113.9","port":51234,"domain":"KALI"},"user":{"name":"Alice"}})";

TEST_F(WindowsJsonTest, WinlogbeatNested) {
  WinlogbeatFamily family(&strings_, &diagnostics_);
  ASSERT_EQ(Feed(family, kWinlogbeat8), RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 1u);
  const AuthEvent& a = sink_.events[0];
  EXPECT_EQ(a.time, ToTimestamp(CivilTime{2024, 3, 5, 10, 0, 1, 234000}));
  EXPECT_EQ(a.source_ip.ToString(), "203.0.113.9");
  EXPECT_EQ(S(a.user), "CORP\\Alice");
  EXPECT_EQ(S(a.user_canonical), "alice");
  EXPECT_EQ(a.reason, Reason::kBadPassword);
  EXPECT_EQ(S(a.target_host), "SRV01.corp.example");
  EXPECT_EQ(a.where.line, 1u);
}

TEST_F(WindowsJsonTest, WinlogbeatSevenNumericIdAndDottedKeys) {
  WinlogbeatFamily family(&strings_, &diagnostics_);
  // 7.x: numeric event_id, no computer_name (host.name used).
  ASSERT_EQ(Feed(family, R"({"@timestamp":"2020-01-02T03:04:05Z","host":{"name":"DC01"},)"
                         R"("winlog":{"event_id":4771,"event_data":{"TargetUserName":"bob",)"
                         R"("Status":"0x18","PreAuthType":"2","IpAddress":"::ffff:10.0.0.9"}}})"),
            RecordStatus::kHandled);
  // A flattened export (Splunk, some SIEM pipelines).
  ASSERT_EQ(Feed(family, R"({"@timestamp":"2020-01-02T03:04:06Z","winlog.event_id":"4776",)"
                         R"("winlog.computer_name":"DC01.corp","winlog.event_data.TargetUserName":)"
                         R"("carol","winlog.event_data.Workstation":"WS7",)"
                         R"("winlog.event_data.Status":"0xC0000064"})"),
            RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(S(sink_.events[0].target_host), "DC01");
  EXPECT_EQ(sink_.events[0].reason, Reason::kBadPassword);
  EXPECT_EQ(sink_.events[0].source_ip.ToString(), "10.0.0.9");
  EXPECT_EQ(S(sink_.events[1].source_host), "WS7");
  EXPECT_EQ(sink_.events[1].reason, Reason::kUnknownUser);
}

TEST_F(WindowsJsonTest, WinlogbeatOtherEventsAndBadRecords) {
  WinlogbeatFamily family(&strings_, &diagnostics_);
  EXPECT_EQ(Feed(family, R"({"@timestamp":"2020-01-02T03:04:05Z","winlog":{"event_id":"4672",)"
                         R"("event_data":{"SubjectUserName":"admin"}}})"),
            RecordStatus::kHandled);
  EXPECT_TRUE(sink_.events.empty());
  // No id anywhere.
  EXPECT_EQ(
      Feed(family, R"({"@timestamp":"2020-01-02T03:04:05Z","winlog":{"channel":"Security"}})"),
      RecordStatus::kBad);
  // An authentication event without a time.
  EXPECT_EQ(Feed(family, R"({"winlog":{"event_id":"4625","event_data":{"TargetUserName":"x"}}})"),
            RecordStatus::kBad);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 2u);
  // Malformed JSON inside the record (the front door only checked the start).
  EXPECT_EQ(Feed(family, R"({"@timestamp":"2020-01-02T03:04:05Z","winlog":{"event_id":"4625",)"
                         R"("event_data":{"TargetUserName":tru}}})"),
            RecordStatus::kBad);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadJson), 1u);
  EXPECT_TRUE(sink_.events.empty());
}

// OTRF Security-Datasets shape (formats.md 2.2): local EventTime, UTC @timestamp.
constexpr std::string_view kNxlog4776 =
    R"({"@timestamp":"2020-10-22T08:29:55.357Z","OpcodeValue":0,"port":58121,"Severity":"ERROR",)"
    R"("Workstation":"WORKSTATION5","EventTime":"2020-10-22 04:29:53","SourceName":)"
    R"("Microsoft-Windows-Security-Auditing","Channel":"Security","Status":"0xc000006a",)"
    R"("EventReceivedTime":"2020-10-22 04:29:55","ExecutionProcessID":696,"EventID":4776,)"
    R"("Category":"Credential Validation","tags":["mordorDataset"],"SeverityValue":4,)"
    R"("Keywords":-9218868437227405312,"EventType":"AUDIT_FAILURE","TargetUserName":"lrodriguez",)"
    R"("RecordNumber":537223,"Message":"The computer attempted to validate the credentials",)"
    R"("Hostname":"MORDORDC.theshire.local","PackageName":"MICROSOFT_AUTHENTICATION_PACKAGE_V1_0"})";

TEST_F(WindowsJsonTest, NxlogLocalTimeIsShiftedToUtc) {
  NxlogFamily family(&strings_, &diagnostics_);
  ASSERT_EQ(Feed(family, kNxlog4776), RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 1u);
  const AuthEvent& a = sink_.events[0];
  // 04:29:53 EDT is 08:29:53Z: the offset comes from @timestamp vs EventReceivedTime.
  EXPECT_EQ(a.time, ToTimestamp(CivilTime{2020, 10, 22, 8, 29, 53}));
  EXPECT_EQ(S(a.source_host), "WORKSTATION5");
  EXPECT_EQ(S(a.target_host), "MORDORDC.theshire.local");
  EXPECT_EQ(a.reason, Reason::kBadPassword);
  // Without @timestamp, EventTime is taken as UTC; with a zone it is exact.
  ASSERT_EQ(Feed(family, R"({"EventTime":"2020-10-22 04:29:53","EventID":"4776","Workstation":)"
                         R"("WS1","Status":"0x0","TargetUserName":"ann","Hostname":"DC"})"),
            RecordStatus::kHandled);
  ASSERT_EQ(Feed(family, R"({"EventTime":"2020-10-22T04:29:53-04:00","@timestamp":)"
                         R"("2020-10-22T09:00:00Z","EventID":4624,"LogonType":"10",)"
                         R"("TargetUserName":"ann","IpAddress":"198.51.100.7","Hostname":"TS1"})"),
            RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 3u);
  EXPECT_EQ(sink_.events[1].time, ToTimestamp(CivilTime{2020, 10, 22, 4, 29, 53}));
  EXPECT_EQ(sink_.events[1].outcome, Outcome::kSuccess);
  EXPECT_EQ(sink_.events[2].time, ToTimestamp(CivilTime{2020, 10, 22, 8, 29, 53}));
  EXPECT_EQ(sink_.events[2].source_ip.ToString(), "198.51.100.7");
}

TEST_F(WindowsJsonTest, EvtxJsonWithNulls) {
  EvtxJsonFamily family(&strings_, &diagnostics_);
  // formats.md 2.3, python-evtx: nulls for empty Data, TimeCreated in UTC without a zone.
  ASSERT_EQ(
      Feed(family, R"({"EventID": 4771, "TimeCreated": "2020-07-22 20:29:36.425364", )"
                   R"("EventRecordID": 887114, "Channel": "Security", "Computer": )"
                   R"("01566s-win16-ir.threebeesco.com", "Provider": )"
                   R"("Microsoft-Windows-Security-Auditing", "EventData": {"TargetUserName": )"
                   R"("Administrator", "TargetSid": "S-1-5-21-308926384-500", "ServiceName": )"
                   R"("krbtgt/THREEBEESCO.COM", "TicketOptions": "0x00000010", "Status": )"
                   R"("0x00000018", "PreAuthType": "2", "IpAddress": "172.16.66.1", )"
                   R"("IpPort": "55967", "CertIssuerName": null, "CertSerialNumber": null}})"),
      RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(sink_.events[0].time, ToTimestamp(CivilTime{2020, 7, 22, 20, 29, 36, 425364}));
  EXPECT_EQ(sink_.events[0].reason, Reason::kBadPassword);
  EXPECT_EQ(S(sink_.events[0].user_canonical), "administrator");
  // EventData null (a record with UserData instead), and a bad time on an auth event.
  EXPECT_EQ(Feed(family, R"({"EventID": 1102, "TimeCreated": "2020-07-22 20:29:27.321769", )"
                         R"("Computer": "dc", "EventData": null})"),
            RecordStatus::kHandled);
  EXPECT_EQ(Feed(family, R"({"EventID": 4625, "TimeCreated": "yesterday", "Computer": "dc", )"
                         R"("EventData": {"TargetUserName": "x"}})"),
            RecordStatus::kBad);
  EXPECT_EQ(Feed(family, R"({"EventID": "forty", "TimeCreated": "2020-07-22 20:29:27", )"
                         R"("EventData": {}})"),
            RecordStatus::kBad);
  EXPECT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 2u);
}

TEST_F(WindowsJsonTest, SniffTellsTheRenderingsApart) {
  WinlogbeatFamily winlogbeat(&strings_, &diagnostics_);
  NxlogFamily nxlog(&strings_, &diagnostics_);
  EvtxJsonFamily evtx(&strings_, &diagnostics_);
  EXPECT_TRUE(winlogbeat.Sniff(kWinlogbeat8));
  EXPECT_FALSE(nxlog.Sniff(kWinlogbeat8));
  EXPECT_FALSE(evtx.Sniff(kWinlogbeat8));
  EXPECT_TRUE(nxlog.Sniff(kNxlog4776));
  EXPECT_FALSE(winlogbeat.Sniff(kNxlog4776));
  EXPECT_FALSE(evtx.Sniff(kNxlog4776));
  const std::string_view evtx_line =
      R"({"EventID": 4625, "TimeCreated": "2016-09-19 16:50:06", "EventData": {}})";
  EXPECT_TRUE(evtx.Sniff(evtx_line));
  EXPECT_FALSE(nxlog.Sniff(evtx_line));
  EXPECT_FALSE(winlogbeat.Sniff(evtx_line));
  // An ECS authentication event from another product is nobody's here.
  const std::string_view ecs =
      R"({"@timestamp":"2024-01-01T00:00:00Z","event":{"category":["authentication"]}})";
  EXPECT_FALSE(winlogbeat.Sniff(ecs) || nxlog.Sniff(ecs) || evtx.Sniff(ecs));
}

// Through the front door: each rendering reaches its family (not the generic ECS one).
TEST_F(WindowsJsonTest, FrontDoorRoutesEachRendering) {
  LogParser parser(&strings_, &diagnostics_);
  parser.BeginFile(0, "mixed.jsonl", YearHint{2024, 12, false});
  parser.ParseLine(kWinlogbeat8, 1, 0, &sink_);
  parser.ParseLine(kNxlog4776, 2, 0, &sink_);
  parser.ParseLine(R"({"EventID": 4768, "TimeCreated": "2020-07-22 20:29:36.414827", "Computer": )"
                   R"("dc", "EventData": {"TargetUserName": "HD01", "Status": "0x00000006", )"
                   R"("PreAuthType": "-", "IpAddress": "172.16.66.1"}})",
                   3, 0, &sink_);
  parser.ParseLine(R"({"EventID": 4768, "TimeCreated": "2020-07-22 20:29:36", "Computer": "dc")", 4,
                   0, &sink_);  // truncated: never completes
  parser.EndFile(&sink_);
  ASSERT_EQ(sink_.events.size(), 3u);
  EXPECT_EQ(sink_.events[2].reason, Reason::kUnknownUser);
  EXPECT_GE(diagnostics_.Count(DiagnosticKind::kBadJson), 1u);
  const ParseStats stats = parser.stats();
  std::vector<std::string> families;
  for (const auto& [name, count] : stats.by_family) families.push_back(name);
  EXPECT_EQ(families,
            (std::vector<std::string>{"windows-winlogbeat", "windows-nxlog", "windows-evtx-json"}));
}

// Win32-OpenSSH's OpenSSH/Operational event 4 (formats.md 1.7) in python-evtx's rendering.
std::string OpenSshEvent(std::string_view time, std::string_view process,
                         std::string_view payload) {
  return std::string(R"({"EventID": 4, "TimeCreated": ")") + std::string(time) +
         R"(", "EventRecordID": 23, "Channel": "OpenSSH/Operational", "Computer": )"
         R"("fs01.corp.example", "Provider": "OpenSSH", "EventData": {"process": ")" +
         std::string(process) + R"(", "payload": ")" + std::string(payload) + R"("}})";
}

TEST_F(WindowsJsonTest, OpenSshOperationalMessagesAreSshdAttempts) {
  LogParser parser(&strings_, &diagnostics_);
  parser.BeginFile(0, "openssh.jsonl", YearHint{2024, 12, false});
  const std::vector<std::string> lines = {
      // One guess logged twice ("Invalid user", then "Failed password") on port 60096, and a
      // second connection interleaved with it on port 60097: one attempt per guess, each its
      // own user.
      OpenSshEvent("2024-05-20 12:49:51.628172", "sshd",
                   "Invalid user hacker from 2001:db8::7 port 60096"),
      OpenSshEvent("2024-05-20 12:49:51.700000", "sshd",
                   "Invalid user guest from 2001:db8::7 port 60097"),
      OpenSshEvent("2024-05-20 12:49:52.000001", "sshd",
                   "Failed password for invalid user hacker from 2001:db8::7 port 60096 ssh2"),
      OpenSshEvent("2024-05-20 12:49:52.100000", "sshd",
                   "Failed password for invalid user guest from 2001:db8::7 port 60097 ssh2"),
      // A username that itself says " port 5": the connection is still the last port.
      OpenSshEvent("2024-05-20 12:50:00", "sshd",
                   "Failed password for invalid user a port 5 from ::ffff:198.51.100.4 port "
                   "40001 ssh2"),
      // Another Win32-OpenSSH process and sshd's chatter: theirs, but no attempt.
      OpenSshEvent("2024-05-20 12:50:01", "ssh-agent", "Agent started"),
      OpenSshEvent("2024-05-20 12:50:02", "sshd", "Server listening on :: port 22."),
      // An event without a usable time is a bad record, the rest go on.
      OpenSshEvent("not a time", "sshd", "Failed password for bob from 192.0.2.1 port 1 ssh2"),
      OpenSshEvent("2024-05-20 12:51:00", "sshd",
                   "Accepted password for admmig from 192.0.2.10 port 50001 ssh2"),
  };
  uint64_t number = 0;
  for (const std::string& line : lines) parser.ParseLine(line, ++number, 0, &sink_);
  parser.EndFile(&sink_);

  ASSERT_EQ(sink_.events.size(), 4u);
  std::vector<std::string> users;
  for (const AuthEvent& e : sink_.events) users.emplace_back(S(e.user));
  std::sort(users.begin(), users.end());
  EXPECT_EQ(users, (std::vector<std::string>{"a port 5", "admmig", "guest", "hacker"}));
  for (const AuthEvent& e : sink_.events) {
    EXPECT_EQ(S(e.target_host), "fs01.corp.example");
    if (S(e.user) == "hacker") {
      EXPECT_EQ(e.source_ip.ToString(), "2001:db8::7");
      EXPECT_EQ(e.reason, Reason::kUnknownUser);
      // Dated like sshd's attempts in syslog: from the connection's first line of the guess.
      EXPECT_EQ(e.time, ToTimestamp(CivilTime{2024, 5, 20, 12, 49, 51, 628172}));
    }
    if (S(e.user) == "a port 5") {
      EXPECT_EQ(e.source_ip.ToString(), "198.51.100.4");
    }
    if (S(e.user) == "admmig") {
      EXPECT_EQ(e.outcome, Outcome::kSuccess);
    }
  }
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 1u);
  EXPECT_EQ(parser.stats().by_family.size(), 1u);
}

}  // namespace
}  // namespace spraytrace::parse
