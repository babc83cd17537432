// The Microsoft 365 Unified Audit Log families on records written in the real shapes
// (formats.md §4, values of our own): JSON lines, JSON arrays, and the Purview CSV export in
// its old and new header variants, with the damage real exports carry.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parse/log_parser.h"
#include "parse/m365/ual_mapping.h"
#include "parse/m365/ual_outcome.h"

namespace spraytrace::parse {
namespace {

constexpr std::string_view kTenant = "0f1e2d3c-0000-4abc-9def-123456789abc";

struct Ual {
  std::string time = "2024-03-05T07:08:09";
  std::string operation = "UserLoginFailed";
  std::string user = "Ingrid@fabrikam.onmicrosoft.com";
  std::string client_ip = "2001:db8:41:7::1a:2b";
  std::string error = "\"ErrorNumber\":\"50126\",\"LogonError\":\"InvalidUserNameOrPassword\"";
  std::string status = "Failed";
  std::string user_agent = "python-requests\\/2.31.0";
};

// A record with the shape and key order of a real AzureActiveDirectoryStsLogon record.
std::string Record(const Ual& u) {
  return "{\"CreationTime\":\"" + u.time +
         "\",\"Id\":\"6c1b2a30-1111-4222-8333-944455556666\",\"Operation\":\"" + u.operation +
         "\",\"OrganizationId\":\"" + std::string(kTenant) +
         "\",\"RecordType\":15,\"ResultStatus\":\"" + u.status +
         "\",\"UserKey\":\"9a8b7c6d-0000-4000-8000-000000000001\",\"UserType\":0,\"Version\":1,"
         "\"Workload\":\"AzureActiveDirectory\",\"ClientIP\":\"" +
         u.client_ip + "\",\"ObjectId\":\"00000002-0000-0000-c000-000000000000\",\"UserId\":\"" +
         u.user +
         "\",\"AzureActiveDirectoryEventType\":1,\"ExtendedProperties\":[{\"Name\":"
         "\"ResultStatusDetail\",\"Value\":\"UserError\"},{\"Name\":\"UserAgent\",\"Value\":\"" +
         u.user_agent +
         "\"},{\"Name\":\"UserAuthenticationMethod\",\"Value\":\"1\"},{\"Name\":\"RequestType\","
         "\"Value\":\"OAuth2:Token\"}],\"ModifiedProperties\":[],\"Actor\":[{\"ID\":"
         "\"9a8b7c6d-0000-4000-8000-000000000001\",\"Type\":0}],\"ActorIpAddress\":\"" +
         u.client_ip +
         "\",\"SupportTicketId\":\"\",\"DeviceProperties\":[{\"Name\":\"OS\","
         "\"Value\":\"Windows 10\"}]," +
         u.error + "}";
}

// RFC 4180 field: quoted, inner quotes doubled (how Purview writes AuditData).
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

constexpr std::string_view kOldHeader =
    R"("RecordType","CreationDate","UserIds","Operations","AuditData","ResultIndex","ResultCount","Identity","IsValid","ObjectState")";
constexpr std::string_view kNewHeader =
    "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,"
    "AssociatedAdminUnitsNames";

std::string OldRow(const Ual& u, std::string_view audit_data) {
  return "\"AzureActiveDirectoryStsLogon\",\"3/5/2024 7:08:09 AM\"," + Quoted(u.user) + "," +
         Quoted(u.operation) + "," + Quoted(audit_data) +
         ",\"1\",\"2\",\"6c1b2a30-1111-4222-8333-944455556666\",\"True\",\"Unchanged\"";
}

std::string NewRow(const Ual& u, std::string_view audit_data) {
  return "6c1b2a30-1111-4222-8333-944455556666,2024-03-05T07:08:09.0000000Z,"
         "AzureActiveDirectoryStsLogon," +
         u.operation + "," + u.user + "," + Quoted(audit_data) + ",,";
}

class M365Test : public ::testing::Test {
 protected:
  void Run(const std::vector<std::string>& lines) {
    parser_ = std::make_unique<LogParser>(&strings_, &diagnostics_);
    parser_->BeginFile(0, "ual", YearHint{2024, 12, false});
    uint64_t offset = 0;
    uint64_t number = 0;
    for (const std::string& line : lines) {
      parser_->ParseLine(line, ++number, offset, &sink_);
      offset += line.size() + 1;
    }
    parser_->EndFile(&sink_);
  }
  const AuthEvent& Event(size_t i) const { return sink_.events.at(i); }
  std::string S(StringId id) const { return std::string(strings_.View(id)); }
  std::string Source(size_t i) const { return Event(i).source_ip.ToString(); }
  uint64_t FamilyRecords(std::string_view name) const {
    for (const auto& [family, count] : parser_->stats().by_family) {
      if (family == name) return count;
    }
    return 0;
  }

  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  std::unique_ptr<LogParser> parser_;
};

TEST_F(M365Test, FailedAndSuccessfulSignInLinesMapEveryField) {
  Ual ok;
  ok.time = "2024-03-05T07:08:10";
  ok.operation = "UserLoggedIn";
  ok.status = "Success";
  ok.user = "Olaf@Fabrikam.onmicrosoft.com";
  ok.error = "\"ErrorNumber\":\"0\"";
  Run({Record(Ual{}), Record(ok)});
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
  const AuthEvent& failed = Event(0);
  EXPECT_EQ(failed.time, ToTimestamp(CivilTime{2024, 3, 5, 7, 8, 9}));  // no 'Z': UTC
  EXPECT_EQ(failed.outcome, Outcome::kFailure);
  EXPECT_EQ(failed.reason, Reason::kBadPassword);
  EXPECT_EQ(S(failed.user), "Ingrid@fabrikam.onmicrosoft.com");
  EXPECT_EQ(S(failed.user_canonical), "ingrid");
  EXPECT_TRUE(failed.has_source_ip);
  EXPECT_EQ(Source(0), "2001:db8:41:7::1a:2b");
  EXPECT_EQ(S(failed.tenant), kTenant);
  EXPECT_EQ(S(failed.target_host), "AzureActiveDirectory");
  EXPECT_EQ(S(failed.client), "python-requests/2.31.0");  // JSON's "\/" unescaped
  EXPECT_EQ(failed.service, Service::kEntra);
  EXPECT_EQ(failed.method, AuthMethod::kPassword);
  EXPECT_EQ(failed.where.line, 1u);
  EXPECT_EQ(Event(1).outcome, Outcome::kSuccess);
  EXPECT_EQ(Event(1).reason, Reason::kNone);
  EXPECT_EQ(S(Event(1).user_canonical), "olaf");
  EXPECT_EQ(Event(1).where.line, 2u);
  EXPECT_EQ(FamilyRecords("m365-ual"), 2u);
}

TEST_F(M365Test, ClientAddressesWithPortsBracketsAndV4Mapping) {
  std::vector<std::string> lines;
  for (const char* ip : {"[2001:db8::5]:51234", "198.51.100.7:443", "::ffff:198.51.100.8",
                         "2001:DB8:0:0::9", " 203.0.113.4 "}) {
    Ual u;
    u.client_ip = ip;
    lines.push_back(Record(u));
  }
  Run(lines);
  ASSERT_EQ(sink_.events.size(), 5u);
  EXPECT_EQ(Source(0), "2001:db8::5");
  EXPECT_EQ(Source(1), "198.51.100.7");
  EXPECT_EQ(Source(2), "198.51.100.8");
  EXPECT_TRUE(Event(2).source_ip.is_v4());
  EXPECT_EQ(Source(3), "2001:db8::9");
  EXPECT_EQ(Source(4), "203.0.113.4");
  EXPECT_EQ(WithoutPort("2001:db8::1"), "2001:db8::1");  // an IPv6 address's colons are its own
  EXPECT_EQ(WithoutPort("[2001:db8::1]"), "2001:db8::1");
  EXPECT_EQ(WithoutPort("host.example:https"), "host.example:https");
}

TEST_F(M365Test, ActorIpAddressStandsInForAMissingClientIp) {
  std::string record = Record(Ual{});
  const std::string client = "\"ClientIP\":\"2001:db8:41:7::1a:2b\",";
  record.erase(record.find(client), client.size());
  Ual empty;
  empty.client_ip = "";
  Run({record, Record(empty)});
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(Source(0), "2001:db8:41:7::1a:2b");
  // Both empty (the Record helper writes one address into both): no source, still an attempt.
  EXPECT_FALSE(Event(1).has_source_ip);
  EXPECT_EQ(Event(1).source_host, kNoString);
}

TEST_F(M365Test, ReasonsFromLogonErrorAndRecordsThatAreNoAttempt) {
  const auto with_error = [](std::string_view number, std::string_view name) {
    Ual u;
    u.error = "\"ErrorNumber\":\"" + std::string(number) + "\",\"LogonError\":\"" +
              std::string(name) + "\"";
    return Record(u);
  };
  Ual mail;
  mail.operation = "MailItemsAccessed";
  Ual legacy_ok;
  legacy_ok.operation = "PasswordLogonInitialAuthUsingPassword";
  legacy_ok.status = "Succeeded";
  Ual legacy_failed = legacy_ok;
  legacy_failed.status = "failed";
  Run({with_error("50034", "UserAccountNotFound"), with_error("50053", "IdsLocked"),
       with_error("50076", "UserStrongAuthClientAuthNRequired"),
       with_error("500011", "InvalidResourceServicePrincipalNotFound"),
       with_error("50140", "KmsiInterrupt"), Record(mail), Record(legacy_ok),
       Record(legacy_failed)});
  ASSERT_EQ(sink_.events.size(), 6u);
  EXPECT_EQ(Event(0).reason, Reason::kUnknownUser);
  EXPECT_EQ(Event(1).reason, Reason::kLockedOut);
  EXPECT_EQ(Event(2).outcome, Outcome::kFailure);
  EXPECT_EQ(Event(2).reason, Reason::kMfaRequired);  // the password was right
  EXPECT_TRUE(IsPasswordCorrect(Event(2).reason));
  EXPECT_EQ(Event(3).reason, Reason::kOther);  // a spray tool's artefact: still a failed try
  EXPECT_EQ(Event(4).outcome, Outcome::kSuccess);
  EXPECT_EQ(Event(5).outcome, Outcome::kFailure);
  // The KMSI prompt and the mailbox access are records of the family, not attempts, not errors.
  EXPECT_EQ(FamilyRecords("m365-ual"), 8u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(M365Test, ApiContentArrayOnOneLineAndAcrossLines) {
  Ual second;
  second.user = "Petra@fabrikam.onmicrosoft.com";
  Run({"[" + Record(Ual{}) + "," + Record(second) + "]", "[", Record(Ual{}) + ",", Record(second),
       "]",
       // A record cut after a comma between its members is cut, not an array going on.
       "{\"CreationTime\":\"2024-03-05T07:08:09\",", Record(second)});
  ASSERT_EQ(sink_.events.size(), 5u);
  EXPECT_EQ(S(Event(1).user_canonical), "petra");
  EXPECT_EQ(Event(2).where.line, 3u);
  EXPECT_EQ(Event(3).where.line, 4u);
  EXPECT_EQ(Event(4).where.line, 7u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadJson), 1u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadJson).line, 6u);
  EXPECT_EQ(diagnostics_.Total(), 1u);
}

TEST_F(M365Test, DamagedLinesAreCountedAndTheRestRead) {
  const std::string good = Record(Ual{});
  Ual no_time;
  no_time.time = "yesterday";
  Ual wrong_types;
  std::string typed = Record(wrong_types);
  // UserId a number, ClientIP null, ExtendedProperties a string: read what can be read.
  typed.replace(typed.find("\"Ingrid@fabrikam.onmicrosoft.com\""),
                std::string("\"Ingrid@fabrikam.onmicrosoft.com\"").size(), "12345");
  typed.replace(typed.find("\"2001:db8:41:7::1a:2b\""),
                std::string("\"2001:db8:41:7::1a:2b\"").size(), "null");
  Run({"\xEF\xBB\xBF" + good + "\r",     // BOM and CRLF
       good.substr(0, good.size() / 2),  // cut short by a full disk
       Record(no_time),                  // no usable time
       typed,                            //
       "{\"CreationTime\":\"2024-03-05T07:08:09\",\"Operation\":\"UserLoginFailed\","
       "\"OrganizationId\":\"x\",\"UserId\":\"a\\u0007b@fabrikam.onmicrosoft.com\"}",
       good});
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadJson), 1u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 1u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadRecord).line, 3u);
  ASSERT_EQ(sink_.events.size(), 4u);
  EXPECT_EQ(Event(0).where.line, 1u);
  EXPECT_EQ(S(Event(1).user), "12345");
  EXPECT_EQ(Source(1), "2001:db8:41:7::1a:2b");  // from ActorIpAddress
  EXPECT_EQ(S(Event(2).user),
            "a\x07"
            "b@fabrikam.onmicrosoft.com");  // kept raw, escaped on output
  EXPECT_EQ(Event(3).where.line, 6u);
}

TEST_F(M365Test, PurviewExportOldHeaderTakesTimeAndAddressFromAuditData) {
  Ual u;
  u.client_ip = "192.0.2.44";
  std::string audit = Record(u);
  // ClientIP and ActorIpAddress can differ (formats.md §4): ClientIP is the client's.
  audit.replace(audit.find("\"ActorIpAddress\":\"192.0.2.44\""),
                std::string("\"ActorIpAddress\":\"192.0.2.44\"").size(),
                "\"ActorIpAddress\":\"198.51.100.99\"");
  Run({"\xEF\xBB\xBF" + std::string(kOldHeader) + "\r", OldRow(u, audit) + "\r"});
  EXPECT_EQ(diagnostics_.Total(), 0u);
  ASSERT_EQ(sink_.events.size(), 1u);
  // AuditData's CreationTime (UTC), not CreationDate (the exporter's local time).
  EXPECT_EQ(Event(0).time, ToTimestamp(CivilTime{2024, 3, 5, 7, 8, 9}));
  EXPECT_EQ(Source(0), "192.0.2.44");
  EXPECT_EQ(Event(0).reason, Reason::kBadPassword);
  EXPECT_EQ(S(Event(0).client), "python-requests/2.31.0");
  EXPECT_EQ(Event(0).where.line, 2u);
  EXPECT_EQ(FamilyRecords("m365-purview-csv"), 1u);
}

TEST_F(M365Test, PurviewExportNewHeaderVariant) {
  Ual ok;
  ok.operation = "UserLoggedIn";
  ok.error = "\"ErrorNumber\":\"0\"";
  ok.client_ip = "[2001:db8:9::1]:50000";
  Run({std::string(kNewHeader), NewRow(Ual{}, Record(Ual{})), NewRow(ok, Record(ok))});
  EXPECT_EQ(diagnostics_.Total(), 0u);
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(Event(0).outcome, Outcome::kFailure);
  EXPECT_EQ(Event(1).outcome, Outcome::kSuccess);
  EXPECT_EQ(Source(1), "2001:db8:9::1");
  EXPECT_EQ(Event(1).where.line, 3u);
}

TEST_F(M365Test, PurviewRowsCutMissingColumnsAndBadAuditDataAreCounted) {
  const Ual u;
  const std::string audit = Record(u);
  const std::string row = OldRow(u, audit);
  std::string no_operation = audit;
  const std::string operation = "\"Operation\":\"UserLoginFailed\",";
  no_operation.erase(no_operation.find(operation), operation.size());
  Ual mail;
  mail.operation = "FileAccessed";
  Run({std::string(kOldHeader),
       row.substr(0, row.find("UserAgent")),  // AuditData cut: its quote never closes
       row, "\"AzureActiveDirectoryStsLogon\",\"3/5/2024 7:08:09 AM\",\"x@y\",\"UserLoginFailed\"",
       OldRow(u, "{\"CreationTime\":\"2024-03-05T07:08:09\",\"Operation\":"),  // bad JSON
       OldRow(u, "not json"), OldRow(u, no_operation),  // the Operations column stands in
       OldRow(mail, Record(mail)), row});
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadCsvRow), 2u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 2u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadCsvRow).line, 2u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadRecord).line, 5u);
  ASSERT_EQ(sink_.events.size(), 3u);
  EXPECT_EQ(Event(0).where.line, 3u);  // the row after the cut one is read
  EXPECT_EQ(Event(1).where.line, 7u);
  EXPECT_EQ(Event(1).outcome, Outcome::kFailure);
  EXPECT_EQ(Event(2).where.line, 9u);
}

TEST_F(M365Test, ForcedFormatKeepsOnlyThisFamily) {
  ParserOptions options;
  options.forced_family = "m365-purview-csv";
  ASSERT_TRUE(ValidateParserOptions(options).ok());
  parser_ = std::make_unique<LogParser>(&strings_, &diagnostics_, options);
  parser_->BeginFile(0, "ual", YearHint{2024, 12, false});
  parser_->ParseLine(Record(Ual{}), 1, 0, &sink_);
  parser_->EndFile(&sink_);
  EXPECT_TRUE(sink_.events.empty());  // a JSON line is not the CSV family's
}

// ErrorNumber is read through the Entra code table; LogonError only when the code says nothing.
TEST(UalOutcome, ErrorNumberFirstThenLogonError) {
  UalRecord record;
  record.operation = "UserLoginFailed";
  record.error_number = "50053";  // no LogonError written
  UalVerdict v = JudgeUalSignIn(record);
  EXPECT_TRUE(v.attempt);
  EXPECT_EQ(v.reason, Reason::kLockedOut);
  record.error_number = "53003";
  EXPECT_TRUE(IsPasswordCorrect(JudgeUalSignIn(record).reason));
  record.error_number = "50140";  // the "Keep me signed in?" interrupt
  EXPECT_FALSE(JudgeUalSignIn(record).attempt);
  record.error_number = "4294967";  // a code the table does not know: the name decides
  record.logon_error = "UserAccountNotFound";
  EXPECT_EQ(JudgeUalSignIn(record).reason, Reason::kUnknownUser);
  record.error_number = "not a number";
  record.logon_error = "InvalidUserNameOrPassword";
  EXPECT_EQ(JudgeUalSignIn(record).reason, Reason::kBadPassword);
  record.operation = "UserLoggedIn";  // a login whatever the code (MFASweep's 50140 logins)
  record.error_number = "50140";
  v = JudgeUalSignIn(record);
  EXPECT_TRUE(v.attempt);
  EXPECT_EQ(v.outcome, Outcome::kSuccess);
}

TEST(UalOutcome, OperationsAndNames) {
  UalRecord record;
  record.operation = "userloginfailed";  // case differs between exporters
  record.logon_error = "InvalidUserNameOrPassword";
  UalVerdict v = JudgeUalSignIn(record);
  EXPECT_TRUE(v.attempt);
  EXPECT_EQ(v.reason, Reason::kBadPassword);
  record.operation = "Add member to role.";
  EXPECT_FALSE(JudgeUalSignIn(record).attempt);
  EXPECT_EQ(ReasonFromLogonError("InvalidPasswordExpiredPassword"), Reason::kExpiredPassword);
  EXPECT_EQ(ReasonFromLogonError("BlockedByConditionalAccess"), Reason::kBlockedAfterPassword);
  EXPECT_TRUE(IsPasswordCorrect(ReasonFromLogonError("BlockedByConditionalAccess")));
  EXPECT_EQ(ReasonFromLogonError(""), Reason::kOther);
}

}  // namespace
}  // namespace spraytrace::parse
