#include "parse/sshd/sshd_message.h"

#include <array>
#include <cstddef>

#include "event/ip_address.h"
#include "parse/sshd/sshd_fields.h"
#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

using std::string_view;
using namespace sshd_detail;  // NOLINT(google-build-using-namespace): the family's own parsers

struct PrefixKind {
  string_view prefix;
  SshdKind kind;
};

// Recognised messages that carry no authentication verdict.
constexpr std::array kFixedPrefixes = {
    PrefixKind{"Timeout before authentication", SshdKind::kProtocol},
    PrefixKind{"Did not receive identification string", SshdKind::kProtocol},
    PrefixKind{"Bad protocol version identification", SshdKind::kProtocol},
    PrefixKind{"Unable to negotiate", SshdKind::kProtocol},
    PrefixKind{"kex_exchange_identification:", SshdKind::kProtocol},
    PrefixKind{"banner exchange:", SshdKind::kProtocol},
    PrefixKind{"ssh_dispatch_run_fatal:", SshdKind::kProtocol},
    PrefixKind{"no matching ", SshdKind::kProtocol},
    PrefixKind{"Read from socket failed", SshdKind::kProtocol},
    PrefixKind{"Write failed", SshdKind::kProtocol},
    PrefixKind{"Protocol major versions differ", SshdKind::kProtocol},
    PrefixKind{"Bad packet length", SshdKind::kProtocol},
    PrefixKind{"Corrupted MAC", SshdKind::kProtocol},
    PrefixKind{"kex_protocol_error", SshdKind::kProtocol},
    PrefixKind{"drop connection #", SshdKind::kProtocol},
    PrefixKind{"Magic value check failed", SshdKind::kProtocol},
    PrefixKind{"Timeout, client not responding", SshdKind::kProtocol},
    PrefixKind{"ssh_packet_", SshdKind::kProtocol},
    PrefixKind{"srclimit_penalise", SshdKind::kProtocol},
    PrefixKind{"beginning MaxStartups throttling", SshdKind::kProtocol},
    PrefixKind{"exited MaxStartups throttling", SshdKind::kProtocol},
    PrefixKind{"Server listening on", SshdKind::kIgnored},
    PrefixKind{"Received signal", SshdKind::kIgnored},
    PrefixKind{"Received SIGHUP", SshdKind::kIgnored},
    PrefixKind{"Exiting on signal", SshdKind::kIgnored},
    PrefixKind{"session opened", SshdKind::kIgnored},
    PrefixKind{"session closed", SshdKind::kIgnored},
    PrefixKind{"reverse mapping checking getaddrinfo", SshdKind::kIgnored},
    PrefixKind{"Address ", SshdKind::kIgnored},
    PrefixKind{"Nasty PTR record", SshdKind::kIgnored},
    PrefixKind{"SSH: Server;", SshdKind::kIgnored},
    PrefixKind{"Starting session:", SshdKind::kIgnored},
    PrefixKind{"subsystem request for", SshdKind::kIgnored},
    PrefixKind{"Close session:", SshdKind::kIgnored},
    PrefixKind{"Transferred:", SshdKind::kIgnored},
    PrefixKind{"Set /proc/self/oom_score_adj", SshdKind::kIgnored},
    PrefixKind{"PAM service(", SshdKind::kIgnored},
    PrefixKind{"PAM adding faulty module", SshdKind::kIgnored},
    PrefixKind{"PAM unable to dlopen", SshdKind::kIgnored},
    PrefixKind{"Could not load host key", SshdKind::kIgnored},
    PrefixKind{"Could not get shadow information", SshdKind::kIgnored},
    PrefixKind{"User child is on pid", SshdKind::kIgnored},
    PrefixKind{"Changed root directory", SshdKind::kIgnored},
    PrefixKind{"Found matching", SshdKind::kIgnored},
    PrefixKind{"Accepted key", SshdKind::kIgnored},
    PrefixKind{"Accepted certificate", SshdKind::kIgnored},
    PrefixKind{"Authorized to", SshdKind::kIgnored},
    PrefixKind{"syslogin_perform_logout", SshdKind::kIgnored},
    PrefixKind{"lastlog_", SshdKind::kIgnored},
    PrefixKind{"Received client version", SshdKind::kIgnored},
    PrefixKind{"Local version string", SshdKind::kIgnored},
    PrefixKind{"Enabling compatibility mode", SshdKind::kIgnored},
    PrefixKind{"Received request to connect", SshdKind::kIgnored},
    PrefixKind{"connect_to ", SshdKind::kIgnored},
    PrefixKind{"channel ", SshdKind::kIgnored},
    PrefixKind{"debug", SshdKind::kIgnored},
    PrefixKind{"mm_request_receive", SshdKind::kIgnored},
    PrefixKind{"userauth_pubkey:", SshdKind::kIgnored},
    PrefixKind{"AuthorizedKeysCommand", SshdKind::kIgnored},
};

bool ClassifyFixed(string_view text, SshdMessage* out) {
  if (text.empty()) return false;
  for (const PrefixKind& entry : kFixedPrefixes) {
    // The first byte first: most entries fail there, without a call to memcmp.
    if (text[0] == entry.prefix[0] && text.starts_with(entry.prefix)) {
      out->kind = entry.kind;
      return true;
    }
  }
  return false;
}

// pam_<module>(sshd:<facility>): ...
bool ClassifyPamModule(string_view text, SshdMessage* out) {
  size_t close = text.find("): ");
  if (close == string_view::npos || text.find('(') > close) return false;
  string_view facility = text.substr(text.find('(') + 1, close - text.find('(') - 1);
  string_view rest = text.substr(close + 3);
  if (facility != "sshd:auth") {
    out->kind = SshdKind::kIgnored;  // session, account, setcred, password
    return true;
  }
  if (rest.starts_with("authentication failure;")) return ParsePamFailure(rest, out);
  if (rest.starts_with("check pass; user unknown")) {
    out->kind = SshdKind::kPamCheckPassUnknown;
    return true;
  }
  out->kind = SshdKind::kIgnored;  // "requirement ... not met", "conversation failed", ...
  return true;
}

bool ClassifyPam(string_view text, SshdMessage* out) {
  if (text.starts_with("pam_")) return ClassifyPamModule(text, out);
  if (text.starts_with("authentication failure;")) return ParsePamFailure(text, out);
  if (text.starts_with("check pass; user unknown")) {
    out->kind = SshdKind::kPamCheckPassUnknown;
    return true;
  }
  string_view rest = text;
  if (Consume(&rest, "PAM: ")) return ParsePamError(rest, out);
  if (Consume(&rest, "PAM ")) {
    size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    rest.remove_prefix(digits);
    if (digits == 0 || !rest.starts_with(" more authentication failure")) return false;
    out->kind = SshdKind::kPamMoreFailures;
    ParsePamFailure(rest, out);
    out->kind = SshdKind::kPamMoreFailures;
    return true;
  }
  return false;
}

bool ClassifyConnection(string_view text, SshdMessage* out) {
  string_view rest = text;
  if (Consume(&rest, "Connection closed by ") || Consume(&rest, "Connection reset by ") ||
      Consume(&rest, "Disconnected from ")) {
    out->kind = SshdKind::kConnectionClosed;
    if (rest == "peer") {
      out->kind = SshdKind::kProtocol;
      return true;
    }
    return ParseConnectionId(rest, out);
  }
  if (Consume(&rest, "Connection from ")) return ParseConnectionFrom(rest, out);
  if (Consume(&rest, "Disconnecting")) {
    if (!rest.starts_with(": ") && !Consume(&rest, " ")) return false;
    return ParseDisconnecting(rest, out);
  }
  if (Consume(&rest, "Received disconnect from ")) return ParseReceivedDisconnect(rest, out);
  if (Consume(&rest, "refused connect from ")) {
    size_t open = rest.rfind(" (");
    if (open == string_view::npos || !rest.ends_with(')')) return false;
    out->host = rest.substr(open + 2, rest.size() - open - 3);
    out->kind = SshdKind::kRefusedConnect;
    return IsPlausibleHost(out->host);
  }
  return false;
}

bool ClassifyUserLines(string_view text, SshdMessage* out) {
  string_view rest = text;
  if (Consume(&rest, "Failed ")) return ParseAuthLog(rest, SshdKind::kAuthFailed, out);
  if (Consume(&rest, "Accepted ")) return ParseAuthLog(rest, SshdKind::kAuthAccepted, out);
  if (Consume(&rest, "Postponed ") || Consume(&rest, "Partial ")) {
    return ParseAuthLog(rest, SshdKind::kAuthPostponed, out);
  }
  if (Consume(&rest, "Invalid user ") || Consume(&rest, "Illegal user ")) {
    return ParseInvalidUser(rest, out);
  }
  if (Consume(&rest, "input_userauth_request: ")) {
    if (!ConsumeInvalidUserWords(&rest)) return false;
    out->kind = SshdKind::kInputUserauthInvalid;
    out->user = rest;
    out->has_user = true;
    out->role = SshdUserRole::kInvalid;
    return true;
  }
  if (Consume(&rest, "maximum authentication attempts exceeded for ")) {
    return ParseMaxAttempts(rest, out);
  }
  if (Consume(&rest, "User ")) return ParseNotAllowed(rest, out);
  if (Consume(&rest, "ROOT LOGIN REFUSED FROM ")) {
    StripPort(&rest);
    out->kind = SshdKind::kRootRefused;
    out->host = rest;
    out->user = "root";
    out->has_user = true;
    return IsPlausibleHost(out->host);
  }
  return false;
}

}  // namespace

AuthMethod SshdMethodFromWord(string_view word) {
  if (word == "password") return AuthMethod::kPassword;
  if (word.starts_with("keyboard-interactive")) return AuthMethod::kKeyboardInteractive;
  if (word == "publickey") return AuthMethod::kPublicKey;
  if (word == "hostbased") return AuthMethod::kHostBased;
  if (word.starts_with("gssapi")) return AuthMethod::kGssapi;
  if (word == "none") return AuthMethod::kNone;
  return AuthMethod::kUnknown;
}

bool IsPlausibleHost(string_view text) {
  if (text.empty() || text.size() > 253) return false;
  if (IpAddress::Parse(text).has_value()) return true;
  bool has_letter = false;
  for (char c : text) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool other = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!letter && !other) return false;
    has_letter = has_letter || letter;
  }
  return has_letter && text.front() != '.' && text.front() != '-';
}

bool ClassifySshdMessage(string_view message, SshdMessage* out) {
  *out = SshdMessage{};
  string_view text = TrimRight(StripPrefixes(message));
  if (ConsumeSuffix(&text, "[preauth]")) {
    out->preauth = true;
    text = TrimRight(text);
  }
  using Classifier = bool (*)(string_view, SshdMessage*);
  constexpr std::array<Classifier, 4> kClassifiers = {ClassifyUserLines, ClassifyConnection,
                                                      ClassifyPam, ClassifyFixed};
  bool preauth = out->preauth;
  bool recognised = false;
  for (Classifier classify : kClassifiers) {
    *out = SshdMessage{};
    if (classify(text, out)) {
      recognised = true;
      break;
    }
  }
  out->preauth = preauth;
  return recognised;
}

}  // namespace spraytrace::parse
