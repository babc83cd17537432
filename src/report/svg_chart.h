// The HTML report's charts, drawn as inline SVG into an HtmlWriter: no script, no external
// file, readable printed and (inside a scrolling box) on a phone. Labels from logs are escaped
// by the writer, in text and in attributes alike. Pure functions; thread-compatible.
#ifndef SPRAYTRACE_REPORT_SVG_CHART_H_
#define SPRAYTRACE_REPORT_SVG_CHART_H_

#include <string>
#include <string_view>
#include <vector>

#include "event/timestamp.h"
#include "report/event_histogram.h"
#include "report/html_writer.h"
#include "report/report_model.h"

namespace spraytrace::report {

// A stretch of time to shade, such as a campaign's window.
struct TimeBand {
  Timestamp start = 0;
  Timestamp end = 0;
  std::string label;    // short, drawn above the band ("campaign 1")
  std::string tooltip;  // the rest, on hover
};

// An instant to mark on the axis, such as a compromised account's login.
struct TimeMark {
  Timestamp time = 0;
  std::string tooltip;
};

struct TimelineChart {
  const EventHistogram* histogram = nullptr;
  std::vector<TimeBand> bands;
  std::vector<TimeMark> marks;
  size_t max_bars = 168;  // neighbouring buckets merge beyond this
};

// Failures as bars above the axis, successes below it (each with its own scale, labelled), the
// bands behind them and the marks on the axis. Returns the time one bar covers; writes nothing
// and returns 0 when the histogram is empty.
Micros WriteTimeline(const TimelineChart& chart, HtmlWriter* html);

// Horizontal bars, one per row, largest first as given; labels longer than a chart can hold are
// shortened with the full text in a tooltip. `title` names the chart for screen readers.
void WriteBarChart(std::string_view title, const std::vector<LabelCount>& rows, HtmlWriter* html);

// Chart time labels: "Nov 3" at midnight, else "06:00" (UTC).
std::string AxisLabel(Timestamp time);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_SVG_CHART_H_
