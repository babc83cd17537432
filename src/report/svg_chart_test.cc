// The report's SVG charts: what they draw from the counts, and that labels stay text.
#include "report/svg_chart.h"

#include <gtest/gtest.h>

#include "report/report_test_support.h"

namespace spraytrace::report {
namespace {

using fixtures::At;

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(Timeline, DrawsOneBarPerHourWithFailuresUpAndSuccessesDown) {
  EventHistogram h;
  for (int hour = 0; hour < 24; ++hour) {
    for (int k = 0; k <= hour; ++k) h.Add(At(3, hour, k), false);
    if (hour % 2 == 0) h.Add(At(3, hour, 30), true);
  }
  TimelineChart chart;
  chart.histogram = &h;
  chart.max_bars = 24;  // the minute buckets of a day merge into hours
  HtmlWriter html;
  EXPECT_EQ(WriteTimeline(chart, &html), kMicrosPerHour);
  const std::string svg = html.str();
  EXPECT_EQ(Count(svg, "<rect class=\"f\""), 24u);
  EXPECT_EQ(Count(svg, "<rect class=\"s\""), 12u);
  // The scale labels name the largest bar of each kind.
  EXPECT_NE(svg.find(">24</text>"), std::string::npos);
  EXPECT_NE(svg.find("2026-11-03T23:00:00Z .. 2026-11-04T00:00:00Z: 24 failed, 0 succeeded"),
            std::string::npos);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
}

TEST(Timeline, MergesBucketsBeyondMaxBars) {
  EventHistogram h;
  for (int i = 0; i < 30 * 24; ++i) h.Add(At(1, 0) + i * kMicrosPerHour, false);  // 30 days
  TimelineChart chart;
  chart.histogram = &h;
  chart.max_bars = 100;
  HtmlWriter html;
  // 1 h would be 720 bars, 3 h 240, 6 h 120: 12 h is the first width on the ladder that fits.
  EXPECT_EQ(WriteTimeline(chart, &html), 12 * kMicrosPerHour);
  EXPECT_EQ(Count(html.str(), "<rect class=\"f\""), 60u);
}

TEST(Timeline, MarksCampaignBandsAndCompromisesWithEscapedLabels) {
  EventHistogram h;
  h.Add(At(3, 0), false);
  h.Add(At(3, 23), true);
  TimelineChart chart;
  chart.histogram = &h;
  chart.max_bars = 24;
  chart.bands.push_back({At(3, 6), At(3, 12), "campaign 1", "<b>id</b>"});
  chart.marks.push_back({At(3, 9), "compromised: \"><img src=x onerror=alert(1)>"});
  HtmlWriter html;
  WriteTimeline(chart, &html);
  const std::string svg = html.str();
  EXPECT_EQ(svg.find("<img"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("<title>&lt;b&gt;id&lt;/b&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"compromised: &quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""),
            std::string::npos);
  // The band spans 6 of the 24 hours of the plot (892 units wide from x=56): 223 units.
  EXPECT_NE(svg.find("<rect x=\"279.0\" y=\"6.0\" width=\"223.0\""), std::string::npos) << svg;
}

TEST(Timeline, EmptyHistogramDrawsNothing) {
  EventHistogram h;
  TimelineChart chart;
  chart.histogram = &h;
  HtmlWriter html;
  EXPECT_EQ(WriteTimeline(chart, &html), 0);
  EXPECT_TRUE(html.str().empty());
}

TEST(BarChart, ScalesBarsToTheLargestAndShortensLongLabels) {
  const std::string hostile = "<script>alert(1)</script>-and-a-very-long-tail";
  HtmlWriter html;
  WriteBarChart("Accounts", {{hostile, 40}, {"root", 10}}, &html);
  const std::string svg = html.str();
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  // The full name in the tooltip, a shortened one on the axis.
  EXPECT_NE(svg.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;-and-a-very-long-tail: 40"),
            std::string::npos);
  EXPECT_NE(svg.find(">&lt;script&gt;alert(1)&lt;/script&gt;\xE2\x80\xA6</text>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("width=\"248.0\""), std::string::npos);  // the largest bar: full width
  EXPECT_NE(svg.find("width=\"62.0\""), std::string::npos);   // a quarter of it
}

TEST(AxisLabel, DatesAtMidnightAndClockTimesOtherwise) {
  EXPECT_EQ(AxisLabel(At(3, 0)), "Nov 3");
  EXPECT_EQ(AxisLabel(At(3, 6)), "06:00");
}

}  // namespace
}  // namespace spraytrace::report
