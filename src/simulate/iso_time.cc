#include "simulate/iso_time.h"

namespace spraytrace::simulate {
namespace {

bool Digits(std::string_view text, size_t at, size_t count, int* out) {
  if (at + count > text.size()) return false;
  int value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

}  // namespace

bool ParseIsoTime(std::string_view text, Timestamp* out) {
  CivilTime c;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text.back() != 'Z') {
    return false;
  }
  if (!Digits(text, 0, 4, &c.year) || !Digits(text, 5, 2, &c.month) ||
      !Digits(text, 8, 2, &c.day) || !Digits(text, 11, 2, &c.hour) ||
      !Digits(text, 14, 2, &c.minute) || !Digits(text, 17, 2, &c.second)) {
    return false;
  }
  size_t i = 19;
  if (text[i] == '.') {
    int scale = 100000;
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (scale == 0) return false;
      c.micros += (text[i] - '0') * scale;
      scale /= 10;
    }
  }
  if (i != text.size() - 1 || !IsValidCivil(c)) return false;
  *out = ToTimestamp(c);
  return true;
}

}  // namespace spraytrace::simulate
