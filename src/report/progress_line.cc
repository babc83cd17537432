#include "report/progress_line.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace spraytrace::report {

std::string FormatDecimalBytes(uint64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (bytes < 1000) return fmt::format("{} B", bytes);
  if (b < 1e6) return fmt::format("{:.1f} kB", b / 1e3);
  if (b < 1e9) return fmt::format("{:.1f} MB", b / 1e6);
  if (b < 1e12) return fmt::format("{:.2f} GB", b / 1e9);
  return fmt::format("{:.2f} TB", b / 1e12);
}

std::string FormatEta(double seconds) {
  if (!(seconds > 0)) return "0s";  // also NaN
  constexpr double kMax = 99 * 3600 + 59 * 60;
  if (seconds > kMax) return "99h59m+";
  const auto s = static_cast<uint64_t>(std::llround(seconds));
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

namespace {

std::string EventRate(double per_second) {
  if (per_second >= 1e6) return fmt::format("{:.2f} M events/s", per_second / 1e6);
  if (per_second >= 1e3) return fmt::format("{:.1f} k events/s", per_second / 1e3);
  return fmt::format("{:.0f} events/s", per_second);
}

}  // namespace

std::string FormatProgressLine(const ProgressSnapshot& p) {
  std::string line = FormatDecimalBytes(p.bytes_done);
  const bool total_known = p.bytes_total > 0;
  if (total_known) {
    const double fraction =
        std::min(1.0, static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total));
    line += fmt::format(" of {} ({:.0f}%)", FormatDecimalBytes(p.bytes_total),
                        std::floor(fraction * 100));
  } else {
    line += " read";
  }
  if (!(p.seconds > 0)) return line;
  const double bytes_per_second = static_cast<double>(p.bytes_done) / p.seconds;
  line += fmt::format(", {}, {:.0f} MB/s", EventRate(static_cast<double>(p.events) / p.seconds),
                      bytes_per_second / 1e6);
  if (total_known && p.bytes_done > 0 && p.bytes_done < p.bytes_total) {
    line +=
        ", ETA " + FormatEta(static_cast<double>(p.bytes_total - p.bytes_done) / bytes_per_second);
  }
  return line;
}

}  // namespace spraytrace::report
