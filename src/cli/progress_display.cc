#include "cli/progress_display.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include "report/progress_line.h"

namespace spraytrace::cli {

double ProgressDisplay::SteadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

ProgressDisplay::ProgressDisplay(std::FILE* out, double interval_seconds, Clock clock)
    : out_(out), interval_(interval_seconds), clock_(std::move(clock)) {}

void ProgressDisplay::OnStart(uint64_t total_bytes) {
  total_bytes_ = total_bytes;
  started_ = clock_();
  last_draw_ = started_;
}

void ProgressDisplay::OnProgress(uint64_t bytes, uint64_t events) {
  const double now = clock_();
  if (now - last_draw_ < interval_) return;
  last_draw_ = now;
  report::ProgressSnapshot snapshot;
  snapshot.bytes_done = bytes;
  snapshot.bytes_total = total_bytes_;
  snapshot.events = events;
  snapshot.seconds = now - started_;
  Draw(report::FormatProgressLine(snapshot));
}

void ProgressDisplay::OnFinish() {
  if (shown_width_ == 0) return;
  // Blank what is on screen and come back to the line's start.
  const std::string blank(shown_width_, ' ');
  std::fprintf(out_, "\r%s\r", blank.c_str());
  std::fflush(out_);
  shown_width_ = 0;
}

void ProgressDisplay::Draw(const std::string& text) {
  // The text is ASCII (digits, units, punctuation): one byte per column.
  std::string line = "\r" + text;
  if (text.size() < shown_width_) line.append(shown_width_ - text.size(), ' ');
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
  shown_width_ = std::max(shown_width_, text.size());
  ++draws_;
}

}  // namespace spraytrace::cli
