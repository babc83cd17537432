// OpenVPN server messages one at a time: the client prefix in its forms, each login line, the
// lines that are no guess, and cut lines.
#include "parse/vpn/openvpn/openvpn_message.h"

#include <gtest/gtest.h>

#include <string>

namespace spraytrace::parse::vpn {
namespace {

OpenVpnMessage Parsed(std::string_view text) {
  OpenVpnMessage m;
  EXPECT_EQ(ParseOpenVpnMessage(text, &m), OpenVpnParse::kAttempt) << text;
  return m;
}

TEST(OpenVpnMessage, ClientPrefixForms) {
  std::string_view address;
  uint16_t port = 0;
  std::string_view cn;
  std::string_view rest;
  ASSERT_TRUE(
      SplitClientPrefix("192.0.2.254:64480 TLS Auth Error: x", &address, &port, &cn, &rest));
  EXPECT_EQ(address, "192.0.2.254");
  EXPECT_EQ(port, 64480);
  EXPECT_EQ(cn, "");
  EXPECT_EQ(rest, "TLS Auth Error: x");
  ASSERT_TRUE(
      SplitClientPrefix("alice/203.0.113.5:51234 MULTI: Learn: 10.8.0.6 -> "
                        "alice/203.0.113.5:51234",
                        &address, &port, &cn, &rest));
  EXPECT_EQ(cn, "alice");
  EXPECT_EQ(address, "203.0.113.5");
  // IPv6: the port follows the last colon; a dual-stack socket's IPv4-mapped clients.
  ASSERT_TRUE(SplitClientPrefix("2001:db8::7:51234 TLS: x", &address, &port, &cn, &rest));
  EXPECT_EQ(address, "2001:db8::7");
  EXPECT_EQ(port, 51234);
  ASSERT_TRUE(SplitClientPrefix("::ffff:198.51.100.9:1194 TLS: x", &address, &port, &cn, &rest));
  EXPECT_EQ(address, "::ffff:198.51.100.9");
  // A common name with spaces.
  ASSERT_TRUE(
      SplitClientPrefix("John Q Doe/198.51.100.9:40000 MULTI: x", &address, &port, &cn, &rest));
  EXPECT_EQ(cn, "John Q Doe");
  EXPECT_EQ(rest, "MULTI: x");
  // Not prefixes: no port, a port out of range, a host name, text.
  EXPECT_FALSE(SplitClientPrefix("192.0.2.1 TLS: x", &address, &port, &cn, &rest));
  EXPECT_FALSE(SplitClientPrefix("192.0.2.1:65536 TLS: x", &address, &port, &cn, &rest));
  EXPECT_FALSE(SplitClientPrefix("vpn.example:1194 TLS: x", &address, &port, &cn, &rest));
  EXPECT_FALSE(SplitClientPrefix("Initialization Sequence Completed", &address, &port, &cn, &rest));
  EXPECT_FALSE(SplitClientPrefix("", &address, &port, &cn, &rest));
}

TEST(OpenVpnMessage, FailureLines) {
  OpenVpnMessage m = Parsed(
      "192.0.2.254:64480 TLS Auth Error: Auth Username/Password verification failed for peer");
  EXPECT_EQ(m.kind, OpenVpnKind::kFailVerdict);
  EXPECT_EQ(m.address, "192.0.2.254");
  EXPECT_FALSE(m.established);
  m = Parsed(
      "203.0.113.5:51234 PLUGIN_CALL: POST /usr/lib/openvpn/openvpn-plugin-auth-pam.so/"
      "PLUGIN_AUTH_USER_PASS_VERIFY status=1");
  EXPECT_EQ(m.kind, OpenVpnKind::kFailPluginPost);
  m = Parsed(
      "203.0.113.5:51234 PLUGIN_CALL: plugin function PLUGIN_AUTH_USER_PASS_VERIFY failed "
      "with status 1: /usr/lib/openvpn/openvpn-plugin-auth-pam.so");
  EXPECT_EQ(m.kind, OpenVpnKind::kFailPluginFunction);
  m = Parsed(
      "203.0.113.5:51234 WARNING: Failed running command (--auth-user-pass-verify): "
      "external program exited with error status: 1");
  EXPECT_EQ(m.kind, OpenVpnKind::kFailScript);
  m = Parsed("203.0.113.5:51234 SENT CONTROL [UNDEF]: 'AUTH_FAILED' (status=1)");
  EXPECT_EQ(m.kind, OpenVpnKind::kFailSent);
  EXPECT_EQ(m.common_name, "UNDEF");
  m = Parsed("AUTH-PAM: BACKGROUND: user 'o'brien' failed to authenticate: Authentication failure");
  EXPECT_EQ(m.kind, OpenVpnKind::kPamFailure);
  EXPECT_EQ(m.user, "o'brien");
  EXPECT_EQ(m.reason, "Authentication failure");
  EXPECT_EQ(m.address, "");
}

TEST(OpenVpnMessage, SuccessLines) {
  OpenVpnMessage m = Parsed(
      "203.0.113.5:51234 TLS: Username/Password authentication succeeded for username 'alice' "
      "[CN SET]");
  EXPECT_EQ(m.kind, OpenVpnKind::kOkPassword);
  EXPECT_EQ(m.user, "alice");
  // A name holding quotes runs to the line's last quote.
  m = Parsed(
      "203.0.113.5:51234 TLS: Username/Password authentication succeeded for username 'o'neil' ");
  EXPECT_EQ(m.user, "o'neil");
  m = Parsed(
      "203.0.113.5:51234 TLS: Username/Password authentication deferred for username 'bob' ");
  EXPECT_EQ(m.kind, OpenVpnKind::kUserDeferred);
  EXPECT_EQ(m.user, "bob");
  m = Parsed(
      "203.0.113.5:51234 [client1] Peer Connection Initiated with [AF_INET]203.0.113.5:51234");
  EXPECT_EQ(m.kind, OpenVpnKind::kOkPeer);
  EXPECT_EQ(m.common_name, "client1");
  m = Parsed("client1/203.0.113.5:51234 MULTI: Learn: 10.8.0.6 -> client1/203.0.113.5:51234");
  EXPECT_EQ(m.kind, OpenVpnKind::kOkLearn);
  EXPECT_TRUE(m.established);
}

TEST(OpenVpnMessage, HandshakeAndCertificateErrorsAreNoGuess) {
  OpenVpnMessage m;
  for (const std::string_view text : {
           "192.0.2.252:55330 TLS Error: TLS handshake failed",
           "TLS Error: cannot locate HMAC in incoming packet from [AF_INET]192.0.2.253:55340",
           "192.0.2.251:55329 VERIFY ERROR: depth=2, error=unable to get issuer certificate: <ROOT "
           "CA>",
           "TCP connection established with [AF_INET]83.97.20.30:10107",
           "83.97.20.30:10107 Connection reset, restarting [0]",
           "203.0.113.5:51234 PLUGIN_CALL: POST /usr/lib/openvpn/openvpn-plugin-auth-pam.so/"
           "PLUGIN_AUTH_USER_PASS_VERIFY status=0",
           "203.0.113.5:51234 PLUGIN_CALL: POST /usr/lib/x.so/PLUGIN_TLS_VERIFY status=1",
           "203.0.113.5:51234 SENT CONTROL [alice]: 'PUSH_REPLY,route 10.8.0.1' (status=1)",
           "Initialization Sequence Completed",
       }) {
    EXPECT_EQ(ParseOpenVpnMessage(text, &m), OpenVpnParse::kNotAttempt) << text;
  }
}

TEST(OpenVpnMessage, CutLinesAreMalformed) {
  OpenVpnMessage m;
  EXPECT_EQ(ParseOpenVpnMessage("203.0.113.5:51234 TLS: Username/Password authentication "
                                "succeeded for username 'ali",
                                &m),
            OpenVpnParse::kMalformed);
  EXPECT_EQ(ParseOpenVpnMessage("AUTH-PAM: BACKGROUND: user 'ali", &m), OpenVpnParse::kMalformed);
  EXPECT_EQ(ParseOpenVpnMessage("203.0.113.5:51234 SENT CONTROL [UNDE 'AUTH_FAILED'", &m),
            OpenVpnParse::kMalformed);
}

TEST(OpenVpnMessage, Programs) {
  EXPECT_TRUE(IsOpenVpnProgram("openvpn"));
  EXPECT_TRUE(IsOpenVpnProgram("openvpn-server@server"));
  EXPECT_TRUE(IsOpenVpnProgram("ovpn-server"));
  EXPECT_FALSE(IsOpenVpnProgram("sshd"));
  EXPECT_FALSE(IsOpenVpnProgram("ovpn"));
}

}  // namespace
}  // namespace spraytrace::parse::vpn
