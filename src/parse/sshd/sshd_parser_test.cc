#include "parse/sshd/sshd_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/duration.h"
#include "event/ip_address.h"

namespace spraytrace::parse {
namespace {

constexpr Timestamp kBase = 1'700'000'000 * kMicrosPerSecond;

class SshdParserTest : public ::testing::Test {
 protected:
  // Feeds one message as line number ++line_ of host `host`, pid `pid`, one second apart.
  bool Feed(std::string_view message, int64_t pid = 100, std::string_view host = "srv") {
    ++line_;
    SyslogRecord record;
    record.time = kBase + static_cast<Timestamp>(line_) * kMicrosPerSecond;
    record.host = host;
    record.program = "sshd";
    record.pid = pid;
    record.message = message;
    record.where.line = line_;
    return parser_.OnRecord(record, "auth.log", &sink_);
  }

  std::vector<AuthEvent> Events(Outcome outcome) const {
    std::vector<AuthEvent> out;
    for (const AuthEvent& event : sink_.events) {
      if (event.outcome == outcome) out.push_back(event);
    }
    return out;
  }
  std::vector<AuthEvent> Failures() const { return Events(Outcome::kFailure); }
  std::vector<AuthEvent> Successes() const { return Events(Outcome::kSuccess); }
  std::string_view View(StringId id) const { return strings_.View(id); }
  static IpAddress Ip(std::string_view text) { return *IpAddress::Parse(text); }
  static Timestamp TimeOfLine(uint64_t line) {
    return kBase + static_cast<Timestamp>(line) * kMicrosPerSecond;
  }

  StringPool strings_;
  Diagnostics diagnostics_;
  SshdParser parser_{&strings_, &diagnostics_};
  CollectingSink sink_;
  uint64_t line_ = 0;
};

TEST_F(SshdParserTest, OneGuessLoggedAsFourLinesIsOneAttempt) {
  Feed("Invalid user webadmin from 198.51.100.20");
  Feed("input_userauth_request: invalid user webadmin [preauth]");
  Feed(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
      "rhost=198.51.100.20 ");
  Feed("Failed password for invalid user webadmin from 198.51.100.20 port 38926 ssh2");
  Feed("Connection closed by 198.51.100.20 [preauth]");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  AuthEvent e = Failures()[0];
  EXPECT_EQ(e.reason, Reason::kUnknownUser);
  EXPECT_EQ(e.method, AuthMethod::kPassword);
  EXPECT_EQ(View(e.user), "webadmin");
  EXPECT_EQ(View(e.user_canonical), "webadmin");
  EXPECT_EQ(View(e.target_host), "srv");
  EXPECT_TRUE(e.has_source_ip);
  EXPECT_EQ(e.source_ip, Ip("198.51.100.20"));
  EXPECT_EQ(e.where.line, 4u);       // the Failed line
  EXPECT_EQ(e.time, TimeOfLine(1));  // the attempt's first line
  EXPECT_EQ(e.service, Service::kSsh);
}

TEST_F(SshdParserTest, KeyOnlyServerInvalidUserThenClosedIsOneAttempt) {
  Feed("Invalid user admin from 198.51.100.21 port 50000");
  Feed("input_userauth_request: invalid user admin [preauth]");
  Feed("Connection closed by invalid user admin 198.51.100.21 port 50000 [preauth]");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].reason, Reason::kUnknownUser);
  EXPECT_EQ(Failures()[0].where.line, 1u);
}

TEST_F(SshdParserTest, RepeatedInvalidUserOnOneConnectionIsOneAttemptEach) {
  // CrowdSec's ssh-slow-bf fixture writes the same line on one pid every 30 seconds.
  for (int i = 0; i < 4; ++i) Feed("Invalid user hadoop from 198.51.100.25 port 56762");
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 4u);
}

TEST_F(SshdParserTest, InvalidUserAfterAKeyTryForItIsTheSameAttempt) {
  Feed(
      "Failed publickey for invalid user graysky from 198.51.100.26 port 37954 ssh2: RSA "
      "SHA256:v3dpapGleDaUKf4V1vKyR9ZyUgjaJAmoCTcb2PLl");
  Feed("Invalid user graysky from 198.51.100.26 port 37954");
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 1u);
}

// OpenSSH closes one connection with two lines; found by the simulator's truth tests.
TEST_F(SshdParserTest, ByeByeThenDisconnectedFromUserIsOneAttempt) {
  Feed("Failed password for bob from 192.0.2.9 port 46508 ssh2");
  Feed("Received disconnect from 192.0.2.9 port 46508:11: Bye Bye [preauth]");
  Feed("Disconnected from authenticating user bob 192.0.2.9 port 46508 [preauth]");
  Feed("Invalid user eve from 192.0.2.9 port 46510", 101);
  Feed("Received disconnect from 192.0.2.9 port 46510:11: Bye Bye [preauth]", 101);
  Feed("Disconnected from invalid user eve 192.0.2.9 port 46510 [preauth]", 101);
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 2u);
}

TEST_F(SshdParserTest, PamFailureThenAcceptedSameUserIsNoFailure) {
  Feed(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
      "rhost=198.51.100.22  user=dana");
  Feed("Accepted password for dana from 198.51.100.22 port 52100 ssh2");
  Feed("Connection closed by 198.51.100.22");
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 0u);
  ASSERT_EQ(Successes().size(), 1u);
  EXPECT_EQ(View(Successes()[0].user), "dana");
  EXPECT_EQ(Successes()[0].method, AuthMethod::kPassword);
}

TEST_F(SshdParserTest, PamFailureThenAcceptedOtherUserIsOneFailure) {
  Feed(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
      "rhost=198.51.100.23  user=root");
  Feed("Accepted password for dana from 198.51.100.23 port 52100 ssh2");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(View(Failures()[0].user), "root");
  EXPECT_EQ(Failures()[0].time, TimeOfLine(1));
  EXPECT_EQ(Successes().size(), 1u);
}

TEST_F(SshdParserTest, SixFailedThenMaxAttemptsIsSix) {
  for (int i = 0; i < 6; ++i) Feed("Failed password for root from 198.51.100.24 port 4000 ssh2");
  Feed(
      "error: maximum authentication attempts exceeded for root from 198.51.100.24 port 4000 "
      "ssh2 [preauth]");
  Feed(
      "Disconnecting authenticating user root 198.51.100.24 port 4000: Too many authentication "
      "failures [preauth]");
  Feed(
      "PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= "
      "rhost=198.51.100.24  user=root");
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 6u);
  for (const AuthEvent& e : Failures()) EXPECT_EQ(e.reason, Reason::kBadPassword);
}

TEST_F(SshdParserTest, TooManyWithoutAddressTakesItFromTheClosingLine) {
  Feed("Disconnecting: Too many authentication failures for root [preauth]", 8148, "");
  Feed("Connection closed by 198.51.100.25 [preauth]", 8148, "");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].source_ip, Ip("198.51.100.25"));
  EXPECT_EQ(View(Failures()[0].user), "root");
  EXPECT_EQ(Failures()[0].where.line, 2u);
}

TEST_F(SshdParserTest, AttemptWithoutAnySourceIsDropped) {
  Feed("Disconnecting: Too many authentication failures for root [preauth]", 9148);
  Feed("Connection closed by 198.51.100.25", 7148);  // another pid
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 0u);
}

TEST_F(SshdParserTest, InterleavedConnectionsStaySeparate) {
  Feed("Invalid user amy from 198.51.100.30", 1);
  Feed("Invalid user bob from 198.51.100.31", 2);
  Feed("Failed password for invalid user bob from 198.51.100.31 port 2 ssh2", 2);
  Feed("Failed password for invalid user amy from 198.51.100.30 port 1 ssh2", 1);
  Feed("Failed password for invalid user amy from 198.51.100.30 port 1 ssh2", 1);
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 3u);
  EXPECT_EQ(View(Failures()[0].user), "bob");
  EXPECT_EQ(Failures()[0].source_ip, Ip("198.51.100.31"));
  EXPECT_EQ(View(Failures()[1].user), "amy");
  EXPECT_EQ(Failures()[1].time, TimeOfLine(1));
  EXPECT_EQ(Failures()[2].time, TimeOfLine(5));
}

TEST_F(SshdParserTest, SamePidOnAnotherHostIsAnotherConnection) {
  Feed("Invalid user amy from 198.51.100.30", 7, "web1");
  Feed("Failed password for invalid user bob from 198.51.100.31 port 2 ssh2", 7, "web2");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 2u);
}

TEST_F(SshdParserTest, FlushEmitsPendingAttempts) {
  Feed("Invalid user ftp from 198.51.100.40", 1);
  Feed(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
      "rhost=198.51.100.41  user=root",
      2);
  EXPECT_EQ(sink_.events.size(), 0u);
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 2u);
  EXPECT_EQ(Failures()[0].reason, Reason::kUnknownUser);
  EXPECT_EQ(Failures()[1].reason, Reason::kBadPassword);
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 2u);  // nothing twice
}

TEST_F(SshdParserTest, ExpireEmitsOnlyIdleConnections) {
  Feed("Invalid user old from 198.51.100.50", 1);    // line 1
  line_ += 700;                                      // 700 s later
  Feed("Invalid user fresh from 198.51.100.51", 2);  // line 702
  parser_.Expire(TimeOfLine(702), &sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(View(Failures()[0].user), "old");
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 2u);
}

TEST_F(SshdParserTest, ExpireKeepsAConnectionUntilItsLastLineIsOld) {
  Feed("Invalid user slow from 198.51.100.52", 1);  // line 1: the connection starts
  line_ += 500;
  Feed(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
      "rhost=198.51.100.52",
      1);                                   // line 502: still the same connection, active again
  parser_.Expire(TimeOfLine(702), &sink_);  // its start is old, its last line is not
  EXPECT_EQ(Failures().size(), 0u);
  parser_.Expire(TimeOfLine(1103), &sink_);  // 601 s after its last line
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(View(Failures()[0].user), "slow");
}

TEST_F(SshdParserTest, ExpireFollowsAReusedPidEvenWhenItsClockGoesBack) {
  line_ = 500;
  Feed("Invalid user first from 198.51.100.53", 1);  // line 501
  // Two concatenated logs: the same pid, another peer, an earlier time. A new connection that
  // has been idle since line 11.
  line_ = 10;
  Feed("Invalid user second from 198.51.100.54", 1);
  ASSERT_EQ(Failures().size(), 1u);  // the first connection ended when the second began
  EXPECT_EQ(View(Failures()[0].user), "first");
  parser_.Expire(TimeOfLine(700), &sink_);
  ASSERT_EQ(Failures().size(), 2u);
  EXPECT_EQ(View(Failures()[1].user), "second");
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 2u);
}

TEST_F(SshdParserTest, ClosedByAuthenticatingUserWithoutGuessIsAborted) {
  Feed("Connection closed by authenticating user root 198.51.100.60 port 46038 [preauth]");
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].reason, Reason::kAborted);
  EXPECT_EQ(View(Failures()[0].user), "root");
}

TEST_F(SshdParserTest, ClosedByAuthenticatingUserAfterGuessAddsNothing) {
  Feed("Failed password for root from 198.51.100.61 port 4 ssh2");
  Feed("Connection closed by authenticating user root 198.51.100.61 port 4 [preauth]");
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 1u);
}

TEST_F(SshdParserTest, ReceivedDisconnectAuthFailIsOneFailure) {
  Feed(
      "Received disconnect from 198.51.100.62: 3: com.jcraft.jsch.JSchException: Auth fail "
      "[preauth]");
  Feed("Received disconnect from 198.51.100.63 port 5:11: Bye Bye [preauth]", 101);
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].source_ip, Ip("198.51.100.62"));
}

TEST_F(SshdParserTest, ByeByeCompletesPendingAttempt) {
  Feed("User root not allowed because account is locked");
  Feed("input_userauth_request: invalid user root [preauth]");
  Feed("Received disconnect from 198.51.100.64: 11: Bye Bye [preauth]");
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].reason, Reason::kDisabled);
  EXPECT_EQ(Failures()[0].source_ip, Ip("198.51.100.64"));
  EXPECT_EQ(Failures()[0].where.line, 3u);
}

TEST_F(SshdParserTest, PublickeyTriesAreNotGuessesUntilTooMany) {
  Feed("Failed publickey for git from 198.51.100.65 port 5 ssh2: ECDSA SHA256:aaaa");
  Feed("Failed publickey for git from 198.51.100.65 port 5 ssh2: RSA SHA256:bbbb");
  EXPECT_EQ(Failures().size(), 0u);
  Feed("Disconnecting: Too many authentication failures for git [preauth]");
  Feed("Connection closed by 198.51.100.65 [preauth]");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].reason, Reason::kBadPassword);
  EXPECT_EQ(Failures()[0].where.line, 3u);
}

TEST_F(SshdParserTest, PublickeyTriesThenAcceptedIsOnlySuccess) {
  Feed("Failed publickey for git from 198.51.100.66 port 5 ssh2: ECDSA SHA256:aaaa");
  Feed("Postponed publickey for git from 198.51.100.66 port 5 ssh2 [preauth]");
  Feed("Accepted publickey for git from 198.51.100.66 port 5 ssh2: RSA SHA256:cccc");
  Feed("Connection closed by 198.51.100.66");
  parser_.Flush(&sink_);
  EXPECT_EQ(Failures().size(), 0u);
  ASSERT_EQ(Successes().size(), 1u);
  EXPECT_EQ(Successes()[0].method, AuthMethod::kPublicKey);
}

TEST_F(SshdParserTest, NotAllowedThenFailedIsOneDisabledAttempt) {
  Feed("User root from 198.51.100.67 not allowed because not listed in AllowUsers");
  Feed("Failed password for invalid user root from 198.51.100.67 port 5 ssh2");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].reason, Reason::kDisabled);
}

TEST_F(SshdParserTest, EachRootLoginRefusedIsAnAttempt) {
  Feed("ROOT LOGIN REFUSED FROM 198.51.100.68");
  Feed("ROOT LOGIN REFUSED FROM ::ffff:198.51.100.68 port 5 [preauth]");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 2u);
  EXPECT_EQ(Failures()[1].source_ip, Ip("198.51.100.68"));  // ::ffff: normalised
  EXPECT_EQ(Failures()[1].reason, Reason::kDisabled);
}

TEST_F(SshdParserTest, PamDnsRhostIsASourceHost) {
  Feed(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
      "rhost=dsl-7.example.net  user=root");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_FALSE(Failures()[0].has_source_ip);
  EXPECT_EQ(View(Failures()[0].source_host), "dsl-7.example.net");
}

TEST_F(SshdParserTest, PamDnsRhostThenFailedWithAddressIsOneAttempt) {
  Feed(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
      "rhost=dsl-7.example.net  user=root");
  Feed("Failed password for root from 198.51.100.69 port 5 ssh2");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_TRUE(Failures()[0].has_source_ip);
}

TEST_F(SshdParserTest, LegacyPamUnixLinesAreEachAnAttempt) {
  Feed("check pass; user unknown", 19937);
  Feed("authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=198.51.100.70 ",
       19937);
  Feed(
      "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=198.51.100.71  "
      "user=root",
      19938);
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 2u);
  EXPECT_EQ(Failures()[0].reason, Reason::kUnknownUser);
  EXPECT_EQ(View(Failures()[1].user), "root");
}

TEST_F(SshdParserTest, LineWithoutPidIsItsOwnConnection) {
  Feed("User root from 198.51.100.72 not allowed because listed in DenyUsers", -1);
  ASSERT_EQ(Failures().size(), 1u);
  Feed("Invalid user x from 198.51.100.72", -1);
  EXPECT_EQ(Failures().size(), 2u);
}

TEST_F(SshdParserTest, ChangeOfUsernameIsAnAttemptAtTheNewName) {
  Feed("Invalid user adm from 198.51.100.73 port 44004");
  Feed(
      "Disconnecting invalid user adm 198.51.100.73 port 44004: Change of username or service "
      "not allowed: (adm,ssh-connection) -> (usr,ssh-connection) [preauth]");
  ASSERT_EQ(Failures().size(), 2u);
  EXPECT_EQ(View(Failures()[0].user), "adm");
  EXPECT_EQ(View(Failures()[1].user), "usr");
  EXPECT_EQ(Failures()[1].reason, Reason::kAborted);
}

TEST_F(SshdParserTest, ProtocolNoiseIsNoAttempt) {
  EXPECT_TRUE(Feed("Did not receive identification string from 198.51.100.74 port 5"));
  EXPECT_TRUE(Feed("Unable to negotiate with 198.51.100.74 port 5: no matching cipher found."));
  EXPECT_TRUE(Feed("Connection closed by 198.51.100.74 port 5 [preauth]"));
  EXPECT_TRUE(Feed("refused connect from x.example (198.51.100.74)"));
  parser_.Flush(&sink_);
  EXPECT_EQ(sink_.events.size(), 0u);
}

TEST_F(SshdParserTest, PidReuseWithAnotherAddressIsANewConnection) {
  Feed("Invalid user ftp from 198.51.100.80");
  Feed("Invalid user ftp from 198.51.100.81 port 37220");
  parser_.Flush(&sink_);
  ASSERT_EQ(Failures().size(), 2u);
  EXPECT_EQ(Failures()[0].where.line, 1u);
  EXPECT_EQ(Failures()[1].where.line, 2u);
}

TEST_F(SshdParserTest, UnknownMessageIsReported) {
  EXPECT_FALSE(Feed("Frobnicated the widget"));
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kUnknownSshdMessage), 1u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kUnknownSshdMessage).line, 1u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kUnknownSshdMessage).file, "auth.log");
}

TEST_F(SshdParserTest, EmptyUserIsNoString) {
  Feed("Invalid user  from 198.51.100.82 port 34916");
  Feed("Connection closed by invalid user  198.51.100.82 port 34916 [preauth]");
  ASSERT_EQ(Failures().size(), 1u);
  EXPECT_EQ(Failures()[0].user, kNoString);
  EXPECT_EQ(Failures()[0].user_canonical, kNoString);
}

TEST_F(SshdParserTest, HandlesSshdPrograms) {
  EXPECT_TRUE(SshdParser::HandlesProgram("sshd"));
  EXPECT_TRUE(SshdParser::HandlesProgram("sshd-session"));
  EXPECT_TRUE(SshdParser::HandlesProgram("sshd(pam_unix)"));
  EXPECT_FALSE(SshdParser::HandlesProgram("CRON"));
}

}  // namespace
}  // namespace spraytrace::parse
