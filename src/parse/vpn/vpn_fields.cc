#include "parse/vpn/vpn_fields.h"

#include <cstdint>

#include "event/ip_address.h"
#include "event/user_name.h"

namespace spraytrace::parse::vpn {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Exactly `count` digits at text[pos...]; false when shorter or not digits.
bool Digits(std::string_view text, size_t pos, size_t count, int* value) {
  if (pos + count > text.size()) return false;
  int result = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!IsDigit(text[i])) return false;
    result = result * 10 + (text[i] - '0');
  }
  *value = result;
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool IsPlaceholderUser(std::string_view raw) {
  raw = Trim(raw);
  if (raw.empty() || raw == "N/A" || raw == "(null)" || raw == "-" || raw == "UNDEF") return true;
  return raw.find_first_not_of('*') == std::string_view::npos;
}

bool EpochToTimestamp(std::string_view digits, Timestamp* time) {
  if (digits.empty() || digits.size() > 19) return false;
  uint64_t value = 0;  // 19 digits fit
  for (const char c : digits) {
    if (!IsDigit(c)) return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  // 1e8 s is 1973, 1e10 s is 2286: each unit is tried on that window.
  constexpr uint64_t kLow = 100'000'000;
  constexpr uint64_t kHigh = 10'000'000'000;
  constexpr uint64_t kMax = INT64_MAX;
  if (value >= kLow && value < kHigh) {
    *time = static_cast<Timestamp>(value) * kMicrosPerSecond;
  } else if (value >= kLow * 1000 && value < kHigh * 1000) {
    *time = static_cast<Timestamp>(value * 1000);
  } else if (value >= kLow * 1'000'000 && value < kHigh * 1'000'000) {
    *time = static_cast<Timestamp>(value);
  } else if (value >= kLow * 1'000'000'000 && value <= kMax) {
    *time = static_cast<Timestamp>(value / 1000);
  } else {
    return false;
  }
  return true;
}

bool ParseDateAndTime(std::string_view date, std::string_view time, CivilTime* civil) {
  CivilTime c;
  if (date.size() != 10 || (date[4] != '-' && date[4] != '/') || date[7] != date[4] ||
      !Digits(date, 0, 4, &c.year) || !Digits(date, 5, 2, &c.month) ||
      !Digits(date, 8, 2, &c.day)) {
    return false;
  }
  if (time.size() < 8 || time[2] != ':' || time[5] != ':' || !Digits(time, 0, 2, &c.hour) ||
      !Digits(time, 3, 2, &c.minute) || !Digits(time, 6, 2, &c.second)) {
    return false;
  }
  if (time.size() > 8) {
    if (time[8] != '.' || time.size() == 9 || time.size() > 15) return false;
    int micros = 0;
    for (size_t i = 9; i < 15; ++i) {
      const char digit = i < time.size() ? time[i] : '0';
      if (!IsDigit(digit)) return false;
      micros = micros * 10 + (digit - '0');
    }
    c.micros = micros;
  }
  if (!IsValidCivil(c) || c.second == 60) return false;
  *civil = c;
  return true;
}

bool ParseUtcOffset(std::string_view text, Micros* offset) {
  if (text == "Z" || text == "z") {
    *offset = 0;
    return true;
  }
  if (text.size() != 5 && text.size() != 6) return false;
  if (text[0] != '+' && text[0] != '-') return false;
  int hours = 0;
  int minutes = 0;
  const size_t minute_pos = text.size() == 6 ? 4 : 3;
  if (text.size() == 6 && text[3] != ':') return false;
  if (!Digits(text, 1, 2, &hours) || !Digits(text, minute_pos, 2, &minutes)) return false;
  if (hours > 23 || minutes > 59) return false;
  const Micros value = hours * kMicrosPerHour + minutes * kMicrosPerMinute;
  *offset = text[0] == '-' ? -value : value;
  return true;
}

bool SetSourceIp(std::string_view text, AuthEvent* event) {
  const std::optional<IpAddress> ip = IpAddress::Parse(Trim(text));
  if (!ip) return false;
  event->source_ip = *ip;
  event->has_source_ip = true;
  return true;
}

AuthEvent VpnEvents::Start(Timestamp time, const RecordContext& context, Outcome outcome) {
  AuthEvent event;
  event.time = time;
  event.service = Service::kVpn;
  event.outcome = outcome;
  event.method = AuthMethod::kPassword;
  event.where = context.where;
  return event;
}

void VpnEvents::SetUser(std::string_view raw, AuthEvent* event) {
  if (IsPlaceholderUser(raw)) {
    event->user = kNoString;
    event->user_canonical = kNoString;
    return;
  }
  event->user = strings_->Intern(raw);
  CanonicalUserName(raw, UserCase::kInsensitive, &canonical_);
  event->user_canonical = canonical_.empty() ? kNoString : strings_->Intern(canonical_);
}

RecordStatus ReportBadVpnRecord(std::string_view why, std::string_view text,
                                const RecordContext& context, Diagnostics* diagnostics,
                                std::string* detail) {
  constexpr size_t kMaxDetail = 160;
  detail->assign(why);
  detail->append(": ");
  detail->append(text.substr(0, kMaxDetail));
  diagnostics->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line, *detail);
  return RecordStatus::kBad;
}

}  // namespace spraytrace::parse::vpn
