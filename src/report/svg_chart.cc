#include "report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "detect/finding_text.h"
#include "report/utf8.h"

namespace spraytrace::report {
namespace {

// Timeline geometry, in SVG user units (the viewBox scales to the page).
constexpr double kWidth = 960;
constexpr double kLeft = 56;
constexpr double kRight = 12;
constexpr double kBandTop = 6;
constexpr double kTop = 24;      // top of the tallest failure bar
constexpr double kAxis = 134;    // zero line: failures above, successes below
constexpr double kBottom = 204;  // bottom of the tallest success bar
constexpr double kHeight = 232;  // room for the time labels
constexpr double kPlotWidth = kWidth - kLeft - kRight;

// Bar chart geometry.
constexpr double kBarWidth = 480;
constexpr double kBarLabel = 176;  // label column
constexpr double kBarRow = 22;
constexpr size_t kBarLabelChars = 26;

std::string Num(double v) { return fmt::format("{:.1f}", v); }

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Display bars: the histogram's buckets merged `factor` at a time.
struct Bars {
  Timestamp start = 0;
  Micros width = 0;
  std::vector<EventHistogram::Bucket> counts;
  uint64_t max_failures = 0;
  uint64_t max_successes = 0;
};

// Merges the histogram's buckets into at most max_bars bars of a width on the histogram's ladder
// (so bars start on round times: 15 min, 1 h, 6 h, 1 d, ...).
Bars MergeBuckets(const EventHistogram& h, size_t max_bars) {
  const size_t n = h.buckets().size();
  const Timestamp last = h.origin() + static_cast<Micros>(n) * h.width();
  Bars bars;
  bars.width = h.width();
  for (;;) {
    bars.start = h.origin() - (h.origin() % bars.width + bars.width) % bars.width;
    if (static_cast<size_t>((last - bars.start + bars.width - 1) / bars.width) <=
        std::max<size_t>(1, max_bars)) {
      break;
    }
    bars.width = NextBucketWidth(bars.width);
  }
  bars.counts.resize(static_cast<size_t>((last - bars.start + bars.width - 1) / bars.width));
  for (size_t i = 0; i < n; ++i) {
    const Timestamp t = h.origin() + static_cast<Micros>(i) * h.width();
    EventHistogram::Bucket& into = bars.counts[static_cast<size_t>((t - bars.start) / bars.width)];
    into.failures += h.buckets()[i].failures;
    into.successes += h.buckets()[i].successes;
  }
  for (const auto& b : bars.counts) {
    bars.max_failures = std::max(bars.max_failures, b.failures);
    bars.max_successes = std::max(bars.max_successes, b.successes);
  }
  return bars;
}

class TimeScale {
 public:
  TimeScale(Timestamp start, Timestamp end)
      : start_(start), span_(std::max<Micros>(1, end - start)) {}
  double X(Timestamp t) const {
    const double clamped = static_cast<double>(std::clamp<Micros>(t - start_, 0, span_));
    return kLeft + kPlotWidth * clamped / static_cast<double>(span_);
  }
  Timestamp start() const { return start_; }
  Timestamp end() const { return start_ + span_; }
  Micros span() const { return span_; }

 private:
  Timestamp start_;
  Micros span_;
};

void WriteAxisLabels(const TimeScale& scale, HtmlWriter* html) {
  constexpr std::array<int, 18> kStepMinutes = {
      1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200, 129600, 525600};
  Micros step = kStepMinutes.back() * kMicrosPerMinute;
  for (int minutes : kStepMinutes) {
    if (scale.span() / (minutes * kMicrosPerMinute) <= 8) {
      step = minutes * kMicrosPerMinute;
      break;
    }
  }
  const Timestamp r = scale.start() % step;
  Timestamp t = scale.start() - r + (r == 0 ? 0 : step);
  html->Open("g", {{"class", "axis"}});
  for (; t <= scale.end(); t += step) {
    const std::string x = Num(scale.X(t));
    html->Empty("line", {{"x1", x}, {"x2", x}, {"y1", Num(kBottom)}, {"y2", Num(kBottom + 4)}});
    // A label at either edge stays inside the chart.
    const double px = scale.X(t);
    const char* anchor = px < kLeft + 20 ? "start" : px > kWidth - kRight - 20 ? "end" : "middle";
    html->Element("text", {{"x", x}, {"y", Num(kBottom + 18)}, {"text-anchor", anchor}},
                  step >= 30 * kMicrosPerDay
                      ? fmt::format("{} {}", kMonths[ToCivil(t).month - 1], ToCivil(t).year)
                      : AxisLabel(t));
  }
  html->Close("g");
}

void WriteBands(const TimelineChart& chart, const TimeScale& scale, HtmlWriter* html) {
  for (const TimeBand& band : chart.bands) {
    const double x0 = scale.X(band.start);
    const double x1 = std::max(scale.X(band.end), x0 + 2);
    html->Open("g", {{"class", "band"}});
    html->Element("title", band.tooltip);
    html->Empty("rect", {{"x", Num(x0)},
                         {"y", Num(kBandTop)},
                         {"width", Num(x1 - x0)},
                         {"height", Num(kBottom - kBandTop)}});
    html->Element("text", {{"x", Num(x0 + 3)}, {"y", Num(kBandTop + 12)}}, band.label);
    html->Close("g");
  }
}

void WriteBars(const Bars& bars, const TimeScale& scale, HtmlWriter* html) {
  const double slot = kPlotWidth / static_cast<double>(bars.counts.size());
  const double gap = slot > 4 ? 1 : 0;
  const double up =
      bars.max_failures == 0 ? 0 : (kAxis - kTop) / static_cast<double>(bars.max_failures);
  const double down =
      bars.max_successes == 0 ? 0 : (kBottom - kAxis) / static_cast<double>(bars.max_successes);
  for (size_t i = 0; i < bars.counts.size(); ++i) {
    const EventHistogram::Bucket& b = bars.counts[i];
    if (b.failures == 0 && b.successes == 0) continue;
    const Timestamp t = bars.start + static_cast<Micros>(i) * bars.width;
    const std::string x = Num(scale.X(t) + gap / 2);
    const std::string w = Num(std::max(0.5, slot - gap));
    html->Open("g");
    html->Element("title", fmt::format("{} .. {}: {} failed, {} succeeded", FormatIso8601(t),
                                       FormatIso8601(t + bars.width), b.failures, b.successes));
    if (b.failures > 0) {
      const double h = std::max(1.0, up * static_cast<double>(b.failures));
      html->Empty(
          "rect",
          {{"class", "f"}, {"x", x}, {"y", Num(kAxis - h)}, {"width", w}, {"height", Num(h)}});
    }
    if (b.successes > 0) {
      const double h = std::max(1.0, down * static_cast<double>(b.successes));
      html->Empty("rect",
                  {{"class", "s"}, {"x", x}, {"y", Num(kAxis)}, {"width", w}, {"height", Num(h)}});
    }
    html->Close("g");
  }
}

void WriteScaleLabels(const Bars& bars, HtmlWriter* html) {
  const std::string x = Num(kLeft - 6);
  html->Open("g", {{"class", "axis"}, {"text-anchor", "end"}});
  html->Element("text", {{"x", x}, {"y", Num(kTop + 4)}}, fmt::format("{}", bars.max_failures));
  html->Element("text", {{"x", x}, {"y", Num(kAxis + 4)}}, "0");
  html->Element("text", {{"x", x}, {"y", Num(kBottom)}}, fmt::format("{}", bars.max_successes));
  html->Close("g");
  html->Empty("line", {{"class", "zero"},
                       {"x1", Num(kLeft)},
                       {"x2", Num(kWidth - kRight)},
                       {"y1", Num(kAxis)},
                       {"y2", Num(kAxis)}});
}

void WriteMarks(const TimelineChart& chart, const TimeScale& scale, HtmlWriter* html) {
  for (const TimeMark& mark : chart.marks) {
    const double x = scale.X(mark.time);
    html->Open("g", {{"class", "mark"}, {"aria-label", mark.tooltip}});
    html->Element("title", mark.tooltip);
    html->Empty("polygon", {{"points", fmt::format("{},{} {},{} {},{} {},{}", Num(x),
                                                   Num(kAxis - 7), Num(x + 6), Num(kAxis), Num(x),
                                                   Num(kAxis + 7), Num(x - 6), Num(kAxis))}});
    html->Close("g");
  }
}

}  // namespace

std::string AxisLabel(Timestamp time) {
  const CivilTime c = ToCivil(time);
  if (c.hour == 0 && c.minute == 0) return fmt::format("{} {}", kMonths[c.month - 1], c.day);
  return fmt::format("{:02}:{:02}", c.hour, c.minute);
}

Micros WriteTimeline(const TimelineChart& chart, HtmlWriter* html) {
  if (chart.histogram == nullptr || chart.histogram->empty()) return 0;
  const Bars bars = MergeBuckets(*chart.histogram, chart.max_bars);
  const TimeScale scale(bars.start,
                        bars.start + static_cast<Micros>(bars.counts.size()) * bars.width);
  html->Open("svg", {{"class", "chart timeline"},
                     {"viewBox", fmt::format("0 0 {} {}", kWidth, kHeight)},
                     {"role", "img"},
                     {"aria-label", "Failed (up) and successful (down) attempts over time"}});
  WriteBands(chart, scale, html);
  WriteBars(bars, scale, html);
  WriteScaleLabels(bars, html);
  WriteMarks(chart, scale, html);
  WriteAxisLabels(scale, html);
  html->Close("svg");
  return bars.width;
}

void WriteBarChart(std::string_view title, const std::vector<LabelCount>& rows, HtmlWriter* html) {
  if (rows.empty()) return;
  uint64_t max = 0;
  for (const LabelCount& row : rows) max = std::max(max, row.count);
  const double height = kBarRow * static_cast<double>(rows.size()) + 4;
  const double room = kBarWidth - kBarLabel - 56;
  html->Open("svg", {{"class", "chart bars"},
                     {"viewBox", fmt::format("0 0 {} {}", kBarWidth, Num(height))},
                     {"role", "img"},
                     {"aria-label", title}});
  for (size_t i = 0; i < rows.size(); ++i) {
    const LabelCount& row = rows[i];
    const double y = kBarRow * static_cast<double>(i) + 2;
    const double w =
        max == 0 ? 0
                 : std::max(1.0, room * static_cast<double>(row.count) / static_cast<double>(max));
    html->Open("g");
    html->Element("title", fmt::format("{}: {}", row.label, row.count));
    html->Element("text", {{"x", Num(kBarLabel - 6)}, {"y", Num(y + 15)}, {"text-anchor", "end"}},
                  TruncateForDisplay(row.label, kBarLabelChars));
    html->Empty("rect", {{"x", Num(kBarLabel)},
                         {"y", Num(y + 3)},
                         {"width", Num(w)},
                         {"height", Num(kBarRow - 6)}});
    html->Element("text", {{"x", Num(kBarLabel + w + 4)}, {"y", Num(y + 15)}},
                  fmt::format("{}", row.count));
    html->Close("g");
  }
  html->Close("svg");
}

}  // namespace spraytrace::report
