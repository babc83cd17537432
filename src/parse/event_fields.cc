#include "parse/event_fields.h"

#include <array>
#include <cstring>

#include "parse/syslog/syslog_header.h"
#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

bool ParseEpoch(std::string_view digits, Timestamp* time) {
  if (digits.size() > 19) return false;
  int64_t value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  // 10 digits: seconds (until 2286); 13: ms; 16: µs; 19: ns.
  if (digits.size() <= 11) {
    *time = value * kMicrosPerSecond;
  } else if (digits.size() <= 14) {
    *time = value * 1000;
  } else if (digits.size() <= 17) {
    *time = value;
  } else {
    *time = value / 1000;
  }
  return true;
}

}  // namespace

bool IsPlaceholder(std::string_view value) {
  value = TrimLeft(TrimRight(value));
  static constexpr std::array<std::string_view, 6> kPlaceholders = {"-",      "N/A",     "null",
                                                                    "(null)", "unknown", "none"};
  if (value.empty()) return true;
  for (const std::string_view p : kPlaceholders) {
    if (EqualsIgnoringCase(value, p)) return true;
  }
  return false;
}

bool ParseExportTime(std::string_view text, Timestamp* time) {
  text = TrimLeft(TrimRight(text));
  if (IsDigits(text)) return ParseEpoch(text, time);
  if (text.size() <= 10 || text[10] != ' ') return ParseRfc3339Time(text, time);
  // "2024-01-02 03:04:05[.frac][ +01:00| UTC]": a 'T' for the first space, the others dropped.
  std::array<char, 64> copy{};
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (n == copy.size()) return false;
    if (i == 10) {
      copy[n++] = 'T';
    } else if (text[i] != ' ') {
      copy[n++] = text[i];
    }
  }
  std::string_view compact(copy.data(), n);
  ConsumeSuffix(&compact, "UTC");
  return ParseRfc3339Time(compact, time);
}

void EventFields::SetUser(std::string_view raw, UserCase user_case, AuthEvent* event) {
  if (IsPlaceholder(raw)) return;
  event->user = strings_->Intern(raw);
  CanonicalUserName(raw, user_case, &canonical_);
  event->user_canonical = canonical_.empty() ? kNoString : strings_->Intern(canonical_);
}

bool EventFields::SetSource(std::string_view address_or_host, AuthEvent* event) {
  address_or_host = TrimLeft(TrimRight(address_or_host));
  if (IsPlaceholder(address_or_host)) return false;
  if (const auto ip = IpAddress::Parse(address_or_host)) {
    event->source_ip = *ip;
    event->has_source_ip = true;
    return true;
  }
  event->source_host = strings_->Intern(address_or_host);
  return true;
}

StringId EventFields::Intern(std::string_view value) {
  return IsPlaceholder(value) ? kNoString : strings_->Intern(value);
}

}  // namespace spraytrace::parse
