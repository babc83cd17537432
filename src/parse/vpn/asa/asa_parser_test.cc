// The Cisco ASA family through the front door: syslog framings, the messages of one login joined
// into one attempt, and bad input counted.
#include "parse/vpn/asa/asa_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "event/ip_address.h"
#include "parse/log_parser.h"

namespace spraytrace::parse::vpn {
namespace {

Timestamp Utc(int year, int month, int day, int hour, int minute, int second) {
  return ToTimestamp(CivilTime{year, month, day, hour, minute, second, 0});
}

// An ASA's own framing with "logging device-id hostname": "Mmm dd yyyy hh:mm:ss host : %ASA-...".
std::string At(int second, std::string_view message) {
  return "<166>Oct 15 2024 12:07:" + std::string(second < 10 ? "0" : "") + std::to_string(second) +
         " asa-edge : " + std::string(message);
}

class AsaTest : public ::testing::Test {
 protected:
  void Run(const std::vector<std::string>& lines) {
    LogParser parser(&strings_, &diagnostics_);
    parser.BeginFile(0, "asa.log", YearHint{2024, 12, false});
    uint64_t number = 0;
    for (const std::string& line : lines) parser.ParseLine(line, ++number, 0, &sink_);
    parser.EndFile(&sink_);
    stats_ = parser.stats();
  }
  std::string_view View(StringId id) const { return strings_.View(id); }
  const std::vector<AuthEvent>& Events() const { return sink_.events; }

  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  ParseStats stats_;
};

TEST_F(AsaTest, OneSshManagementFailureIsOneAttemptOverThreeMessages) {
  Run({At(1,
          "%ASA-6-113015: AAA user authentication Rejected : reason = Invalid password : local "
          "database : user = admin : user IP = 198.51.100.7"),
       At(1, "%ASA-6-611102: User authentication failed: IP address: 198.51.100.7, Uname: admin"),
       At(2,
          "%ASA-6-605004: Login denied from 198.51.100.7/52311 to outside:192.0.2.1/ssh for "
          "user \"admin\"")});
  ASSERT_EQ(Events().size(), 1u);
  const AuthEvent& e = Events()[0];
  EXPECT_EQ(e.outcome, Outcome::kFailure);
  EXPECT_EQ(e.service, Service::kVpn);
  EXPECT_EQ(e.method, AuthMethod::kPassword);
  EXPECT_EQ(e.reason, Reason::kBadPassword);
  EXPECT_EQ(e.source_ip, *IpAddress::Parse("198.51.100.7"));
  EXPECT_EQ(View(e.user), "admin");
  EXPECT_EQ(View(e.client), "ssh");
  EXPECT_EQ(View(e.target_host), "asa-edge");
  EXPECT_EQ(e.time, Utc(2024, 10, 15, 12, 7, 1));
  EXPECT_EQ(e.where.line, 1u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
  ASSERT_EQ(stats_.by_family.size(), 1u);
  EXPECT_EQ(stats_.by_family[0], (std::pair<std::string, uint64_t>{"cisco-asa", 3}));
}

TEST_F(AsaTest, WebvpnFailureJoinsTheAaaServersVerdictAndHiddenNames) {
  Run({At(5,
          "%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = "
          "192.0.2.254 : user = ***** : user IP = 203.0.113.20"),
       At(5,
          "%ASA-6-716039: Group <DfltGrpPolicy> User <*****> IP <203.0.113.20> "
          "Authentication: rejected, Session Type: WebVPN.")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(Events()[0].user, kNoString);  // the ASA hides names on failures by default
  EXPECT_EQ(Events()[0].reason, Reason::kOther);
  EXPECT_EQ(View(Events()[0].client), "WebVPN");
}

// formats.md 6, each line on its own a minute apart: every message that carries a client
// address is one attempt; the address-less successes are console logins and give no event.
TEST_F(AsaTest, SentinelLabLinesOneByOne) {
  const std::vector<std::string_view> messages = {
      "%ASA-6-611102:  User authentication failed: IP address: 192.168.1.5, Uname: *****",
      "%ASA-6-113005:  AAA user authentication Rejected : reason = Unspecified : server = "
      "192.168.1.254 : user = ***** : user IP = 192.168.1.5",
      "%ASA-6-113005:  AAA user authentication Rejected : reason = Invalid password : server = "
      "192.168.1.254 : user = Administrator : user IP = 192.168.1.5",
      "%ASA-6-605004:  Login denied from 192.168.1.5/2432 to inside:192.168.1.1/ssh for user "
      "\"*****\"",
      "%ASA-6-716039:  Group <DefaultADMINGroup> User <*****> IP <192.168.1.5> Authentication: "
      "rejected, Session Type: Admin.",
      "%ASA-6-315011:  SSH session from 192.168.1.5 on interface inside for user \"*****\" "
      "disconnected by SSH server, reason: \"Rejected by server\" (0x0d) ",
      "%ASA-6-113004:  AAA user authentication Successful : server =  192.168.1.254 : user = "
      "Administrator",
      "%ASA-6-113012:  AAA user authentication Successful : local database : user = localadmin",
      "%ASA-6-611101:  User authentication succeeded: IP address: 192.168.1.5, Uname: localadmin",
      "%ASA-6-605005:  Login permitted from 192.168.1.5/7650 to inside:192.168.1.1/ssh for user "
      "\"localadmin\"",
  };
  std::vector<std::string> lines;
  for (size_t i = 0; i < messages.size(); ++i) {
    lines.push_back("Oct 15 2015 12:" + std::to_string(10 + i) +
                    ":42 asa-lab : " + std::string(messages[i]));
  }
  Run(lines);
  ASSERT_EQ(Events().size(), 7u);
  int failures = 0;
  for (const AuthEvent& e : Events()) {
    EXPECT_EQ(e.source_ip, *IpAddress::Parse("192.168.1.5"));
    failures += e.outcome == Outcome::kFailure;
  }
  EXPECT_EQ(failures, 5);
  EXPECT_EQ(View(Events()[2].user), "Administrator");
  EXPECT_EQ(Events()[2].reason, Reason::kBadPassword);
  EXPECT_EQ(View(Events()[4].client), "Admin");
  EXPECT_EQ(View(Events()[6].user), "localadmin");
  EXPECT_EQ(Events()[6].outcome, Outcome::kSuccess);
  EXPECT_EQ(diagnostics_.Total(), 0u);
  EXPECT_EQ(stats_.relevant_lines, 10u);
}

TEST_F(AsaTest, AddressLessVerdictLendsItsUserToTheLoginsOtherMessages) {
  Run({At(1,
          "%ASA-6-113015: AAA user authentication Rejected : reason = User was not found : "
          "local database : user = ghost"),
       At(1,
          "%ASA-6-605004: Login denied from 198.51.100.8/40000 to outside:192.0.2.1/ssh for "
          "user \"*****\""),
       At(20,
          "%ASA-6-113004: AAA user authentication Successful : server = 192.0.2.254 : user = "
          "jdoe"),
       At(20,
          "%ASA-6-716038: Group <GP> User <jdoe> IP <203.0.113.9> Authentication: "
          "successful, Session Type: WebVPN."),
       At(21,
          "%ASA-4-113039: Group <GP> User <jdoe> IP <203.0.113.9> AnyConnect parent session "
          "started."),
       At(23,
          "%ASA-4-722051: Group <GP> User <jdoe> IP <203.0.113.9> IPv4 Address <10.1.1.5> "
          "IPv6 address <::> assigned to session")});
  ASSERT_EQ(Events().size(), 2u);
  EXPECT_EQ(View(Events()[0].user), "ghost");
  EXPECT_EQ(Events()[0].reason, Reason::kUnknownUser);
  EXPECT_EQ(Events()[1].outcome, Outcome::kSuccess);
  EXPECT_EQ(Events()[1].method, AuthMethod::kPassword);
  EXPECT_EQ(View(Events()[1].user), "jdoe");
  EXPECT_EQ(View(Events()[1].client), "WebVPN");
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(AsaTest, AnyConnectSessionWithoutAnAaaVerdictIsACertificateLogin) {
  Run({At(1,
          "%ASA-4-113039: Group <GP> User <jdoe> IP <203.0.113.9> AnyConnect parent session "
          "started.")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(Events()[0].method, AuthMethod::kPublicKey);
  EXPECT_EQ(View(Events()[0].client), "AnyConnect");
}

TEST_F(AsaTest, EveryGuessOfAFastBruteForceCounts) {
  std::vector<std::string> lines;
  for (int i = 0; i < 3; ++i) {
    lines.push_back(At(4,
                       "%ASA-6-113015: AAA user authentication Rejected : reason = Invalid "
                       "password : local database : user = ***** : user IP = 198.51.100.9"));
    lines.push_back(
        At(4, "%ASA-6-611102: User authentication failed: IP address: 198.51.100.9, Uname: *****"));
  }
  // Two logins at once with different names, their messages interleaved.
  lines.push_back(At(8,
                     "%ASA-6-113005: AAA user authentication Rejected : reason = Invalid "
                     "password : server = 192.0.2.254 : user = alice : user IP = 198.51.100.10"));
  lines.push_back(At(8,
                     "%ASA-6-113005: AAA user authentication Rejected : reason = Invalid "
                     "password : server = 192.0.2.254 : user = bob : user IP = 198.51.100.10"));
  lines.push_back(At(8,
                     "%ASA-6-716039: Group <G> User <bob> IP <198.51.100.10> Authentication: "
                     "rejected, Session Type: WebVPN."));
  lines.push_back(At(9,
                     "%ASA-6-716039: Group <G> User <alice> IP <198.51.100.10> Authentication: "
                     "rejected, Session Type: WebVPN."));
  Run(lines);
  ASSERT_EQ(Events().size(), 5u);
  EXPECT_EQ(View(Events()[3].user), "alice");
  EXPECT_EQ(View(Events()[3].client), "WebVPN");
  EXPECT_EQ(View(Events()[4].user), "bob");
  EXPECT_EQ(View(Events()[4].client), "WebVPN");
}

TEST_F(AsaTest, MessagesFurtherApartThanTheWindowAreSeparateAttempts) {
  Run({At(1,
          "%ASA-6-113005: AAA user authentication Rejected : reason = Invalid password : "
          "server = 192.0.2.254 : user = bob : user IP = 198.51.100.11"),
       At(9,
          "%ASA-6-716039: Group <G> User <bob> IP <198.51.100.11> Authentication: rejected, "
          "Session Type: WebVPN.")});
  EXPECT_EQ(Events().size(), 2u);
}

TEST_F(AsaTest, RelayHeadersRfc5424AndIpv6) {
  Run(
      {"Oct 15 12:07:01 10.0.0.1 %ASA-6-611102: User authentication failed: IP address: "
       "2001:DB8:0:0::7, Uname: bob",
       "<166>1 2024-10-15T12:07:30Z asa-fw - - - - %FTD-6-113015: AAA user authentication "
       "Rejected : reason = Invalid password : local database : user = carol : user IP = "
       "::ffff:198.51.100.12"});
  ASSERT_EQ(Events().size(), 2u);
  EXPECT_EQ(Events()[0].source_ip.ToString(), "2001:db8::7");
  EXPECT_EQ(View(Events()[0].target_host), "10.0.0.1");
  EXPECT_EQ(Events()[1].source_ip.ToString(), "198.51.100.12");
  EXPECT_EQ(View(Events()[1].user), "carol");
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(AsaTest, HostileNamesAreKeptAsLoggedAndCaseFolded) {
  Run({At(1,
          "%ASA-6-716039: Group <G> User <<script>alert(1)</script>> IP <198.51.100.13> "
          "Authentication: rejected, Session Type: WebVPN."),
       At(2,
          "%ASA-6-611102: User authentication failed: IP address: 198.51.100.14, Uname: "
          "CORP\\Bob\x1b[31m")});
  ASSERT_EQ(Events().size(), 2u);
  EXPECT_EQ(View(Events()[0].user), "<script>alert(1)</script>");
  EXPECT_EQ(View(Events()[1].user), "CORP\\Bob\x1b[31m");
  EXPECT_EQ(View(Events()[1].user_canonical).substr(0, 3), "bob");
}

TEST_F(AsaTest, BadRecordsAreCountedNeverEmitted) {
  Run({
      // Cut before the user.
      At(1, "%ASA-6-113005: AAA user authentication Rejected : reason = Inv"),
      // Cut inside the user's quotes.
      At(2,
         "%ASA-6-605004: Login denied from 198.51.100.15/22 to outside:192.0.2.1/ssh for user "
         "\"roo"),
      // An address that is none.
      At(3, "%ASA-6-611102: User authentication failed: IP address: 999.1.1.1, Uname: bob"),
      At(4,
         "%ASA-6-716039: Group <G> User <bob> IP <> Authentication: rejected, Session Type: "
         "WebVPN."),
      // A rejection nobody can be blamed for: no address and nothing else of its login.
      At(30,
         "%ASA-6-113015: AAA user authentication Rejected : reason = Invalid password : local "
         "database : user = johntheuser"),
      // No header: no time.
      "%ASA-6-611102:  User authentication failed: IP address: 192.168.1.5, Uname: *****",
      "<166>%ASA-6-605004: Login denied from 192.0.2.10/32597 to outside:192.0.2.14/ssh for user "
      "\"root\"",
  });
  EXPECT_TRUE(Events().empty());
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 7u);
  EXPECT_EQ(diagnostics_.Total(), 7u);
}

TEST_F(AsaTest, OtherMessagesAreTheFamilysButNoAttempt) {
  Run({At(1,
          "%ASA-6-302013: Built inbound TCP connection 1 for outside:198.51.100.1/5 "
          "(198.51.100.1/5) to inside:10.0.0.1/443 (10.0.0.1/443)"),
       At(2,
          "%ASA-6-113004: AAA user authorization Successful : server = 192.0.2.254 : user = bob"),
       At(3, "%ASA-6-999999: a message id from a future release"),
       "%ASA-6-302013: Built inbound TCP connection 2 (no header)"});
  EXPECT_TRUE(Events().empty());
  EXPECT_EQ(diagnostics_.Total(), 0u);
  EXPECT_EQ(stats_.relevant_lines, 4u);
}

}  // namespace
}  // namespace spraytrace::parse::vpn
