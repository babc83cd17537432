#include "parse/vpn/openvpn/openvpn_message.h"

#include "event/ip_address.h"

namespace spraytrace::parse::vpn {
namespace {

// A common name with spaces ("John Doe/192.0.2.7:51234") pushes the prefix's end past the
// first space; names are at most 64 bytes (X.509 ub-common-name), so look no further.
constexpr size_t kMaxPrefix = 160;

bool ParsePort(std::string_view text, uint16_t* port) {
  if (text.empty() || text.size() > 5) return false;
  uint32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  if (value > 65535) return false;
  *port = static_cast<uint16_t>(value);
  return true;
}

// "IP:port" (IPv6 too: the port follows the last colon).
bool SplitAddressPort(std::string_view text, std::string_view* address, uint16_t* port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  uint16_t p = 0;
  if (!ParsePort(text.substr(colon + 1), &p)) return false;
  const std::string_view a = text.substr(0, colon);
  if (!IpAddress::Parse(a)) return false;
  *address = a;
  *port = p;
  return true;
}

// The text between `open` (which must be found after `from`) and the next `close`.
bool Between(std::string_view text, std::string_view open, std::string_view close,
             std::string_view* inside) {
  const size_t start = text.find(open);
  if (start == std::string_view::npos) return false;
  const size_t from = start + open.size();
  const size_t end = text.find(close, from);
  if (end == std::string_view::npos) return false;
  *inside = text.substr(from, end - from);
  return true;
}

// "username 'U'" ends at the line's last quote: a name may hold quotes of its own.
bool QuotedToLastQuote(std::string_view text, std::string_view open, std::string_view* inside) {
  const size_t start = text.find(open);
  if (start == std::string_view::npos) return false;
  const size_t from = start + open.size();
  const size_t end = text.rfind('\'');
  if (end == std::string_view::npos || end < from) return false;
  *inside = text.substr(from, end - from);
  return true;
}

bool StatusIsFailure(std::string_view text) {
  const size_t at = text.rfind("status=");
  if (at == std::string_view::npos) return false;
  const std::string_view digits = text.substr(at + 7);
  return !digits.empty() && digits != "0" && !digits.starts_with("0 ");
}

// The message after the client prefix.
OpenVpnParse ParseClientMessage(std::string_view text, OpenVpnMessage* m) {
  if (text.starts_with("TLS Auth Error: Auth Username/Password verification failed")) {
    m->kind = OpenVpnKind::kFailVerdict;
    return OpenVpnParse::kAttempt;
  }
  if (text.starts_with("PLUGIN_CALL: ")) {
    if (text.find("PLUGIN_AUTH_USER_PASS_VERIFY") == std::string_view::npos) {
      return OpenVpnParse::kNotAttempt;
    }
    if (text.starts_with("PLUGIN_CALL: POST ")) {
      if (!StatusIsFailure(text)) return OpenVpnParse::kNotAttempt;
      m->kind = OpenVpnKind::kFailPluginPost;
      return OpenVpnParse::kAttempt;
    }
    if (text.starts_with("PLUGIN_CALL: plugin function") &&
        text.find(" failed") != std::string_view::npos) {
      m->kind = OpenVpnKind::kFailPluginFunction;
      return OpenVpnParse::kAttempt;
    }
    return OpenVpnParse::kNotAttempt;
  }
  if (text.starts_with("WARNING: Failed running command (--auth-user-pass-verify")) {
    m->kind = OpenVpnKind::kFailScript;
    return OpenVpnParse::kAttempt;
  }
  if (text.starts_with("SENT CONTROL [")) {
    if (text.find("'AUTH_FAILED") == std::string_view::npos) return OpenVpnParse::kNotAttempt;
    std::string_view cn;
    if (!Between(text, "SENT CONTROL [", "]: ", &cn)) return OpenVpnParse::kMalformed;
    if (m->common_name.empty()) m->common_name = cn;
    m->kind = OpenVpnKind::kFailSent;
    return OpenVpnParse::kAttempt;
  }
  if (text.starts_with("TLS: Username/Password authentication ")) {
    const std::string_view verdict = text.substr(38);
    if (verdict.starts_with("succeeded")) {
      m->kind = OpenVpnKind::kOkPassword;
    } else if (verdict.starts_with("deferred")) {
      m->kind = OpenVpnKind::kUserDeferred;
    } else {
      return OpenVpnParse::kNotAttempt;
    }
    if (!QuotedToLastQuote(verdict, "for username '", &m->user)) return OpenVpnParse::kMalformed;
    return OpenVpnParse::kAttempt;
  }
  if (text.starts_with('[')) {
    // "[CN] Peer Connection Initiated with [AF_INET]IP:port"
    const size_t close = text.find("] Peer Connection Initiated with ");
    if (close == std::string_view::npos) return OpenVpnParse::kNotAttempt;
    if (m->common_name.empty()) m->common_name = text.substr(1, close - 1);
    m->kind = OpenVpnKind::kOkPeer;
    return OpenVpnParse::kAttempt;
  }
  if (text.starts_with("Peer Connection Initiated with ")) {
    m->kind = OpenVpnKind::kOkPeer;
    return OpenVpnParse::kAttempt;
  }
  if (text.starts_with("MULTI: Learn: ")) {
    m->kind = OpenVpnKind::kOkLearn;
    return OpenVpnParse::kAttempt;
  }
  return OpenVpnParse::kNotAttempt;
}

}  // namespace

bool IsOpenVpnProgram(std::string_view program) {
  return program.starts_with("openvpn") || program.starts_with("ovpn-");
}

bool SplitClientPrefix(std::string_view text, std::string_view* address, uint16_t* port,
                       std::string_view* common_name, std::string_view* rest) {
  const size_t first_space = text.find(' ');
  for (size_t space = first_space; space != std::string_view::npos && space <= kMaxPrefix;
       space = text.find(' ', space + 1)) {
    const std::string_view word = text.substr(0, space);
    const size_t slash = word.rfind('/');
    // Without a CN the prefix is the first word; a CN may hold spaces, the address never.
    if (slash == std::string_view::npos && space != first_space) continue;
    const std::string_view tail = slash == std::string_view::npos ? word : word.substr(slash + 1);
    std::string_view a;
    uint16_t p = 0;
    if (tail.find(' ') != std::string_view::npos || !SplitAddressPort(tail, &a, &p)) continue;
    *address = a;
    *port = p;
    *common_name = slash == std::string_view::npos ? std::string_view() : word.substr(0, slash);
    *rest = text.substr(space + 1);
    return true;
  }
  return false;
}

OpenVpnParse ParseOpenVpnMessage(std::string_view text, OpenVpnMessage* message) {
  OpenVpnMessage m;
  if (text.starts_with("AUTH-PAM: BACKGROUND: user '")) {
    constexpr std::string_view kFailed = "' failed to authenticate";
    const size_t from = 28;
    const size_t end = text.rfind(kFailed);
    if (end == std::string_view::npos || end < from) {
      // "user 'U' authenticated" and other background news are no verdict; a cut line is.
      return text.find("failed") == std::string_view::npos &&
                     text.find('\'', from) != std::string_view::npos
                 ? OpenVpnParse::kNotAttempt
                 : OpenVpnParse::kMalformed;
    }
    m.kind = OpenVpnKind::kPamFailure;
    m.user = text.substr(from, end - from);
    std::string_view reason = text.substr(end + kFailed.size());
    if (reason.starts_with(": ")) reason.remove_prefix(2);
    m.reason = reason;
    *message = m;
    return OpenVpnParse::kAttempt;
  }
  std::string_view rest;
  if (!SplitClientPrefix(text, &m.address, &m.port, &m.common_name, &rest)) {
    return OpenVpnParse::kNotAttempt;
  }
  m.established = !m.common_name.empty();
  const OpenVpnParse parsed = ParseClientMessage(rest, &m);
  if (parsed == OpenVpnParse::kAttempt) *message = m;
  return parsed;
}

}  // namespace spraytrace::parse::vpn
