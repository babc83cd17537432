#include "parse/windows/windows_mapping.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "event/ip_address.h"
#include "parse/windows/windows_time.h"

namespace spraytrace::parse {
namespace {

using Pairs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

class WindowsMappingTest : public ::testing::Test {
 protected:
  WindowsEvent Event(uint32_t id, Pairs data, std::string_view computer = "SRV01.corp.example",
                     std::string_view time = "2024-03-05T10:00:00.5Z") {
    WindowsEvent e;
    e.event_id = id;
    e.has_time = ParseWindowsTime(time, &e.time);
    e.computer = computer;
    for (const auto& [k, v] : data) e.Add(k, v);
    return e;
  }
  // Maps one event; fails the test unless it is an attempt.
  AuthEvent Attempt(const WindowsEvent& e) {
    AuthEvent out;
    std::string_view problem;
    EXPECT_EQ(mapper_.Map(e, &out, &problem), MapStatus::kAttempt) << problem;
    return out;
  }
  MapStatus Status(const WindowsEvent& e) {
    AuthEvent out;
    std::string_view problem;
    return mapper_.Map(e, &out, &problem);
  }
  std::string_view S(StringId id) const { return strings_.View(id); }
  // A 4625 as Windows writes it for a network logon, with the given Status and SubStatus.
  WindowsEvent Failure(std::string_view status, std::string_view sub_status,
                       std::string_view ip = "203.0.113.9") {
    return Event(4625, {{"TargetUserSid", "S-1-0-0"},
                        {"TargetUserName", "alice"},
                        {"TargetDomainName", "CORP"},
                        {"Status", status},
                        {"SubStatus", sub_status},
                        {"LogonType", "3"},
                        {"AuthenticationPackageName", "NTLM"},
                        {"WorkstationName", "KALI"},
                        {"IpAddress", ip},
                        {"IpPort", "51234"}});
  }

  StringPool strings_;
  Diagnostics diagnostics_;
  WindowsEventMapper mapper_{&strings_, &diagnostics_};
};

TEST_F(WindowsMappingTest, LogonFailureFields) {
  const AuthEvent a = Attempt(Failure("0xc000006d", "0xc000006a"));
  EXPECT_EQ(a.service, Service::kWindows);
  EXPECT_EQ(a.outcome, Outcome::kFailure);
  EXPECT_EQ(a.reason, Reason::kBadPassword);
  EXPECT_EQ(a.method, AuthMethod::kPassword);
  EXPECT_EQ(a.time, ToTimestamp(CivilTime{2024, 3, 5, 10, 0, 0, 500000}));
  ASSERT_TRUE(a.has_source_ip);
  EXPECT_EQ(a.source_ip.ToString(), "203.0.113.9");
  EXPECT_EQ(a.source_host, kNoString);  // the address is the source; the name is not needed
  EXPECT_EQ(S(a.user), "alice");
  EXPECT_EQ(S(a.user_canonical), "alice");
  EXPECT_EQ(S(a.target_host), "SRV01.corp.example");
  EXPECT_EQ(S(a.client), "NTLM");
}

// One test row per 4625 code: Status, SubStatus -> reason.
TEST_F(WindowsMappingTest, LogonFailureReasonPerCode) {
  struct Row {
    std::string_view status, sub_status;
    Reason reason;
  };
  const Row rows[] = {
      {"0xc000006d", "0xc000006a", Reason::kBadPassword},
      {"0xc000006d", "0xc0000064", Reason::kUnknownUser},
      {"0xc0000234", "0x0", Reason::kLockedOut},
      {"0xc000006e", "0xc0000072", Reason::kDisabled},
      {"0xc000006e", "0xc0000193", Reason::kDisabled},
      {"0xc000006e", "0x0", Reason::kDisabled},
      {"0xc000006e", "0xc0000071", Reason::kExpiredPassword},
      {"0xc000006e", "0xc0000224", Reason::kExpiredPassword},
      {"0xc000006e", "0xc000006f", Reason::kBlockedByPolicy},
      {"0xc000006e", "0xc0000070", Reason::kBlockedByPolicy},
      {"0xc000015b", "0x0", Reason::kBlockedByPolicy},
      {"0xc000006d", "0xc0000133", Reason::kOther},
      {"0xc000006d", "0x0", Reason::kBadPassword},
      {"-", "-", Reason::kBadPassword},  // no codes at all: still a failed logon
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.status) + " " + std::string(row.sub_status));
    const AuthEvent a = Attempt(Failure(row.status, row.sub_status));
    EXPECT_EQ(a.outcome, Outcome::kFailure);
    EXPECT_EQ(a.reason, row.reason);
  }
}

TEST_F(WindowsMappingTest, SourceAddressForms) {
  EXPECT_EQ(Attempt(Failure("0xc000006d", "0xc000006a", "::ffff:10.23.123.11")).source_ip,
            *IpAddress::Parse("10.23.123.11"));
  EXPECT_EQ(Attempt(Failure("0xc000006d", "0xc000006a", "2001:db8::7")).source_ip.ToString(),
            "2001:db8::7");
  // No usable address: the workstation name is the source.
  for (std::string_view none : {"-", "", "127.0.0.1", "::1", "::", " - "}) {
    SCOPED_TRACE(none);
    const AuthEvent a = Attempt(Failure("0xc000006d", "0xc000006a", none));
    EXPECT_FALSE(a.has_source_ip);
    EXPECT_EQ(S(a.source_host), "KALI");
  }
}

TEST_F(WindowsMappingTest, WorkstationNamesMeetInOneForm) {
  WindowsEvent e = Failure("0xc000006d", "0xc000006a", "-");
  e.data[7].second = "workstation5.theshire.local";
  EXPECT_EQ(S(Attempt(e).source_host), "WORKSTATION5");
  WindowsEvent ntlm = Event(
      4776,
      {{"TargetUserName", "bob"}, {"Workstation", "\\\\Workstation5"}, {"Status", "0xc000006a"}});
  EXPECT_EQ(S(Attempt(ntlm).source_host), "WORKSTATION5");
  // Neither address nor name: no source at all.
  WindowsEvent bare = Event(4776, {{"TargetUserName", "bob"}, {"Status", "0xc000006a"}});
  const AuthEvent a = Attempt(bare);
  EXPECT_FALSE(a.has_source_ip);
  EXPECT_EQ(a.source_host, kNoString);
}

TEST_F(WindowsMappingTest, AccountCanonicalForms) {
  for (std::string_view name : {"CORP\\Alice", "alice@corp.example", "ALICE", " alice "}) {
    SCOPED_TRACE(name);
    WindowsEvent e = Failure("0xc000006d", "0xc000006a");
    e.data[1].second = name;
    const AuthEvent a = Attempt(e);
    EXPECT_EQ(S(a.user_canonical), "alice");
  }
  // Kept byte for byte as logged: escaping is the output's job.
  WindowsEvent html = Failure("0xc000006d", "0xc0000064");
  html.data[1].second = "<script>alert(1)</script>";
  EXPECT_EQ(S(Attempt(html).user), "<script>alert(1)</script>");
  WindowsEvent umlaut = Failure("0xc000006d", "0xc0000064");
  umlaut.data[1].second = "J\xC3\xBCrgen";
  EXPECT_EQ(S(Attempt(umlaut).user_canonical), "j\xC3\xBCrgen");
  // No name is still an attempt, just without an account.
  WindowsEvent nameless = Failure("0xc000006d", "0xc0000064");
  nameless.data[1].second = "-";
  EXPECT_EQ(Attempt(nameless).user, kNoString);
}

TEST_F(WindowsMappingTest, MachineAndServiceAccountsAreNotPeople) {
  WindowsEvent machine = Failure("0xc000006d", "0xc000006a");
  machine.data[1].second = "WS042$";
  EXPECT_EQ(Status(machine), MapStatus::kIgnored);
  WindowsEvent anonymous = Event(4624, {{"TargetUserSid", "S-1-5-7"},
                                        {"TargetUserName", "ANONYMOUS LOGON"},
                                        {"LogonType", "3"},
                                        {"IpAddress", "10.0.0.5"}});
  EXPECT_EQ(Status(anonymous), MapStatus::kIgnored);
  WindowsEvent dwm = Event(
      4624, {{"TargetUserSid", "S-1-5-90-0-2"}, {"TargetUserName", "DWM-2"}, {"LogonType", "2"}});
  EXPECT_EQ(Status(dwm), MapStatus::kIgnored);
  WindowsEvent system = Event(4624, {{"TargetUserName", "SYSTEM"}, {"LogonType", "3"}});
  EXPECT_EQ(Status(system), MapStatus::kIgnored);
  WindowsEvent tgt = Event(4768, {{"TargetUserName", "DC01$"},
                                  {"Status", "0x0"},
                                  {"PreAuthType", "2"},
                                  {"IpAddress", "::ffff:10.0.0.2"}});
  EXPECT_EQ(Status(tgt), MapStatus::kIgnored);
}

TEST_F(WindowsMappingTest, SuccessLogonTypes) {
  for (std::string_view type : {"2", "3", "7", "8", "10", "11"}) {
    SCOPED_TRACE(type);
    const AuthEvent a = Attempt(Event(4624, {{"TargetUserName", "alice"},
                                             {"LogonType", type},
                                             {"AuthenticationPackageName", "Negotiate"},
                                             {"IpAddress", "198.51.100.4"}}));
    EXPECT_EQ(a.outcome, Outcome::kSuccess);
    EXPECT_EQ(a.reason, Reason::kNone);
    EXPECT_EQ(a.method, AuthMethod::kPassword);
  }
  for (std::string_view type : {"0", "4", "5", "9", "12", "-", ""}) {
    SCOPED_TRACE(type);
    EXPECT_EQ(Status(Event(4624, {{"TargetUserName", "alice"}, {"LogonType", type}})),
              MapStatus::kIgnored);
  }
  // A network logon with a Kerberos ticket is not a typed password.
  const AuthEvent ticket = Attempt(Event(4624, {{"TargetUserName", "alice"},
                                                {"LogonType", "3"},
                                                {"AuthenticationPackageName", "Kerberos"},
                                                {"IpAddress", "10.1.2.3"}}));
  EXPECT_EQ(ticket.method, AuthMethod::kGssapi);
}

TEST_F(WindowsMappingTest, KerberosPerCode) {
  struct Row {
    uint32_t id;
    std::string_view status;
    Outcome outcome;
    Reason reason;
  };
  const Row rows[] = {
      {4768, "0x0", Outcome::kSuccess, Reason::kNone},
      {4768, "0x00000006", Outcome::kFailure, Reason::kUnknownUser},
      {4768, "0x12", Outcome::kFailure, Reason::kDisabled},
      {4768, "0x17", Outcome::kFailure, Reason::kExpiredPassword},
      {4768, "0x18", Outcome::kFailure, Reason::kBadPassword},
      {4771, "0x00000018", Outcome::kFailure, Reason::kBadPassword},
      {4771, "0x12", Outcome::kFailure, Reason::kDisabled},
      {4771, "0x17", Outcome::kFailure, Reason::kExpiredPassword},
      {4771, "0x25", Outcome::kFailure, Reason::kOther},
      {4771, "0x0", Outcome::kFailure, Reason::kOther},  // 4771 is failures only
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::to_string(row.id) + " " + std::string(row.status));
    const AuthEvent a = Attempt(Event(row.id,
                                      {{"TargetUserName", "svc-ata"},
                                       {"Status", row.status},
                                       {"PreAuthType", "2"},
                                       {"IpAddress", "::ffff:10.23.123.11"}},
                                      "rootdc1.offsec.lan"));
    EXPECT_EQ(a.outcome, row.outcome);
    EXPECT_EQ(a.reason, row.reason);
    EXPECT_EQ(a.source_ip.ToString(), "10.23.123.11");
    EXPECT_EQ(S(a.target_host), "rootdc1.offsec.lan");
    EXPECT_EQ(S(a.client), "Kerberos");
  }
  EXPECT_EQ(Status(Event(4771, {{"TargetUserName", "a"}, {"Status", "0x19"}})),
            MapStatus::kIgnored);
  // A TGT without pre-authentication proves nothing; a certificate is not a password.
  EXPECT_EQ(Status(Event(4768, {{"TargetUserName", "a"}, {"Status", "0x0"}, {"PreAuthType", "0"}})),
            MapStatus::kIgnored);
  EXPECT_EQ(
      Attempt(Event(4768, {{"TargetUserName", "a"}, {"Status", "0x0"}, {"PreAuthType", "16"}}))
          .method,
      AuthMethod::kPublicKey);
  // Kerberos from the DC itself has no remote source.
  const AuthEvent local =
      Attempt(Event(4771, {{"TargetUserName", "a"}, {"Status", "0x18"}, {"IpAddress", "::1"}}));
  EXPECT_FALSE(local.has_source_ip);
  EXPECT_EQ(local.source_host, kNoString);
}

TEST_F(WindowsMappingTest, NtlmValidationPerCode) {
  struct Row {
    std::string_view status;
    Outcome outcome;
    Reason reason;
  };
  const Row rows[] = {
      {"0x0", Outcome::kSuccess, Reason::kNone},
      {"0xc000006a", Outcome::kFailure, Reason::kBadPassword},
      {"0xC0000064", Outcome::kFailure, Reason::kUnknownUser},
      {"0xc0000234", Outcome::kFailure, Reason::kLockedOut},
      {"0xc0000072", Outcome::kFailure, Reason::kDisabled},
      {"0xc0000071", Outcome::kFailure, Reason::kExpiredPassword},
      {"0xc0000224", Outcome::kFailure, Reason::kExpiredPassword},
      {"0xc000006f", Outcome::kFailure, Reason::kBlockedByPolicy},
      {"0xc0000070", Outcome::kFailure, Reason::kBlockedByPolicy},
  };
  int n = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.status);
    // Distinct accounts, so the echo rule (tested below) stays out of the way.
    const std::string user = "user" + std::to_string(++n);
    const AuthEvent a = Attempt(Event(4776,
                                      {{"PackageName", "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0"},
                                       {"TargetUserName", user},
                                       {"Workstation", "WORKSTATION5"},
                                       {"Status", row.status}},
                                      "MORDORDC.theshire.local"));
    EXPECT_EQ(a.outcome, row.outcome);
    EXPECT_EQ(a.reason, row.reason);
    EXPECT_FALSE(a.has_source_ip);
    EXPECT_EQ(S(a.source_host), "WORKSTATION5");
    EXPECT_EQ(S(a.client), "NTLM");
  }
}

TEST_F(WindowsMappingTest, ExplicitCredentialsAreTheAttackersView) {
  const AuthEvent a = Attempt(Event(4648,
                                    {{"SubjectUserSid", "S-1-5-21-979008924-1002"},
                                     {"SubjectUserName", "jwrig"},
                                     {"SubjectDomainName", "DESKTOP-JR78RLP"},
                                     {"TargetUserName", "bking"},
                                     {"TargetDomainName", "DOMAIN"},
                                     {"TargetServerName", "172.16.144.128"},
                                     {"ProcessName", ""},
                                     {"IpAddress", "172.16.144.128"},
                                     {"IpPort", "445"}},
                                    "DESKTOP-JR78RLP"));
  EXPECT_EQ(a.outcome, Outcome::kFailure);
  EXPECT_EQ(a.reason, Reason::kNone);
  EXPECT_FALSE(a.has_source_ip);  // IpAddress is where the credential was sent
  EXPECT_EQ(S(a.source_host), "DESKTOP-JR78RLP");
  EXPECT_EQ(S(a.target_host), "172.16.144.128");
  EXPECT_EQ(S(a.user_canonical), "bking");
  // The machine itself and local prompts are not sprays.
  EXPECT_EQ(Status(Event(4648, {{"SubjectUserSid", "S-1-5-18"},
                                {"SubjectUserName", "DESKTOP-JR78RLP$"},
                                {"TargetUserName", "alice"},
                                {"TargetServerName", "localhost"}})),
            MapStatus::kIgnored);
  EXPECT_EQ(Status(Event(4648, {{"SubjectUserName", "alice"},
                                {"TargetUserName", "admin"},
                                {"TargetServerName", "localhost"}})),
            MapStatus::kIgnored);
}

TEST_F(WindowsMappingTest, OtherEventsAndBadOnes) {
  EXPECT_EQ(Status(Event(4672, {{"SubjectUserName", "alice"}})), MapStatus::kIgnored);
  EXPECT_EQ(Status(Event(1102, {})), MapStatus::kIgnored);
  AuthEvent out;
  std::string_view problem;
  WindowsEvent no_time = Failure("0xc000006d", "0xc000006a");
  no_time.has_time = false;
  EXPECT_EQ(mapper_.Map(no_time, &out, &problem), MapStatus::kBad);
  EXPECT_FALSE(problem.empty());
  EXPECT_EQ(mapper_.Map(Event(4771, {{"TargetUserName", "a"}, {"Status", "junk"}}), &out, &problem),
            MapStatus::kBad);
  EXPECT_EQ(mapper_.Map(Event(4776, {{"TargetUserName", "a"}}), &out, &problem), MapStatus::kBad);
}

TEST_F(WindowsMappingTest, DeliverReportsBadRecordsAndEmitsAttempts) {
  CollectingSink sink;
  RecordContext context{"Security.evtx", EvidenceLocation{3, 17, 4096}};
  EXPECT_EQ(mapper_.Deliver(Failure("0xc000006d", "0xc000006a"), context, &sink),
            RecordStatus::kHandled);
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].where.file, 3u);
  EXPECT_EQ(sink.events[0].where.line, 17u);
  EXPECT_EQ(mapper_.Deliver(Event(4672, {}), context, &sink), RecordStatus::kHandled);
  EXPECT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(mapper_.Deliver(Event(4776, {{"TargetUserName", "a"}}), context, &sink),
            RecordStatus::kBad);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 1u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadRecord).line, 17u);
}

// One NTLM guess against a domain account, seen on the workstation (4625) and on the DC (4776):
// counted once, whichever is read first. A second guess a moment later is another attempt.
TEST_F(WindowsMappingTest, NtlmEchoOnTheDomainControllerIsOneAttempt) {
  CollectingSink sink;
  RecordContext context{"security.jsonl", {}};
  const auto member = [&](std::string_view user, std::string_view time) {
    return Event(4625,
                 {{"TargetUserName", user},
                  {"Status", "0xc000006d"},
                  {"SubStatus", "0xc000006a"},
                  {"LogonType", "2"},
                  {"WorkstationName", "WORKSTATION5"},
                  {"IpAddress", "-"}},
                 "WORKSTATION5.theshire.local", time);
  };
  const auto dc = [&](std::string_view user, std::string_view time) {
    return Event(
        4776, {{"TargetUserName", user}, {"Workstation", "WORKSTATION5"}, {"Status", "0xc000006a"}},
        "MORDORDC.theshire.local", time);
  };
  mapper_.Deliver(member("lrodriguez", "2020-10-22T08:29:53Z"), context, &sink);
  mapper_.Deliver(dc("lrodriguez", "2020-10-22T08:29:53Z"), context, &sink);
  mapper_.Deliver(dc("pbeesly", "2020-10-22T08:29:54Z"), context, &sink);  // DC first this time
  mapper_.Deliver(member("pbeesly", "2020-10-22T08:29:55Z"), context, &sink);
  EXPECT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(mapper_.echoes_dropped(), 2u);
  // Too far apart, or a different result: two attempts.
  mapper_.Deliver(member("mscott", "2020-10-22T08:30:00Z"), context, &sink);
  mapper_.Deliver(dc("mscott", "2020-10-22T08:30:05Z"), context, &sink);
  WindowsEvent unknown = dc("sbeavers", "2020-10-22T08:31:00Z");
  unknown.data[2].second = "0xc0000064";
  mapper_.Deliver(member("sbeavers", "2020-10-22T08:31:00Z"), context, &sink);
  mapper_.Deliver(unknown, context, &sink);
  EXPECT_EQ(sink.events.size(), 6u);
  // Two 4625s (a brute force on one machine) are never echoes of each other.
  mapper_.Deliver(member("admin", "2020-10-22T08:32:00Z"), context, &sink);
  mapper_.Deliver(member("admin", "2020-10-22T08:32:00Z"), context, &sink);
  EXPECT_EQ(sink.events.size(), 8u);
}

}  // namespace
}  // namespace spraytrace::parse
