// ClassifySshdMessage: recognises one OpenSSH sshd message and extracts its fields.
//
// Pure and allocation-free: every view in SshdMessage points into the message passed in, so the
// result is valid only as long as that text. No regular expressions: each template of the OpenSSH
// source (auth.c, auth2.c, packet.c, sshd.c, Linux-PAM) is matched by its fixed words, and fields
// that the client controls (user names) are delimited from the END of the text, where sshd
// writes the fields it controls (host, port), so a user name such as
// "x from 10.0.0.1 port 1 ssh2" cannot move the source address. See docs/sshd.md.
//
// Thread-safe (no state).
#ifndef SPRAYTRACE_PARSE_SSHD_SSHD_MESSAGE_H_
#define SPRAYTRACE_PARSE_SSHD_SSHD_MESSAGE_H_

#include <cstdint>
#include <string_view>

#include "event/auth_event.h"

namespace spraytrace::parse {

enum class SshdKind : uint8_t {
  kIgnored,        ///< known, irrelevant (session opened, Server listening, reverse mapping...)
  kAuthFailed,     ///< "Failed <method> for ..."
  kAuthAccepted,   ///< "Accepted <method> for ..."
  kAuthPostponed,  ///< "Postponed" / "Partial <method> for ...": not a verdict
  kInvalidUser,    ///< "Invalid user U from H [port P]"
  kInputUserauthInvalid,  ///< "input_userauth_request: invalid user U"
  kPamFailure,            ///< pam_*(sshd:auth): authentication failure; ... rhost=H [user=U]
  kPamCheckPassUnknown,   ///< "check pass; user unknown" (the account does not exist)
  kPamMoreFailures,       ///< "PAM N more authentication failures; ...": repeats logged guesses
  kPamError,              ///< "PAM: Authentication failure|error for U from H", "User not known"
  kMaxAuthAttempts,       ///< "maximum authentication attempts exceeded for U from H ..."
  kTooManyFailures,     ///< "Disconnecting[ ... user U H port P]: Too many authentication failures"
  kChangeOfUser,        ///< "Disconnecting ...: Change of username or service not allowed ..."
  kConnectionClosed,    ///< Connection closed|reset by / Disconnected from / Disconnecting other
  kReceivedDisconnect,  ///< "Received disconnect from H[ port P]:N: text"
  kNotAllowed,          ///< "User U [from H ]not allowed because ..."
  kRootRefused,         ///< "ROOT LOGIN REFUSED FROM H"
  kRefusedConnect,      ///< tcp_wrappers "refused connect from X (H)"
  kConnectionFrom,      ///< "Connection from H port P on ..."
  kProtocol,            ///< scanner/protocol noise: no identification, negotiate, kex, timeout
};

// Who a connection-level line names ("Connection closed by invalid user U H").
enum class SshdUserRole : uint8_t {
  kNone,            ///< no user in the line
  kAuthenticating,  ///< "authenticating user U": an existing account, before authentication
  kInvalid,         ///< "invalid user U", "illegal user U", "<invalid username>"
  kAuthenticated,   ///< "user U": after authentication (post-auth disconnect)
};

struct SshdMessage {
  SshdKind kind = SshdKind::kIgnored;
  std::string_view user;  // raw, may be empty even when has_user
  bool has_user = false;
  SshdUserRole role = SshdUserRole::kNone;
  std::string_view host;  // source: IP text or DNS name; empty when the line has none
  AuthMethod method = AuthMethod::kUnknown;
  std::string_view new_user;  // kChangeOfUser: the user name the client switched to
  int disconnect_code = -1;   // kReceivedDisconnect
  bool auth_fail = false;     // kReceivedDisconnect: text says the client saw "Auth fail"
  bool preauth = false;       // the line ended in " [preauth]"
};

// Classifies one sshd message (the text after "sshd[pid]: "; Solaris "[ID n fac.pri] ",
// journald "kernel:[ ... ]: " and "error: "/"fatal: " prefixes are accepted). Returns false when
// the message matches no known template (*out is then unspecified). REQUIRES: out != nullptr.
bool ClassifySshdMessage(std::string_view message, SshdMessage* out);

// The method word of "Failed <method> for": "password", "keyboard-interactive/pam", ...
AuthMethod SshdMethodFromWord(std::string_view word);

// True when text can be a source host: an IP address or a plausible DNS name.
bool IsPlausibleHost(std::string_view text);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_SSHD_SSHD_MESSAGE_H_
