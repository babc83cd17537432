// Durations as people write them in config files and flags: "90s", "10m", "24h", "7d", "1h30m".
#ifndef SPRAYTRACE_COMMON_DURATION_H_
#define SPRAYTRACE_COMMON_DURATION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace spraytrace {

// Microseconds; the unit of every time value in spraytrace.
using Micros = int64_t;
inline constexpr Micros kMicrosPerSecond = 1'000'000;
inline constexpr Micros kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr Micros kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr Micros kMicrosPerDay = 24 * kMicrosPerHour;

// Parses a sequence of <integer><unit> parts, units s, m, h, d (and ms). Errors name the text.
Result<Micros> ParseDuration(std::string_view text);
// The shortest exact rendering: 600'000'000 -> "10m", 5'400'000'000 -> "1h30m".
std::string FormatDuration(Micros duration);

}  // namespace spraytrace

#endif  // SPRAYTRACE_COMMON_DURATION_H_
