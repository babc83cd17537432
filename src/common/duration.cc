#include "common/duration.h"

#include <fmt/format.h>

#include <limits>

namespace spraytrace {

Result<Micros> ParseDuration(std::string_view text) {
  const auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(
        fmt::format("invalid duration '{}': {} (write e.g. 90s, 10m, 24h, 7d)", text, why));
  };
  if (text.empty()) return bad("empty");
  Micros total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') return bad("expected a number");
    int64_t number = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (number > std::numeric_limits<int64_t>::max() / 10 - 10) return bad("too large");
      number = number * 10 + (text[i] - '0');
      ++i;
    }
    Micros unit = 0;
    if (text.substr(i, 2) == "ms") {
      unit = 1000;
      i += 2;
    } else if (i < text.size()) {
      switch (text[i]) {
        case 's':
          unit = kMicrosPerSecond;
          break;
        case 'm':
          unit = kMicrosPerMinute;
          break;
        case 'h':
          unit = kMicrosPerHour;
          break;
        case 'd':
          unit = kMicrosPerDay;
          break;
        default:
          return bad("unknown unit");
      }
      ++i;
    } else {
      return bad("missing unit");
    }
    if (number > std::numeric_limits<Micros>::max() / unit) return bad("too large");
    total += number * unit;
  }
  return total;
}

std::string FormatDuration(Micros duration) {
  if (duration == 0) return "0s";
  std::string out;
  if (duration < 0) {
    out += '-';
    duration = -duration;
  }
  const std::pair<Micros, char> units[] = {{kMicrosPerDay, 'd'},
                                           {kMicrosPerHour, 'h'},
                                           {kMicrosPerMinute, 'm'},
                                           {kMicrosPerSecond, 's'}};
  for (const auto& [size, letter] : units) {
    if (duration >= size) {
      out += fmt::format("{}{}", duration / size, letter);
      duration %= size;
    }
  }
  if (duration > 0) out += fmt::format("{}ms", duration / 1000);
  return out;
}

}  // namespace spraytrace
