#include "parse/vpn/globalprotect/globalprotect_record.h"

#include <array>

#include "parse/reason_words.h"

namespace spraytrace::parse::vpn {
namespace {

// Field positions (0-based) of the two record types.
constexpr size_t kType = 3;
constexpr size_t kSubtype = 4;
constexpr size_t kReceived = 1;
constexpr size_t kSerial = 2;
constexpr size_t kGenerated = 6;
constexpr size_t kEventId = 8;
// GLOBALPROTECT
constexpr size_t kGpAuthMethod = 10;
constexpr size_t kGpUser = 12;
constexpr size_t kGpPublicIp = 15;
constexpr size_t kGpPublicIpv6 = 16;
constexpr size_t kGpClientVersion = 21;
constexpr size_t kGpReason = 25;
constexpr size_t kGpError = 26;
constexpr size_t kGpStatus = 28;
constexpr size_t kGpDevice = 47;
// SYSTEM
constexpr size_t kSysDescription = 14;
constexpr size_t kSysDevice = 22;

std::string_view Field(std::span<const std::string_view> fields, size_t i) {
  return i < fields.size() ? fields[i] : std::string_view();
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '.')) {
    text.remove_suffix(1);
  }
  return text;
}

bool NoAddress(std::string_view text) {
  return text.empty() || text == "0.0.0.0" || text == "::" || text == "N/A";
}

std::string_view Device(std::span<const std::string_view> fields, size_t device) {
  const std::string_view name = Field(fields, device);
  return name.empty() ? Field(fields, kSerial) : name;
}

GlobalProtectParse ReadGlobalProtectType(std::span<const std::string_view> fields, bool cut,
                                         GlobalProtectLogin* login) {
  const std::string_view event = Field(fields, kEventId);
  if (event != "portal-auth" && event != "gateway-auth") return GlobalProtectParse::kNotAttempt;
  // The status must be there, and whole: a cut inside it would leave "fail".
  if (fields.size() <= kGpStatus || (cut && fields.size() == kGpStatus + 1)) {
    return GlobalProtectParse::kMalformed;
  }
  GlobalProtectLogin l;
  const std::string_view status = fields[kGpStatus];
  if (status == "success") {
    l.outcome = Outcome::kSuccess;
  } else if (status == "failure") {
    l.outcome = Outcome::kFailure;
  } else {
    return GlobalProtectParse::kMalformed;
  }
  l.portal = event == "portal-auth";
  l.generated = fields[kGenerated];
  l.received = fields[kReceived];
  l.user = Trim(fields[kGpUser]);
  l.address = fields[kGpPublicIp];
  if (NoAddress(l.address)) l.address = fields[kGpPublicIpv6];
  if (NoAddress(l.address)) return GlobalProtectParse::kMalformed;
  l.reason = fields[kGpError].empty() ? fields[kGpReason] : fields[kGpError];
  l.client = fields[kGpClientVersion];
  l.device = Device(fields, kGpDevice);
  l.auth_method = fields[kGpAuthMethod];
  *login = l;
  return GlobalProtectParse::kAttempt;
}

GlobalProtectParse ReadSystemType(std::span<const std::string_view> fields,
                                  GlobalProtectLogin* login) {
  const std::string_view event = Field(fields, kEventId);
  GlobalProtectLogin l;
  if (event == "globalprotectportal-auth-fail" || event == "globalprotectgateway-auth-fail") {
    l.outcome = Outcome::kFailure;
  } else if (event == "globalprotectportal-auth-succ" ||
             event == "globalprotectgateway-auth-succ") {
    l.outcome = Outcome::kSuccess;
  } else {
    return GlobalProtectParse::kNotAttempt;
  }
  if (fields.size() <= kSysDescription) return GlobalProtectParse::kMalformed;
  l.portal = event.starts_with("globalprotectportal");
  l.generated = fields[kGenerated];
  l.received = fields[kReceived];
  // Cut inside the description (PAN-OS cuts it at about 256 bytes, relays cut lines): what is
  // there may still hold the address and the whole name.
  if (!ParseGlobalProtectDescription(fields[kSysDescription], &l.address, &l.user, &l.reason)) {
    return GlobalProtectParse::kMalformed;
  }
  l.device = Device(fields, kSysDevice);
  *login = l;
  return GlobalProtectParse::kAttempt;
}

// The value after `key` up to the first of the description's next keys (or its end when
// `to_end`); false when key is missing, or no next key follows and !to_end.
bool DescriptionValue(std::string_view text, std::string_view key, bool to_end,
                      std::string_view* value) {
  static constexpr std::array<std::string_view, 6> kNextKeys = {
      ", Source region: ", ", User name: ", ", Reason: ",
      ", Auth type: ",     ", Client OS",   ", Login from: "};
  const size_t at = text.find(key);
  if (at == std::string_view::npos) return false;
  const size_t from = at + key.size();
  size_t end = std::string_view::npos;
  for (const std::string_view next : kNextKeys) {
    const size_t found = text.find(next, from);
    if (found < end) end = found;
  }
  if (end == std::string_view::npos && !to_end) return false;
  *value = Trim(text.substr(from, end == std::string_view::npos ? text.size() - from : end - from));
  return true;
}

}  // namespace

bool IsGlobalProtectRecord(std::span<const std::string_view> fields) {
  const std::string_view type = Field(fields, kType);
  return type == "GLOBALPROTECT" ||
         (type == "SYSTEM" && Field(fields, kSubtype) == "globalprotect");
}

GlobalProtectParse ReadGlobalProtectRecord(std::span<const std::string_view> fields, bool cut,
                                           GlobalProtectLogin* login) {
  const std::string_view type = Field(fields, kType);
  if (type == "GLOBALPROTECT") return ReadGlobalProtectType(fields, cut, login);
  if (type == "SYSTEM" && Field(fields, kSubtype) == "globalprotect") {
    return ReadSystemType(fields, login);
  }
  return GlobalProtectParse::kNotMine;
}

bool ParseGlobalProtectDescription(std::string_view description, std::string_view* address,
                                   std::string_view* user, std::string_view* reason) {
  std::string_view a;
  std::string_view u;
  // The address is short and always before the name; the name must be followed by a key, so
  // a description cut inside the name is not read as a shorter name.
  if (!DescriptionValue(description, "Login from: ", false, &a) ||
      !DescriptionValue(description, "User name: ", false, &u)) {
    return false;
  }
  std::string_view r;
  if (!DescriptionValue(description, "Reason: ", true, &r)) r = {};
  *address = a;
  *user = u;
  *reason = r;
  return true;
}

Reason GlobalProtectReason(std::string_view text) {
  if (text.empty()) return Reason::kOther;
  // PAN-OS says "Invalid username or password" for both a wrong password and a name that does
  // not exist (it does not tell an attacker which): a wrong secret, as far as the log says.
  if (ContainsIgnoringCase(text, "username or password")) return Reason::kBadPassword;
  if (ContainsIgnoringCase(text, "allow list") || ContainsIgnoringCase(text, "not allowed")) {
    return Reason::kDisabled;
  }
  if (ContainsIgnoringCase(text, "user not found") || ContainsIgnoringCase(text, "unknown user")) {
    return Reason::kUnknownUser;
  }
  const Reason reason = ReasonFromWords(text);
  return reason == Reason::kNone ? Reason::kOther : reason;
}

}  // namespace spraytrace::parse::vpn
