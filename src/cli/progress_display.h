// ProgressDisplay: the single refreshing progress line of a long scan on a terminal (stderr).
//
// Redrawn at most once per interval (default 4 times a second) with report::FormatProgressLine,
// and only after the first interval has passed, so a short scan never draws anything. Each draw
// returns the cursor with "\r" and pads over the previous text with spaces (no escape sequences,
// so it works on any terminal, TERM=dumb included); OnFinish() blanks the line again so the
// summary starts on a clean line. The caller decides whether to show it at all (stderr a
// terminal, no --no-progress): the display itself never checks.
#ifndef SPRAYTRACE_CLI_PROGRESS_DISPLAY_H_
#define SPRAYTRACE_CLI_PROGRESS_DISPLAY_H_

#include <cstdint>
#include <cstdio>
#include <functional>

#include "cli/scan_runner.h"

namespace spraytrace::cli {

class ProgressDisplay final : public ScanProgress {
 public:
  // Seconds on a monotonic clock.
  using Clock = std::function<double()>;
  static double SteadySeconds();

  // REQUIRES: out outlives the display.
  explicit ProgressDisplay(std::FILE* out, double interval_seconds = 0.25,
                           Clock clock = &ProgressDisplay::SteadySeconds);

  void OnStart(uint64_t total_bytes) override;
  void OnProgress(uint64_t bytes, uint64_t events) override;
  void OnFinish() override;

  uint64_t draws() const { return draws_; }

 private:
  void Draw(const std::string& text);

  std::FILE* out_;
  double interval_;
  Clock clock_;
  uint64_t total_bytes_ = 0;
  double started_ = 0;
  double last_draw_ = 0;
  size_t shown_width_ = 0;  // characters of the line on screen now
  uint64_t draws_ = 0;
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_PROGRESS_DISPLAY_H_
