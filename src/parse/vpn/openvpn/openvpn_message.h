// OpenVpnMessage: what one OpenVPN server log message says about a login, as views into the
// message (formats.md 7; the strings are OpenVPN's own, ssl_verify.c, plugin.c, multi.c, and
// the auth-pam plugin's). Pure functions, no allocation.
//
// A server message starts with the client it is about: "IP:port" before the client is
// authenticated, "CN/IP:port" after (CN: the certificate's common name, or the user name with
// --username-as-common-name). IPv6 clients are "2001:db8::7:51234" (the port after the last
// colon); a dual-stack socket logs IPv4 clients as "::ffff:192.0.2.7:51234".
//
//   IP:port TLS Auth Error: Auth Username/Password verification failed for peer   failure
//   IP:port PLUGIN_CALL: POST /path/plugin.so/PLUGIN_AUTH_USER_PASS_VERIFY status=1  failure
//   IP:port PLUGIN_CALL: plugin function PLUGIN_AUTH_USER_PASS_VERIFY failed with status 1: ..
//   IP:port WARNING: Failed running command (--auth-user-pass-verify): ...          failure
//   IP:port SENT CONTROL [CN]: 'AUTH_FAILED' (status=1)                             failure
//   AUTH-PAM: BACKGROUND: user 'U' failed to authenticate: REASON     failure's user, no client
//   IP:port TLS: Username/Password authentication succeeded for username 'U' [CN SET]  success
//   IP:port TLS: Username/Password authentication deferred for username 'U'     user, no verdict
//   IP:port [CN] Peer Connection Initiated with [AF_INET]IP:port                   success
//   CN/IP:port MULTI: Learn: 10.8.0.6 -> CN/IP:port                     part of a success
//
// One login writes several of these; openvpn_attempts.h joins them. TLS handshake errors
// ("TLS Error: TLS handshake failed", "cannot locate HMAC", "tls-crypt unwrapping failed") and
// certificate errors ("VERIFY ERROR") come before any credential is sent: they are the
// family's but no password guess.
#ifndef SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_MESSAGE_H_
#define SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_MESSAGE_H_

#include <cstdint>
#include <string_view>

#include "event/auth_event.h"

namespace spraytrace::parse::vpn {

// Which line of a login a message is. One attempt has at most one message of each kind.
enum class OpenVpnKind : uint8_t {
  kFailVerdict,         ///< TLS Auth Error: ... verification failed for peer
  kFailPluginPost,      ///< PLUGIN_CALL: POST .../PLUGIN_AUTH_USER_PASS_VERIFY status=N, N != 0
  kFailPluginFunction,  ///< PLUGIN_CALL: plugin function PLUGIN_AUTH_USER_PASS_VERIFY failed
  kFailScript,          ///< WARNING: Failed running command (--auth-user-pass-verify)
  kFailSent,            ///< SENT CONTROL [CN]: 'AUTH_FAILED'
  kPamFailure,          ///< AUTH-PAM: BACKGROUND: user 'U' failed to authenticate (no client)
  kUserDeferred,        ///< ... authentication deferred for username 'U' (no verdict yet)
  kOkPassword,          ///< TLS: Username/Password authentication succeeded for username 'U'
  kOkPeer,              ///< [CN] Peer Connection Initiated with ...
  kOkLearn,             ///< MULTI: Learn: VADDR -> CN/IP:port
};

struct OpenVpnMessage {
  OpenVpnKind kind = OpenVpnKind::kFailVerdict;
  std::string_view address;      // the client's address without the port; "" for kPamFailure
  uint16_t port = 0;             // the client's port (0 when none)
  std::string_view common_name;  // "CN" of a "CN/IP:port" prefix or "[CN]"; "" or "UNDEF"
  bool established = false;      // the prefix had a CN: the client was authenticated before
  std::string_view user;         // the name a "username 'U'" / "user 'U'" form gives
  std::string_view reason;       // AUTH-PAM's reason text
};

enum class OpenVpnParse : uint8_t {
  kNotAttempt,  ///< the family's message, but no part of a login (handshakes, routes, pings)
  kAttempt,     ///< *message filled
  kMalformed,   ///< a login message cut before its user or client
};

// True for the OpenVPN server's syslog programs: "openvpn", "openvpn-server@NAME",
// "ovpn-server", "ovpn-NAME" (--daemon NAME).
bool IsOpenVpnProgram(std::string_view program);

// Splits a leading "IP:port" / "CN/IP:port" client prefix off text. False (outputs unchanged)
// when text does not start with one.
bool SplitClientPrefix(std::string_view text, std::string_view* address, uint16_t* port,
                       std::string_view* common_name, std::string_view* rest);

OpenVpnParse ParseOpenVpnMessage(std::string_view text, OpenVpnMessage* message);

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_MESSAGE_H_
