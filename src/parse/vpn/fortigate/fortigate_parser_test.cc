#include "parse/vpn/fortigate/fortigate_parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "event/ip_address.h"
#include "tests/test_paths.h"

namespace spraytrace::parse::vpn {
namespace {

Timestamp Utc(int year, int month, int day, int hour, int minute, int second, int micros = 0) {
  return ToTimestamp(CivilTime{year, month, day, hour, minute, second, micros});
}

// Lines in FortiOS's layout (FortiOS Log Message Reference; formats.md 5), with documentation
// addresses.
constexpr std::string_view kLoginFail =
    R"fg(date=2024-10-14 time=13:46:41 eventtime=1728938802127358411 tz="-0700" logid="0101039426" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" tunnelid=0 remip=203.0.113.50 user="sapservicecq1" group="N/A" dst_host="N/A" reason="sslvpn_login_no_matching_policy" msg="SSL user failed to logged in")fg";
constexpr std::string_view kUnknownUserNoTz =
    R"fg(date=2016-06-15 time=21:35:09 devname=Branch_FW devid=FGT60E0000000001 logid=0101039426 type=event subtype=vpn level=alert vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" tunnelid=0 remip=198.51.100.8 tunnelip=(null) user="my_user_name" group="N/A" dst_host="N/A" reason="sslvpn_login_unknown_user" msg="SSL user failed to logged in")fg";
constexpr std::string_view kAdminSsh =
    R"fg(date=2016-06-17 time=02:37:41 devname=Edge_FW devid=FGT60E0000000001 logid=0100032002 type=event subtype=system level=alert vd="root" logdesc="Admin login failed" sn=0 user="root" ui=ssh(198.51.100.227) action=login status=failed reason="name_invalid" msg="Administrator root login failed from ssh(198.51.100.227) because of invalid user name")fg";
constexpr std::string_view kTunnelUp =
    R"fg(date=2020-04-23 time=12:23:47 devname="hq-fw" devid="FGT1" logid="0101039947" type="event" subtype="vpn" level="information" vd="root" eventtime=1587662627698970 tz="-0500" logdesc="SSL VPN tunnel up" action="tunnel-up" tunneltype="ssl-tunnel" tunnelid=2345 remip=2001:DB8::0:7 tunnelip=10.10.10.10 user="SomeUser" group="somegroup" dst_host="N/A" reason="tunnel established" msg="SSL tunnel established")fg";

class FortigateTest : public ::testing::Test {
 protected:
  RecordStatus Line(std::string_view line) {
    ++line_;
    RecordContext context{"fortigate.log", {0, line_, 0}};
    return text_.OnLine(line, context, &sink_);
  }
  RecordStatus Syslog(std::string_view message, std::string_view host = "10.10.10.10") {
    ++line_;
    SyslogRecord record;
    record.time = Utc(2024, 3, 22, 19, 21, 0);
    record.host = host;
    record.message = message;
    RecordContext context{"syslog", {0, line_, 0}};
    if (!syslog_.Claims(record)) return RecordStatus::kNotMine;
    return syslog_.OnRecord(record, context, &sink_);
  }
  std::string_view View(StringId id) const { return strings_.View(id); }
  const AuthEvent& Only() const {
    EXPECT_EQ(sink_.events.size(), 1u);
    return sink_.events.back();
  }

  StringPool strings_;
  Diagnostics diagnostics_;
  FortigateTextFamily text_{&strings_, &diagnostics_};
  FortigateSyslogFamily syslog_{&strings_, &diagnostics_};
  CollectingSink sink_;
  uint64_t line_ = 0;
};

TEST_F(FortigateTest, SslVpnLoginFailure) {
  ASSERT_EQ(Line(kLoginFail), RecordStatus::kHandled);
  const AuthEvent& e = Only();
  EXPECT_EQ(e.outcome, Outcome::kFailure);
  EXPECT_EQ(e.service, Service::kVpn);
  EXPECT_EQ(e.reason, Reason::kBlockedByPolicy);
  EXPECT_EQ(e.source_ip, *IpAddress::Parse("203.0.113.50"));
  EXPECT_EQ(View(e.user), "sapservicecq1");
  EXPECT_EQ(View(e.client), "ssl-web");
  EXPECT_EQ(e.time, Utc(2024, 10, 14, 20, 46, 42, 127358));  // eventtime in ns
  EXPECT_EQ(e.where.line, 1u);
}

TEST_F(FortigateTest, WithoutEventtimeTheLocalTimeIsShiftedByTz) {
  std::string line(kLoginFail);
  line.erase(line.find("eventtime="), std::string_view("eventtime=1728938802127358411 ").size());
  ASSERT_EQ(Line(line), RecordStatus::kHandled);
  EXPECT_EQ(Only().time, Utc(2024, 10, 14, 20, 46, 41));  // 13:46:41 at -07:00
}

TEST_F(FortigateTest, OldFirmwareWithoutTzIsTakenAsUtc) {
  ASSERT_EQ(Line(kUnknownUserNoTz), RecordStatus::kHandled);
  const AuthEvent& e = Only();
  EXPECT_EQ(e.time, Utc(2016, 6, 15, 21, 35, 9));
  EXPECT_EQ(e.reason, Reason::kUnknownUser);
  EXPECT_EQ(View(e.target_host), "Branch_FW");
}

TEST_F(FortigateTest, AdminLoginFailureTakesTheAddressFromUi) {
  ASSERT_EQ(Line(kAdminSsh), RecordStatus::kHandled);
  const AuthEvent& e = Only();
  EXPECT_EQ(e.outcome, Outcome::kFailure);
  EXPECT_EQ(e.reason, Reason::kUnknownUser);
  EXPECT_EQ(e.source_ip, *IpAddress::Parse("198.51.100.227"));
  EXPECT_EQ(View(e.user), "root");
  EXPECT_EQ(View(e.client), "ssh");
  EXPECT_EQ(View(e.target_host), "Edge_FW");
}

TEST_F(FortigateTest, AdminLoginPrefersSrcipAndReadsHttps) {
  ASSERT_EQ(
      Line(
          R"fg(date=2023-01-02 time=03:04:05 logid="0100032001" type="event" subtype="system" user="admin" ui="https(198.51.100.3)" srcip=198.51.100.4 action="login" status="success" reason="none")fg"),
      RecordStatus::kHandled);
  const AuthEvent& e = Only();
  EXPECT_EQ(e.outcome, Outcome::kSuccess);
  EXPECT_EQ(e.reason, Reason::kNone);
  EXPECT_EQ(e.source_ip, *IpAddress::Parse("198.51.100.4"));
  EXPECT_EQ(View(e.client), "https");
}

TEST_F(FortigateTest, SslTunnelUpIsASuccessWithIpv6Normalised) {
  ASSERT_EQ(Line(kTunnelUp), RecordStatus::kHandled);
  const AuthEvent& e = Only();
  EXPECT_EQ(e.outcome, Outcome::kSuccess);
  EXPECT_EQ(e.source_ip.ToString(), "2001:db8::7");
  EXPECT_EQ(View(e.user), "SomeUser");
  EXPECT_EQ(View(e.user_canonical), "someuser");
  EXPECT_EQ(View(e.client), "ssl-tunnel");
  EXPECT_EQ(View(e.target_host), "hq-fw");
  EXPECT_EQ(e.time, Utc(2020, 4, 23, 17, 23, 47, 698970));  // eventtime in us
}

TEST_F(FortigateTest, RecordsThatAreNoAttemptAreHandledQuietly) {
  for (
      std::string_view line : {
          R"fg(date=2020-04-23 time=12:23:47 logid="0101039943" type="event" subtype="vpn" action="ssl-new-con" tunneltype="ssl" remip=198.51.100.13 user="N/A" reason="N/A")fg",
          R"fg(date=2020-04-23 time=12:23:47 logid="0101037138" type="event" subtype="vpn" action="tunnel-up" tunneltype="ipsec" remip=198.51.100.1 user="N/A")fg",
          R"fg(date=2020-04-23 time=12:23:47 logid="0000000013" type="traffic" subtype="forward" srcip=10.0.0.1 dstip=192.0.2.1 action="accept")fg",
          R"fg(date=2020-04-23 time=12:23:47 logid="0100032003" type="event" subtype="system" user="admin" ui="https(198.51.100.3)" action="logout" status="success")fg",
          R"fg(date=2020-04-23 time=12:23:47 logid="0999999999" type="event" subtype="new-subtype" action="ssl-login-fail")fg",
      }) {
    EXPECT_EQ(Line(line), RecordStatus::kHandled) << line;
  }
  EXPECT_TRUE(sink_.events.empty());
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(FortigateTest, ReasonsMapToTheEventVocabulary) {
  EXPECT_EQ(FortigateReason("sslvpn_login_unknown_user"), Reason::kUnknownUser);
  EXPECT_EQ(FortigateReason("sslvpn_login_permission_denied"), Reason::kBadPassword);
  EXPECT_EQ(FortigateReason("passwd_invalid"), Reason::kBadPassword);
  EXPECT_EQ(FortigateReason("sslvpn_login_password_expired"), Reason::kExpiredPassword);
  EXPECT_EQ(FortigateReason("sslvpn_login_blocked"), Reason::kLockedOut);
  EXPECT_EQ(FortigateReason("sslvpn_login_cert_checked_error"), Reason::kOther);
  EXPECT_EQ(FortigateReason(""), Reason::kOther);
}

TEST_F(FortigateTest, EscapedQuotesAndHtmlInTheUserAreKeptAsLogged) {
  ASSERT_EQ(
      Line(
          R"fg(date=2024-10-14 time=13:46:41 tz="+0000" logid="0101039426" type="event" subtype="vpn" action="ssl-login-fail" tunneltype="ssl-web" remip=203.0.113.51 user="<script>\"x\"</script>" devname="fw \"one\"" reason="sslvpn_login_unknown_user")fg"),
      RecordStatus::kHandled);
  const AuthEvent& e = Only();
  EXPECT_EQ(View(e.user), "<script>\"x\"</script>");
  EXPECT_EQ(View(e.target_host), "fw \"one\"");
}

TEST_F(FortigateTest, PlaceholderUserIsNoUser) {
  std::string line(kLoginFail);
  line.replace(line.find("sapservicecq1"), 13, "N/A");
  ASSERT_EQ(Line(line), RecordStatus::kHandled);
  EXPECT_EQ(Only().user, kNoString);
}

TEST_F(FortigateTest, PriorityPrefixAndSyslogHeader) {
  ASSERT_EQ(Line(std::string("<190>") + std::string(kTunnelUp)), RecordStatus::kHandled);
  ASSERT_EQ(Syslog(kUnknownUserNoTz), RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 2u);
  // The device's own time wins over the relay's header.
  EXPECT_EQ(sink_.events[1].time, Utc(2016, 6, 15, 21, 35, 9));
  // Without devname the syslog host is the target.
  ASSERT_EQ(Syslog(kLoginFail, "fw-7"), RecordStatus::kHandled);
  EXPECT_EQ(View(sink_.events[2].target_host), "fw-7");
}

TEST_F(FortigateTest, HeaderTimeIsTheLastResort) {
  ASSERT_EQ(
      Syslog(
          R"fg(logid="0101039426" type="event" subtype="vpn" action="ssl-login-fail" remip=203.0.113.9 user="a")fg"),
      RecordStatus::kHandled);
  EXPECT_EQ(Only().time, Utc(2024, 3, 22, 19, 21, 0));
  EXPECT_EQ(
      Line(
          R"fg(logid="0101039426" type="event" subtype="vpn" action="ssl-login-fail" remip=203.0.113.9 user="a")fg"),
      RecordStatus::kBad);
}

TEST_F(FortigateTest, NotFortigateIsNotMine) {
  for (std::string_view line :
       {"", "<190>", "<19000>date=1 logid=2", "hello world logid=3", "Failed password for root",
        "date=2024-10-14 time=13:46:41 no-logid-here=1", "=x logid=1"}) {
    EXPECT_EQ(Line(line), RecordStatus::kNotMine) << line;
  }
  EXPECT_EQ(Syslog("Accepted password for bob from 192.0.2.1 port 22 ssh2"),
            RecordStatus::kNotMine);
}

TEST_F(FortigateTest, BadRecordsAreCountedNeverEmitted) {
  const std::string no_remip = [] {
    std::string line(kLoginFail);
    line.replace(line.find("remip=203.0.113.50"), 18, "remip=(null)");
    return line;
  }();
  for (
      const std::string_view line : std::vector<std::string_view>{
          no_remip,
          // Cut in the middle of the user's value.
          R"fg(date=2024-10-14 time=13:46:41 logid="0101039426" type="event" subtype="vpn" action="ssl-login-fail" remip=203.0.113.9 user="sapserv)fg",
          R"fg(date=2024-13-14 time=13:46:41 logid="0101039426" type="event" subtype="vpn" action="ssl-login-fail" remip=203.0.113.9 user="a")fg",
          R"fg(date=2024-10-14 time=13:46:41 tz="bogus" logid="0101039426" type="event" subtype="vpn" action="ssl-login-fail" remip=203.0.113.9 user="a")fg",
          R"fg(date=2024-10-14 time=13:46:41 logid="0100032002" type="event" subtype="system" user="root" ui=console action=login status=failed)fg",
      }) {
    EXPECT_EQ(Line(line), RecordStatus::kBad) << line;
  }
  EXPECT_TRUE(sink_.events.empty());
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 5u);
}

TEST_F(FortigateTest, CutAfterTheUserStillCounts) {
  const std::string cut(kLoginFail.substr(0, kLoginFail.find("msg=") + 10));
  ASSERT_EQ(Line(cut), RecordStatus::kHandled);
  EXPECT_EQ(View(Only().user), "sapservicecq1");
}

// The CrowdSec hub's FortiGate fixture, read in place: nine SSL-VPN failures from one address.
TEST_F(FortigateTest, CrowdSecFixture) {
  const std::filesystem::path path =
      testing::DatasetsDir() / "crowdsec-hub-tests" / "fortinet-vpn-bf.log";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "dataset not found at " << path;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) EXPECT_EQ(Line(line), RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 9u);
  std::set<std::string> users;
  int unknown = 0;
  for (const AuthEvent& e : sink_.events) {
    EXPECT_EQ(e.outcome, Outcome::kFailure);
    EXPECT_EQ(e.source_ip, *IpAddress::Parse("192.168.0.1"));
    EXPECT_GE(e.time, Utc(2024, 10, 14, 20, 46, 40));
    EXPECT_LE(e.time, Utc(2024, 10, 14, 20, 46, 55));
    if (e.user != kNoString) users.insert(std::string(View(e.user)));
    if (e.reason == Reason::kUnknownUser) ++unknown;
  }
  EXPECT_EQ(users,
            (std::set<std::string>{"sapservicecq1", "gxdadmin", "ithomas", "Veeam2021", "andrew"}));
  EXPECT_EQ(unknown, 4);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

}  // namespace
}  // namespace spraytrace::parse::vpn
