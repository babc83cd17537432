// The OpenVPN family through the front door: the lines of one login joined into one attempt,
// syslog and OpenVPN's own log file, and bad input counted; fail2ban's OpenVPN log read in place.
#include "parse/vpn/openvpn/openvpn_parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "event/ip_address.h"
#include "parse/log_parser.h"
#include "tests/test_paths.h"

namespace spraytrace::parse::vpn {
namespace {

Timestamp Utc(int year, int month, int day, int hour, int minute, int second) {
  return ToTimestamp(CivilTime{year, month, day, hour, minute, second, 0});
}

// "Mar 10 10:00:SS vpn1 openvpn[2231]: MESSAGE", seconds past 10:00:00.
std::string At(int seconds, std::string_view message) {
  const int minute = seconds / 60;
  const int second = seconds % 60;
  return "Mar 10 10:" + std::string(minute < 10 ? "0" : "") + std::to_string(minute) + ":" +
         std::string(second < 10 ? "0" : "") + std::to_string(second) +
         " vpn1 openvpn[2231]: " + std::string(message);
}

// The lines a PAM-checked OpenVPN 2.5 server writes for one refused password.
std::vector<std::string> PamFailure(int second, std::string_view client, std::string_view user) {
  const std::string c(client);
  return {
      At(second, c + " TLS: Initial packet from [AF_INET]" + c + ", sid=7b6c1a2e 0c5d3f11"),
      At(second + 1, "AUTH-PAM: BACKGROUND: user '" + std::string(user) +
                         "' failed to authenticate: Authentication failure"),
      At(second + 1, c + " PLUGIN_CALL: POST /usr/lib/openvpn/openvpn-plugin-auth-pam.so/"
                         "PLUGIN_AUTH_USER_PASS_VERIFY status=1"),
      At(second + 1, c + " PLUGIN_CALL: plugin function PLUGIN_AUTH_USER_PASS_VERIFY failed with "
                         "status 1: /usr/lib/openvpn/openvpn-plugin-auth-pam.so"),
      At(second + 1, c + " TLS Auth Error: Auth Username/Password verification failed for peer"),
      At(second + 3, c + " SENT CONTROL [UNDEF]: 'AUTH_FAILED' (status=1)"),
  };
}

class OpenVpnTest : public ::testing::Test {
 protected:
  void Begin() {
    parser_ = std::make_unique<LogParser>(&strings_, &diagnostics_);
    parser_->BeginFile(0, "openvpn.log", YearHint{2024, 12, false});
    number_ = 0;
  }
  void Feed(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) parser_->ParseLine(line, ++number_, 0, &sink_);
  }
  void End() {
    parser_->EndFile(&sink_);
    stats_ = parser_->stats();
  }
  void Run(const std::vector<std::string>& lines) {
    Begin();
    Feed(lines);
    End();
  }
  std::string_view View(StringId id) const { return strings_.View(id); }
  const std::vector<AuthEvent>& Events() const { return sink_.events; }

  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  ParseStats stats_;
  std::unique_ptr<LogParser> parser_;
  uint64_t number_ = 0;
};

TEST_F(OpenVpnTest, PamRefusalIsOneAttemptOverItsLines) {
  Run(PamFailure(1, "203.0.113.5:51234", "alice"));
  ASSERT_EQ(Events().size(), 1u);
  const AuthEvent& e = Events()[0];
  EXPECT_EQ(e.outcome, Outcome::kFailure);
  EXPECT_EQ(e.service, Service::kVpn);
  EXPECT_EQ(e.method, AuthMethod::kPassword);
  EXPECT_EQ(e.reason, Reason::kBadPassword);
  EXPECT_EQ(e.source_ip, *IpAddress::Parse("203.0.113.5"));
  EXPECT_EQ(View(e.user), "alice");
  EXPECT_EQ(View(e.target_host), "vpn1");
  EXPECT_EQ(e.time, Utc(2024, 3, 10, 10, 0, 2));
  EXPECT_EQ(e.where.line, 3u);  // the first line of the login (the plugin's POST)
  EXPECT_EQ(diagnostics_.Total(), 0u);
  ASSERT_EQ(stats_.by_family.size(), 1u);
  EXPECT_EQ(stats_.by_family[0], (std::pair<std::string, uint64_t>{"openvpn", 6}));
}

TEST_F(OpenVpnTest, UnknownUserAndUserAfterTheVerdict) {
  // The background line may come after the verdict: it still names that login.
  Run({At(1,
          "198.51.100.9:40000 TLS Auth Error: Auth Username/Password verification failed for "
          "peer"),
       At(1,
          "AUTH-PAM: BACKGROUND: user 'nosuch' failed to authenticate: User not known to the "
          "underlying authentication module")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(View(Events()[0].user), "nosuch");
  EXPECT_EQ(Events()[0].reason, Reason::kUnknownUser);
}

TEST_F(OpenVpnTest, ScriptRefusalWithADeferredName) {
  Run({At(1,
          "192.0.2.40:1194 TLS: Username/Password authentication deferred for username "
          "'Bob.Smith' "),
       At(2,
          "192.0.2.40:1194 WARNING: Failed running command (--auth-user-pass-verify): external "
          "program exited with error status: 1"),
       At(2,
          "192.0.2.40:1194 TLS Auth Error: Auth Username/Password verification failed for "
          "peer")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(View(Events()[0].user), "Bob.Smith");
  EXPECT_EQ(View(Events()[0].user_canonical), "bob.smith");
  EXPECT_EQ(Events()[0].reason, Reason::kOther);
}

TEST_F(OpenVpnTest, FailureWithoutAnyNameIsStillAGuess) {
  Run({At(1,
          "192.0.2.254:64480 TLS Auth Error: Auth Username/Password verification failed for "
          "peer")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(Events()[0].user, kNoString);
}

TEST_F(OpenVpnTest, PasswordLoginIsOneSuccessNamedByTheUserNotTheCertificate) {
  Run({At(10,
          "203.0.113.5:51234 TLS: Username/Password authentication succeeded for username "
          "'alice' "),
       At(10,
          "203.0.113.5:51234 [shared-client] Peer Connection Initiated with "
          "[AF_INET]203.0.113.5:51234"),
       At(11, "shared-client/203.0.113.5:51234 MULTI_sva: pool returned IPv4=10.8.0.6"),
       At(11,
          "shared-client/203.0.113.5:51234 MULTI: Learn: 10.8.0.6 -> "
          "shared-client/203.0.113.5:51234")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(Events()[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(Events()[0].method, AuthMethod::kPassword);
  EXPECT_EQ(View(Events()[0].user), "alice");
}

TEST_F(OpenVpnTest, CertificateLoginIsNamedByItsCommonName) {
  Run({At(10,
          "203.0.113.6:40001 [laptop-carol] Peer Connection Initiated with "
          "[AF_INET]203.0.113.6:40001"),
       At(10,
          "laptop-carol/203.0.113.6:40001 MULTI: Learn: 10.8.0.10 -> "
          "laptop-carol/203.0.113.6:40001"),
       At(10,
          "laptop-carol/203.0.113.6:40001 MULTI: Learn: fd00::10 -> "
          "laptop-carol/203.0.113.6:40001")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(Events()[0].method, AuthMethod::kPublicKey);
  EXPECT_EQ(View(Events()[0].user), "laptop-carol");
}

TEST_F(OpenVpnTest, RenegotiationOfAnOpenTunnelIsNoLogin) {
  Run({At(10,
          "alice/203.0.113.5:51234 TLS: Username/Password authentication succeeded for "
          "username 'alice' "),
       At(11, "alice/203.0.113.5:51234 MULTI: Learn: 10.8.0.6 -> alice/203.0.113.5:51234")});
  EXPECT_TRUE(Events().empty());
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(OpenVpnTest, RepeatedVerdictOnOnePortIsASecondGuess) {
  Run({At(1,
          "198.51.100.9:40000 TLS Auth Error: Auth Username/Password verification failed for "
          "peer"),
       At(2,
          "198.51.100.9:40000 TLS Auth Error: Auth Username/Password verification failed for "
          "peer"),
       // Another port of the same address at the same time: another login.
       At(2,
          "198.51.100.9:40001 TLS Auth Error: Auth Username/Password verification failed for "
          "peer"),
       // Past the window: another guess even with a kind the first did not have.
       At(30, "198.51.100.9:40000 SENT CONTROL [UNDEF]: 'AUTH_FAILED' (status=1)")});
  EXPECT_EQ(Events().size(), 4u);
}

TEST_F(OpenVpnTest, SprayFromManyClientsKeepsEachNameWithItsLogin) {
  std::vector<std::string> lines;
  const std::vector<std::string> users = {"alice", "bob", "carol", "dave"};
  for (size_t i = 0; i < users.size(); ++i) {
    const std::string client = "192.0.2." + std::to_string(10 + i) + ":5000" + std::to_string(i);
    for (const std::string& line : PamFailure(static_cast<int>(i), client, users[i])) {
      lines.push_back(line);
    }
  }
  std::sort(lines.begin(), lines.end());  // interleaved by time, as a busy server writes them
  Run(lines);
  ASSERT_EQ(Events().size(), users.size());
  for (const AuthEvent& e : Events()) {
    const std::string ip = e.source_ip.ToString();
    const size_t index = static_cast<size_t>(std::stoi(ip.substr(ip.rfind('.') + 1)) - 10);
    ASSERT_LT(index, users.size());
    EXPECT_EQ(View(e.user), users[index]) << ip;
  }
}

TEST_F(OpenVpnTest, AttemptsAreEmittedOnceTheirWindowHasPassed) {
  Begin();
  Feed({At(1,
           "192.0.2.254:64480 TLS Auth Error: Auth Username/Password verification failed for "
           "peer")});
  EXPECT_TRUE(Events().empty());  // more lines of that login may follow
  Feed({At(40, "192.0.2.9:1 TLS Error: TLS handshake failed")});
  EXPECT_EQ(Events().size(), 1u);
  End();
  EXPECT_EQ(Events().size(), 1u);
}

TEST_F(OpenVpnTest, OwnLogFileInBothTimeShapesAndIpv6) {
  Run(
      {"2024-03-10 10:00:01 2001:db8::7:51234 TLS Auth Error: Auth Username/Password "
       "verification failed for peer",
       "2024-03-10 10:00:01 AUTH-PAM: BACKGROUND: user 'eve' failed to authenticate: "
       "Authentication failure",
       "2024-03-10 10:00:02 OpenVPN 2.6.3 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4]",
       "Sun Mar 10 10:05:09 2024 ::ffff:198.51.100.9:1194 TLS Auth Error: Auth Username/Password "
       "verification failed for peer",
       "Sun Mar  3 09:05:09 2024 Initialization Sequence Completed"});
  ASSERT_EQ(Events().size(), 2u);
  EXPECT_EQ(Events()[0].source_ip, *IpAddress::Parse("2001:db8::7"));
  EXPECT_EQ(View(Events()[0].user), "eve");
  EXPECT_EQ(Events()[0].target_host, kNoString);
  EXPECT_EQ(Events()[1].source_ip, *IpAddress::Parse("198.51.100.9"));  // IPv4-mapped
  EXPECT_EQ(Events()[1].time, Utc(2024, 3, 10, 10, 5, 9));
  EXPECT_EQ(stats_.not_understood, 0u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(OpenVpnTest, OtherProgramsTimeShapesAreNotTheFamilys) {
  Run({"2024/03/10 10:00:01 [error] 1234#0: *5 open() failed (2: No such file or directory)",
       "2024-03-10 10:00:01,123 fail2ban.filter [1]: INFO Found 192.0.2.1"});
  EXPECT_EQ(stats_.relevant_lines, 0u);
  EXPECT_EQ(stats_.not_understood, 2u);
}

TEST_F(OpenVpnTest, HostileNamesAreKeptAsLogged) {
  const std::string name = "<b>\x1b[31m" + std::string(300, 'x');
  Run({At(1, "203.0.113.5:51234 TLS: Username/Password authentication deferred for username '" +
                 name + "' "),
       At(1,
          "203.0.113.5:51234 TLS Auth Error: Auth Username/Password verification failed for "
          "peer")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(View(Events()[0].user), name);  // outputs escape it
}

TEST_F(OpenVpnTest, CutLinesAreCountedAndTheRestIsRead) {
  Run({At(1, "203.0.113.5:51234 TLS: Username/Password authentication succeeded for username 'al"),
       At(2, "AUTH-PAM: BACKGROUND: user 'bo"),
       At(3,
          "192.0.2.254:64480 TLS Auth Error: Auth Username/Password verification failed for "
          "peer")});
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 2u);
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(Events()[0].source_ip, *IpAddress::Parse("192.0.2.254"));
}

TEST_F(OpenVpnTest, AFloodOfOpenLoginsIsBoundedAndLosesNone) {
  std::vector<std::string> lines;
  constexpr int kClients = 9000;  // more than kMaxOpen within one window
  lines.reserve(kClients);
  for (int i = 0; i < kClients; ++i) {
    lines.push_back(At(1, "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) +
                              ".1:1194 TLS Auth Error: Auth Username/Password verification "
                              "failed for peer"));
  }
  Run(lines);
  EXPECT_EQ(Events().size(), static_cast<size_t>(kClients));
}

// fail2ban's OpenVPN test log, read in place. fail2ban bans on eight of its lines: a TLS handshake
// failure, a missing HMAC, a certificate error, four connection resets and one refused password.
// Only the last is a password guess; the others come before any credential is sent.
TEST_F(OpenVpnTest, Fail2banOpenVpnLog) {
  const std::filesystem::path path = testing::DatasetsDir() / "fail2ban-testlogs" / "openvpn";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "dataset not found at " << path;
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("#")) lines.push_back(line);  // fail2ban's annotations
  }
  ASSERT_EQ(lines.size(), 20u);
  Begin();
  parser_->BeginFile(0, "openvpn", YearHint{2005, 12, true});
  Feed(lines);
  End();
  ASSERT_EQ(Events().size(), 1u);
  const AuthEvent& e = Events()[0];
  EXPECT_EQ(e.outcome, Outcome::kFailure);
  EXPECT_EQ(e.source_ip, *IpAddress::Parse("192.0.2.254"));
  EXPECT_EQ(e.time, Utc(2005, 4, 25, 11, 19, 22));
  EXPECT_EQ(e.user, kNoString);
  EXPECT_EQ(stats_.not_understood, 0u);
  EXPECT_EQ(stats_.relevant_lines, 20u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

}  // namespace
}  // namespace spraytrace::parse::vpn
