#include "parse/windows/windows_time.h"

namespace spraytrace::parse {
namespace {

// Reads exactly `width` digits from the front of *text.
bool ReadDigits(std::string_view* text, size_t width, int* value) {
  if (text->size() < width) return false;
  int result = 0;
  for (size_t i = 0; i < width; ++i) {
    const char c = (*text)[i];
    if (c < '0' || c > '9') return false;
    result = result * 10 + (c - '0');
  }
  text->remove_prefix(width);
  *value = result;
  return true;
}

bool Expect(std::string_view* text, char c) {
  if (text->empty() || text->front() != c) return false;
  text->remove_prefix(1);
  return true;
}

// "Z", "+hh:mm", "-hh:mm", "+hhmm"; sets *offset_seconds (east of UTC positive).
bool ReadZone(std::string_view text, int64_t* offset_seconds) {
  if (text == "Z" || text == "z") {
    *offset_seconds = 0;
    return true;
  }
  if (text.empty() || (text.front() != '+' && text.front() != '-')) return false;
  const int sign = text.front() == '-' ? -1 : 1;
  text.remove_prefix(1);
  int hours = 0;
  int minutes = 0;
  if (!ReadDigits(&text, 2, &hours)) return false;
  if (!text.empty() && text.front() == ':') text.remove_prefix(1);
  if (!ReadDigits(&text, 2, &minutes) || !text.empty() || hours > 23 || minutes > 59) return false;
  *offset_seconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

}  // namespace

bool ParseWindowsTime(std::string_view text, Timestamp* time, bool* has_zone) {
  CivilTime civil;
  if (!ReadDigits(&text, 4, &civil.year) || !Expect(&text, '-') ||
      !ReadDigits(&text, 2, &civil.month) || !Expect(&text, '-') ||
      !ReadDigits(&text, 2, &civil.day)) {
    return false;
  }
  if (text.empty() || (text.front() != 'T' && text.front() != ' ')) return false;
  text.remove_prefix(1);
  if (!ReadDigits(&text, 2, &civil.hour) || !Expect(&text, ':') ||
      !ReadDigits(&text, 2, &civil.minute) || !Expect(&text, ':') ||
      !ReadDigits(&text, 2, &civil.second)) {
    return false;
  }
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    size_t digits = 0;
    int micros = 0;
    while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
      if (digits < 6) micros = micros * 10 + (text.front() - '0');
      ++digits;
      text.remove_prefix(1);
    }
    if (digits == 0) return false;
    for (size_t i = digits; i < 6; ++i) micros *= 10;
    civil.micros = micros;
  }
  int64_t offset_seconds = 0;
  const bool zoned = !text.empty();
  if (zoned && !ReadZone(text, &offset_seconds)) return false;
  if (!IsValidCivil(civil)) return false;
  *time = ToTimestamp(civil) - offset_seconds * kMicrosPerSecond;
  if (has_zone) *has_zone = zoned;
  return true;
}

Timestamp FromFiletime(uint64_t filetime) {
  // 1601-01-01 to 1970-01-01: 11,644,473,600 seconds.
  constexpr int64_t kEpochDifferenceMicros = 11'644'473'600LL * 1'000'000LL;
  return static_cast<Timestamp>(filetime / 10) - kEpochDifferenceMicros;
}

}  // namespace spraytrace::parse
