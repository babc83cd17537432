#include "parse/vpn/asa/asa_message.h"

#include "parse/text_scan.h"

namespace spraytrace::parse::vpn {
namespace {

std::string_view Trim(std::string_view text) { return TrimRight(TrimLeft(text)); }

// The text between `open` and the next `close` after it, from *text; advances *text past close.
bool Between(std::string_view* text, std::string_view open, std::string_view close,
             std::string_view* value) {
  if (!Consume(text, open)) return false;
  const size_t end = text->find(close);
  if (end == std::string_view::npos) return false;
  *value = text->substr(0, end);
  text->remove_prefix(end + close.size());
  return true;
}

// "AAA user authentication Rejected : reason = R : server = S : user = U : user IP = A" and the
// local-database forms; the user may be the last field (113004, 113012, 113015 before 9.x).
AsaParse ParseAaa(std::string_view text, AsaMessage* m) {
  if (!Consume(&text, "AAA user authentication ")) return AsaParse::kNotAttempt;
  if (Consume(&text, "Rejected")) {
    m->outcome = Outcome::kFailure;
  } else if (Consume(&text, "Successful")) {
    m->outcome = Outcome::kSuccess;
  } else {
    return AsaParse::kNotAttempt;
  }
  m->group = AsaGroup::kAaa;
  const size_t user_at = text.find(" : user = ");
  if (user_at == std::string_view::npos) return AsaParse::kMalformed;
  std::string_view fields = text.substr(0, user_at);
  std::string_view user = text.substr(user_at + 10);
  // The address is the last field; a name holding " : " keeps it, since it comes before.
  const size_t ip_at = user.rfind(" : user IP = ");
  if (ip_at != std::string_view::npos) {
    m->address = Trim(user.substr(ip_at + 13));
    user = user.substr(0, ip_at);
  }
  m->user = Trim(user);
  const size_t reason_at = fields.find(" reason = ");
  if (reason_at != std::string_view::npos) {
    std::string_view reason = fields.substr(reason_at + 10);
    m->reason = Trim(reason.substr(0, reason.find(" : ")));
  }
  return AsaParse::kAttempt;
}

// "User authentication failed: IP address: A, Uname: U".
AsaParse ParseManagementAuth(std::string_view text, AsaMessage* m) {
  if (Consume(&text, "User authentication failed: ")) {
    m->outcome = Outcome::kFailure;
  } else if (Consume(&text, "User authentication succeeded: ")) {
    m->outcome = Outcome::kSuccess;
  } else {
    return AsaParse::kMalformed;
  }
  m->group = AsaGroup::kManagementAuth;
  m->client = "management";
  std::string_view address;
  if (!Between(&text, "IP address: ", ", Uname: ", &address)) return AsaParse::kMalformed;
  m->address = Trim(address);
  m->user = Trim(text);
  return AsaParse::kAttempt;
}

// "Login denied from A/port to iface:B/service for user "U"".
AsaParse ParseManagementLogin(std::string_view text, AsaMessage* m) {
  if (Consume(&text, "Login denied from ")) {
    m->outcome = Outcome::kFailure;
  } else if (Consume(&text, "Login permitted from ")) {
    m->outcome = Outcome::kSuccess;
  } else {
    return AsaParse::kMalformed;
  }
  m->group = AsaGroup::kManagementLogin;
  const size_t to = text.find(" to ");
  if (to == std::string_view::npos) return AsaParse::kMalformed;
  const std::string_view source = text.substr(0, to);
  const size_t slash = source.rfind('/');
  m->address = slash == std::string_view::npos ? source : source.substr(0, slash);
  text.remove_prefix(to + 4);
  const size_t for_user = text.find(" for user \"");
  if (for_user == std::string_view::npos) return AsaParse::kMalformed;
  const std::string_view destination = text.substr(0, for_user);
  const size_t service = destination.rfind('/');
  if (service != std::string_view::npos) m->client = destination.substr(service + 1);
  text.remove_prefix(for_user + 11);
  // The closing quote is the last one: a name may hold quotes. Without it the line was cut
  // inside the name.
  const size_t close = text.rfind('"');
  if (close == std::string_view::npos) return AsaParse::kMalformed;
  m->user = text.substr(0, close);
  return AsaParse::kAttempt;
}

// "Group <G> User <U> IP <A> " then the rest, shared by 716038/716039, 113039 and 722051.
bool ParseGroupUserIp(std::string_view* text, AsaMessage* m) {
  std::string_view group;
  if (!Between(text, "Group <", "> User <", &group)) return false;
  const size_t ip_at = text->find("> IP <");
  if (ip_at == std::string_view::npos) return false;
  m->user = text->substr(0, ip_at);
  text->remove_prefix(ip_at + 6);
  const size_t close = text->find('>');
  if (close == std::string_view::npos) return false;
  m->address = text->substr(0, close);
  text->remove_prefix(close + 1);
  *text = TrimLeft(*text);
  return true;
}

AsaParse ParseWebvpn(std::string_view text, AsaMessage* m) {
  if (!ParseGroupUserIp(&text, m)) return AsaParse::kMalformed;
  m->group = AsaGroup::kWebvpn;
  if (Consume(&text, "Authentication: rejected")) {
    m->outcome = Outcome::kFailure;
  } else if (Consume(&text, "Authentication: successful")) {
    m->outcome = Outcome::kSuccess;
  } else {
    return AsaParse::kMalformed;
  }
  const size_t type = text.find("Session Type: ");
  if (type != std::string_view::npos) {
    std::string_view session = Trim(text.substr(type + 14));
    ConsumeSuffix(&session, ".");
    m->client = session;
  }
  return AsaParse::kAttempt;
}

AsaParse ParseAnyConnect(std::string_view text, AsaGroup group, AsaMessage* m) {
  if (!ParseGroupUserIp(&text, m)) return AsaParse::kMalformed;
  m->group = group;
  m->outcome = Outcome::kSuccess;
  m->client = "AnyConnect";
  return AsaParse::kAttempt;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

bool ParseAsaTag(std::string_view tag, int* id) {
  // %ASA-6-113005: a facility of capitals, a severity digit, six digits.
  if (!Consume(&tag, "%")) return false;
  size_t letters = 0;
  while (letters < tag.size() && IsUpper(tag[letters])) ++letters;
  if (letters < 3 || letters > 4) return false;
  const std::string_view facility = tag.substr(0, letters);
  if (facility != "ASA" && facility != "FTD" && facility != "PIX" && facility != "FWSM") {
    return false;
  }
  tag.remove_prefix(letters);
  if (tag.size() != 9 || tag[0] != '-' || tag[1] < '0' || tag[1] > '7' || tag[2] != '-') {
    return false;
  }
  const std::string_view digits = tag.substr(3);
  if (!IsDigits(digits)) return false;
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  *id = value;
  return true;
}

bool SplitAsaTag(std::string_view text, int* id, std::string_view* rest) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || !ParseAsaTag(text.substr(0, colon), id)) return false;
  *rest = TrimLeft(text.substr(colon + 1));
  return true;
}

AsaParse ParseAsaMessage(int id, std::string_view text, AsaMessage* message) {
  *message = AsaMessage{};
  message->id = id;
  // Cisco's exports often put two spaces after the tag's colon.
  text = TrimLeft(text);
  switch (id) {
    case 113004:
    case 113005:
    case 113012:
    case 113015:
      return ParseAaa(text, message);
    case 611101:
    case 611102:
      return ParseManagementAuth(text, message);
    case 605004:
    case 605005:
      return ParseManagementLogin(text, message);
    case 716038:
    case 716039:
      return ParseWebvpn(text, message);
    case 113039:
      return ParseAnyConnect(text, AsaGroup::kAnyConnectParent, message);
    case 722051:
      return ParseAnyConnect(text, AsaGroup::kAnyConnectAddress, message);
    default:
      return AsaParse::kNotAttempt;
  }
}

}  // namespace spraytrace::parse::vpn
