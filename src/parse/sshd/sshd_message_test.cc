#include "parse/sshd/sshd_message.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace spraytrace::parse {
namespace {

SshdMessage Classify(std::string_view text) {
  SshdMessage message;
  EXPECT_TRUE(ClassifySshdMessage(text, &message)) << text;
  return message;
}

bool Recognised(std::string_view text) {
  SshdMessage message;
  return ClassifySshdMessage(text, &message);
}

// Found by fuzz_log_parser_smoke: user and host run together after the role words left an
// empty view that was shortened by one, wrapping its length.
TEST(SshdMessage, ConnectionIdWithUserAndHostRunTogetherIsNotMisread) {
  SshdMessage message;
  ClassifySshdMessage(
      "Disconnecting authenticating user rootf203.0.113.45 port 42187: Too many authentication "
      "failures [preauth]",
      &message);
  EXPECT_LT(message.user.size(), 64u);
  EXPECT_NE(message.user, "rootf203.0.113.45");
}

TEST(SshdMessage, FailedPassword) {
  SshdMessage m = Classify("Failed password for root from 203.0.113.7 port 51234 ssh2");
  EXPECT_EQ(m.kind, SshdKind::kAuthFailed);
  EXPECT_EQ(m.method, AuthMethod::kPassword);
  EXPECT_EQ(m.user, "root");
  EXPECT_EQ(m.host, "203.0.113.7");
  EXPECT_EQ(m.role, SshdUserRole::kNone);
}

TEST(SshdMessage, FailedPasswordForInvalidUser) {
  SshdMessage m = Classify("Failed password for invalid user oracle from 198.51.100.4 port 4 ssh2");
  EXPECT_EQ(m.role, SshdUserRole::kInvalid);
  EXPECT_EQ(m.user, "oracle");
  EXPECT_EQ(m.host, "198.51.100.4");
}

TEST(SshdMessage, FailedKeyboardInteractivePam) {
  SshdMessage m = Classify(
      "Failed keyboard-interactive/pam for invalid user bob from 192.0.2.44 port 33000 ssh2");
  EXPECT_EQ(m.method, AuthMethod::kKeyboardInteractive);
  EXPECT_EQ(m.user, "bob");
}

TEST(SshdMessage, FailedPublickeyWithKeySuffix) {
  SshdMessage m = Classify(
      "Failed publickey for deploy from 192.0.2.9 port 40000 ssh2: ED25519 SHA256:abcdEFGH0123");
  EXPECT_EQ(m.method, AuthMethod::kPublicKey);
  EXPECT_EQ(m.user, "deploy");
  EXPECT_EQ(m.host, "192.0.2.9");
}

TEST(SshdMessage, FailedHostbasedWithClientUser) {
  SshdMessage m = Classify(
      "Failed hostbased for ann from 127.0.0.1 port 4000 ssh2: RSA 8c:e3:aa, client user \"ann\", "
      "client host \"box.example\"");
  EXPECT_EQ(m.method, AuthMethod::kHostBased);
  EXPECT_EQ(m.host, "127.0.0.1");
}

TEST(SshdMessage, FailedUnknownNoneAndGssapiMethods) {
  EXPECT_EQ(Classify("Failed unknown for invalid user x from 192.0.2.1 port 5 ssh2").method,
            AuthMethod::kUnknown);
  EXPECT_EQ(Classify("Failed none for invalid user x from 192.0.2.1 port 5 ssh2").method,
            AuthMethod::kNone);
  EXPECT_EQ(Classify("Failed gssapi-with-mic for y from 192.0.2.1 port 5 ssh2").method,
            AuthMethod::kGssapi);
}

TEST(SshdMessage, InvalidUsernamePlaceholder) {
  SshdMessage m = Classify(
      "Failed keyboard-interactive for <invalid username> from 192.0.2.55 "
      "port 42000 ssh2");
  EXPECT_EQ(m.role, SshdUserRole::kInvalid);
  EXPECT_FALSE(m.has_user);
  EXPECT_EQ(m.host, "192.0.2.55");
}

TEST(SshdMessage, FailedWithoutPortOrWithSsh1) {
  EXPECT_EQ(Classify("Failed password for invalid user ROOT from 2001:db8::5").host, "2001:db8::5");
  EXPECT_EQ(Classify("Failed password for ann from 192.0.2.3 port 77").host, "192.0.2.3");
  EXPECT_EQ(Classify("Failed password for ann from 192.0.2.3 port 77 ssh1").host, "192.0.2.3");
}

TEST(SshdMessage, Ipv6AndMappedSources) {
  EXPECT_EQ(Classify("Failed password for ann from 2001:db8:1::2 port 22 ssh2").host,
            "2001:db8:1::2");
  EXPECT_EQ(Classify("Failed password for ann from ::ffff:192.0.2.8 port 22 ssh2").host,
            "::ffff:192.0.2.8");
}

TEST(SshdMessage, InjectedUsernameKeepsRealHost) {
  SshdMessage a = Classify(
      "Failed password for invalid user from 10.9.9.9 from 192.0.2.200 "
      "port 5000 ssh2");
  EXPECT_EQ(a.host, "192.0.2.200");
  EXPECT_EQ(a.user, "from 10.9.9.9");
  SshdMessage b = Classify(
      "Failed password for invalid user eve from 10.9.9.9 port 1 ssh2 from "
      "192.0.2.200 port 5000 ssh2");
  EXPECT_EQ(b.host, "192.0.2.200");
  EXPECT_EQ(b.user, "eve from 10.9.9.9 port 1 ssh2");
  SshdMessage c = Classify(
      "Failed password for eve from 192.0.2.200 port 5000 ssh2: from "
      "10.9.9.9 port 1 ssh2");
  EXPECT_EQ(c.host, "192.0.2.200");
  SshdMessage d = Classify(
      "Failed password for eve from 192.0.2.200 port 5000 ssh1: ruser from "
      "10.9.9.9");
  EXPECT_EQ(d.host, "192.0.2.200");
}

TEST(SshdMessage, TenKilobyteUsername) {
  std::string user(10 * 1024, 'a');
  std::string line = "Failed password for invalid user " + user + " from 192.0.2.1 port 1 ssh2";
  SshdMessage m = Classify(line);
  EXPECT_EQ(m.user.size(), user.size());
  EXPECT_EQ(m.host, "192.0.2.1");
}

TEST(SshdMessage, InvalidUtf8Username) {
  SshdMessage m = Classify("Invalid user \xff\xfe\x80 from 192.0.2.10 port 2200");
  EXPECT_EQ(m.user, "\xff\xfe\x80");
  EXPECT_EQ(m.host, "192.0.2.10");
}

TEST(SshdMessage, TruncatedLinesAreNotRecognised) {
  EXPECT_FALSE(Recognised("Failed password for"));
  EXPECT_FALSE(Recognised("Failed password for root from"));
  EXPECT_FALSE(Recognised("Invalid user admin from"));
  EXPECT_FALSE(Recognised("Received disconnect from"));
  EXPECT_FALSE(Recognised("Some message nobody logs"));
}

TEST(SshdMessage, AcceptedPostponedPartial) {
  SshdMessage a = Classify("Accepted publickey for ops from 192.0.2.70 port 2 ssh2: RSA SHA256:x");
  EXPECT_EQ(a.kind, SshdKind::kAuthAccepted);
  EXPECT_EQ(a.method, AuthMethod::kPublicKey);
  EXPECT_EQ(a.user, "ops");
  SshdMessage p = Classify("Postponed publickey for ops from 192.0.2.70 port 2 ssh2 [preauth]");
  EXPECT_EQ(p.kind, SshdKind::kAuthPostponed);
  EXPECT_TRUE(p.preauth);
  EXPECT_EQ(Classify("Partial publickey for ops from 192.0.2.70 port 2 ssh2: ECDSA SHA256:y").kind,
            SshdKind::kAuthPostponed);
}

TEST(SshdMessage, InvalidUser) {
  SshdMessage m = Classify("Invalid user ftp from 192.0.2.31");
  EXPECT_EQ(m.kind, SshdKind::kInvalidUser);
  EXPECT_EQ(m.user, "ftp");
  EXPECT_EQ(m.host, "192.0.2.31");
  EXPECT_EQ(Classify("Invalid user ftp from 192.0.2.31 port 37220").host, "192.0.2.31");
  EXPECT_EQ(Classify("Illegal user ftp from 192.0.2.31").kind, SshdKind::kInvalidUser);
}

TEST(SshdMessage, InvalidUserEmptyName) {
  SshdMessage m = Classify("Invalid user  from 192.0.2.68 port 34916");
  EXPECT_TRUE(m.has_user);
  EXPECT_EQ(m.user, "");
  EXPECT_EQ(m.host, "192.0.2.68");
}

TEST(SshdMessage, InvalidUserInjectedPortAndFrom) {
  SshdMessage m = Classify("Invalid user a from 10.0.0.1 port 9 from 192.0.2.5 port 3");
  EXPECT_EQ(m.host, "192.0.2.5");
  EXPECT_EQ(m.user, "a from 10.0.0.1 port 9");
}

TEST(SshdMessage, InputUserauthRequest) {
  SshdMessage m = Classify("input_userauth_request: invalid user guest [preauth]");
  EXPECT_EQ(m.kind, SshdKind::kInputUserauthInvalid);
  EXPECT_EQ(m.user, "guest");
}

TEST(SshdMessage, PamUnixFailureWithUser) {
  SshdMessage m = Classify(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
      "tty=ssh ruser= rhost=192.0.2.112  user=root");
  EXPECT_EQ(m.kind, SshdKind::kPamFailure);
  EXPECT_EQ(m.host, "192.0.2.112");
  EXPECT_EQ(m.user, "root");
}

TEST(SshdMessage, PamUnixFailureDnsRhostNoUser) {
  SshdMessage m = Classify(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
      "tty=ssh ruser= rhost=host-7.example.net ");
  EXPECT_EQ(m.host, "host-7.example.net");
  EXPECT_FALSE(m.has_user);
}

TEST(SshdMessage, PamUnixFailureRuserStandsInForUser) {
  SshdMessage m = Classify(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
      "tty=ssh ruser=sudoer rhost=192.0.2.114");
  EXPECT_EQ(m.user, "sudoer");
}

TEST(SshdMessage, PamUnixUserCannotMoveRhost) {
  SshdMessage m = Classify(
      "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
      "tty=ssh ruser= rhost=192.0.2.1  user=x rhost=10.0.0.1");
  EXPECT_EQ(m.host, "192.0.2.1");
}

TEST(SshdMessage, LegacyPamUnixForm) {
  SshdMessage m = Classify(
      "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= "
      "rhost=61-2-3-4.dsl.example.org  user=guest");
  EXPECT_EQ(m.kind, SshdKind::kPamFailure);
  EXPECT_EQ(m.host, "61-2-3-4.dsl.example.org");
  EXPECT_EQ(m.user, "guest");
  EXPECT_EQ(Classify("check pass; user unknown").kind, SshdKind::kPamCheckPassUnknown);
  EXPECT_EQ(Classify("pam_unix(sshd:auth): check pass; user unknown").kind,
            SshdKind::kPamCheckPassUnknown);
}

TEST(SshdMessage, PamMoreFailuresAndOtherPamLines) {
  EXPECT_EQ(Classify("PAM 4 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= "
                     "rhost=192.0.2.8  user=root")
                .kind,
            SshdKind::kPamMoreFailures);
  EXPECT_EQ(Classify("PAM 1 more authentication failure; logname= uid=0 euid=0 tty=ssh ruser= "
                     "rhost=192.0.2.8")
                .kind,
            SshdKind::kPamMoreFailures);
  EXPECT_EQ(Classify("pam_unix(sshd:session): session opened for user ann by (uid=0)").kind,
            SshdKind::kIgnored);
  EXPECT_EQ(Classify("PAM service(sshd) ignoring max retries; 6 > 3").kind, SshdKind::kIgnored);
  EXPECT_EQ(Classify("pam_sss(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
                     "ruser= rhost=192.0.2.8 user=ann")
                .kind,
            SshdKind::kPamFailure);
}

TEST(SshdMessage, PamErrorLines) {
  SshdMessage a = Classify("error: PAM: Authentication failure for kim from 192.0.2.6");
  EXPECT_EQ(a.kind, SshdKind::kPamError);
  EXPECT_EQ(a.user, "kim");
  EXPECT_EQ(a.host, "192.0.2.6");
  SshdMessage b = Classify(
      "error: PAM: authentication error for kim from mac.example.com via "
      "192.168.7.2");
  EXPECT_EQ(b.host, "mac.example.com");
  SshdMessage c = Classify(
      "error: PAM: User not known to the underlying authentication module "
      "for illegal user zed from 192.0.2.227 ");
  EXPECT_EQ(c.role, SshdUserRole::kInvalid);
  EXPECT_EQ(c.user, "zed");
  EXPECT_EQ(c.host, "192.0.2.227");
}

TEST(SshdMessage, MaximumAuthenticationAttempts) {
  SshdMessage m = Classify(
      "error: maximum authentication attempts exceeded for invalid user xy "
      "from 192.0.2.7 port 49941 ssh2 [preauth]");
  EXPECT_EQ(m.kind, SshdKind::kMaxAuthAttempts);
  EXPECT_EQ(m.role, SshdUserRole::kInvalid);
  EXPECT_EQ(m.user, "xy");
  EXPECT_EQ(m.host, "192.0.2.7");
}

TEST(SshdMessage, TooManyAuthenticationFailures) {
  SshdMessage a = Classify("Disconnecting: Too many authentication failures [preauth]");
  EXPECT_EQ(a.kind, SshdKind::kTooManyFailures);
  EXPECT_TRUE(a.host.empty());
  SshdMessage b = Classify("Disconnecting: Too many authentication failures for git [preauth]");
  EXPECT_EQ(b.user, "git");
  SshdMessage c = Classify(
      "Disconnecting invalid user xxx 192.0.2.7 port 49941: Too many "
      "authentication failures [preauth]");
  EXPECT_EQ(c.kind, SshdKind::kTooManyFailures);
  EXPECT_EQ(c.user, "xxx");
  EXPECT_EQ(c.host, "192.0.2.7");
  EXPECT_EQ(c.role, SshdUserRole::kInvalid);
}

TEST(SshdMessage, ChangeOfUsername) {
  SshdMessage m = Classify(
      "Disconnecting invalid user adm 192.0.2.117 port 44004: Change of "
      "username or service not allowed: (adm,ssh-connection) -> "
      "(usr,ssh-connection) [preauth]");
  EXPECT_EQ(m.kind, SshdKind::kChangeOfUser);
  EXPECT_EQ(m.user, "adm");
  EXPECT_EQ(m.new_user, "usr");
  EXPECT_EQ(m.host, "192.0.2.117");
}

TEST(SshdMessage, ConnectionClosedByUser) {
  SshdMessage a = Classify(
      "Connection closed by authenticating user root 192.0.2.10 port 46038 "
      "[preauth]");
  EXPECT_EQ(a.kind, SshdKind::kConnectionClosed);
  EXPECT_EQ(a.role, SshdUserRole::kAuthenticating);
  EXPECT_EQ(a.user, "root");
  EXPECT_EQ(a.host, "192.0.2.10");
  SshdMessage b = Classify(
      "Connection closed by authenticatinguser root 192.0.2.10 port 4 "
      "[preauth]");
  EXPECT_EQ(b.role, SshdUserRole::kAuthenticating);
  SshdMessage c = Classify("Connection reset by invalid user  192.0.2.68 port 34916 [preauth]");
  EXPECT_EQ(c.role, SshdUserRole::kInvalid);
  EXPECT_EQ(c.user, "");
  SshdMessage d = Classify("Disconnected from user ann 192.0.2.4 port 5");
  EXPECT_EQ(d.role, SshdUserRole::kAuthenticated);
}

TEST(SshdMessage, ConnectionClosedInjectedUsername) {
  SshdMessage m = Classify(
      "Connection closed by authenticating user t 10.0.0.1 port 12345 "
      "192.0.2.11 port 46039 [preauth]");
  EXPECT_EQ(m.user, "t 10.0.0.1 port 12345");
  EXPECT_EQ(m.host, "192.0.2.11");
}

TEST(SshdMessage, BareConnectionClosed) {
  SshdMessage a = Classify("Connection closed by 192.0.2.5");
  EXPECT_EQ(a.kind, SshdKind::kConnectionClosed);
  EXPECT_EQ(a.host, "192.0.2.5");
  EXPECT_EQ(a.role, SshdUserRole::kNone);
  EXPECT_EQ(Classify("Disconnected from 2001:db8::4 port 36985 [preauth]").host, "2001:db8::4");
}

TEST(SshdMessage, ReceivedDisconnect) {
  SshdMessage a = Classify("Received disconnect from 192.0.2.76 port 58846:11: Bye Bye [preauth]");
  EXPECT_EQ(a.kind, SshdKind::kReceivedDisconnect);
  EXPECT_EQ(a.host, "192.0.2.76");
  EXPECT_EQ(a.disconnect_code, 11);
  EXPECT_FALSE(a.auth_fail);
  SshdMessage b = Classify(
      "Received disconnect from 192.0.2.13: 3: com.jcraft.jsch.JSchException:"
      " Auth fail [preauth]");
  EXPECT_EQ(b.disconnect_code, 3);
  EXPECT_TRUE(b.auth_fail);
  SshdMessage c = Classify("Received disconnect from 2001:db8::9: 11: Bye Bye");
  EXPECT_EQ(c.host, "2001:db8::9");
  EXPECT_EQ(Classify("Received disconnect from 192.0.2.1 port 7:11:  [preauth]").disconnect_code,
            11);
}

TEST(SshdMessage, UserNotAllowed) {
  SshdMessage a =
      Classify("User root from 192.0.2.49 not allowed because not listed in AllowUsers");
  EXPECT_EQ(a.kind, SshdKind::kNotAllowed);
  EXPECT_EQ(a.user, "root");
  EXPECT_EQ(a.host, "192.0.2.49");
  EXPECT_EQ(Classify("User al from gw.example.com not allowed because not in any group").host,
            "gw.example.com");
  SshdMessage c = Classify("User root not allowed because account is locked");
  EXPECT_EQ(c.user, "root");
  EXPECT_TRUE(c.host.empty());
}

TEST(SshdMessage, RootLoginRefused) {
  SshdMessage m = Classify("ROOT LOGIN REFUSED FROM ::ffff:192.0.2.4 port 12345 [preauth]");
  EXPECT_EQ(m.kind, SshdKind::kRootRefused);
  EXPECT_EQ(m.host, "::ffff:192.0.2.4");
  EXPECT_EQ(m.user, "root");
}

TEST(SshdMessage, RefusedConnect) {
  SshdMessage m = Classify("refused connect from scan.example.org (192.0.2.161)");
  EXPECT_EQ(m.kind, SshdKind::kRefusedConnect);
  EXPECT_EQ(m.host, "192.0.2.161");
}

TEST(SshdMessage, ConnectionFrom) {
  SshdMessage m =
      Classify("Connection from 192.0.2.16 port 51280 on 192.0.2.1 port 22 rdomain \"\"");
  EXPECT_EQ(m.kind, SshdKind::kConnectionFrom);
  EXPECT_EQ(m.host, "192.0.2.16");
  EXPECT_EQ(Classify("Connection from 192.0.2.16").host, "192.0.2.16");
}

TEST(SshdMessage, ScannerAndProtocolLines) {
  for (std::string_view line : {
           "Did not receive identification string from 192.0.2.5 port 35836",
           "Timeout before authentication for 192.0.2.14 port 55555",
           "fatal: Timeout before authentication for connection from 192.0.2.17 to 10.0.0.1, pid = "
           "1",
           "Unable to negotiate with 192.0.2.1 port 55419: no matching cipher found. Their offer: "
           "x",
           "error: kex_exchange_identification: Connection closed by remote host",
           "banner exchange: Connection from 192.0.2.12 port 44105: invalid format",
           "ssh_dispatch_run_fatal: Connection from 192.0.2.13 port 33738: Connection corrupted",
           "Bad protocol version identification 'x' from 192.0.2.15 port 31778",
           "fatal: Read from socket failed: Connection reset by peer [preauth]",
           "drop connection #0 from [192.0.2.9]:5 on [192.0.2.1]:22 penalty: failed authentication",
       }) {
    EXPECT_EQ(Classify(line).kind, SshdKind::kProtocol) << line;
  }
}

TEST(SshdMessage, IgnoredLines) {
  for (std::string_view line : {
           "Server listening on 0.0.0.0 port 22.",
           "Received signal 15; terminating.",
           "reverse mapping checking getaddrinfo for h.example [192.0.2.3] failed - POSSIBLE "
           "BREAK-IN ATTEMPT!",
           "Address 192.0.2.3 maps to h.example, but this does not map back to the address - "
           "POSSIBLE BREAK-IN ATTEMPT!",
           "SSH: Server;Ltype: Version;Remote: 127.0.0.1-1780;Protocol: 2.0;Client: libssh2",
           "Starting session: shell on pts/0 for ann from 192.0.2.4 port 5 id 0",
           "subsystem request for sftp by user ann",
           "pam_unix(sshd:session): session closed for user ann",
       }) {
    EXPECT_EQ(Classify(line).kind, SshdKind::kIgnored) << line;
  }
}

TEST(SshdMessage, VendorPrefixesAreStripped) {
  EXPECT_EQ(Classify("[ID 800047 auth.info] Failed keyboard-interactive for ann from 192.0.2.30 "
                     "port 54520 ssh2")
                .host,
            "192.0.2.30");
  EXPECT_EQ(
      Classify("kernel:[  970.699396]: Failed password for ann from 192.0.2.31 port 4 ssh2").host,
      "192.0.2.31");
  EXPECT_EQ(
      Classify("kernel: [  970.699397] Failed password for ann from 192.0.2.32 port 4 ssh2").host,
      "192.0.2.32");
  EXPECT_EQ(Classify("fatal: Unable to negotiate with 192.0.2.2 port 1: no matching key").kind,
            SshdKind::kProtocol);
}

TEST(SshdMessage, PlausibleHosts) {
  EXPECT_TRUE(IsPlausibleHost("192.0.2.1"));
  EXPECT_TRUE(IsPlausibleHost("2001:db8::1"));
  EXPECT_TRUE(IsPlausibleHost("host-1.example.com"));
  EXPECT_FALSE(IsPlausibleHost(""));
  EXPECT_FALSE(IsPlausibleHost("a b"));
  EXPECT_FALSE(IsPlausibleHost("1234"));
  EXPECT_FALSE(IsPlausibleHost("x\xff"));
}

}  // namespace
}  // namespace spraytrace::parse
