// The report's timeline counts: hourly while the span allows, coarser (never bigger) beyond.
#include "report/event_histogram.h"

#include <gtest/gtest.h>

namespace spraytrace::report {
namespace {

Timestamp At(int day, int hour, int minute = 0) {
  return ToTimestamp(CivilTime{2026, 11, day, hour, minute, 0, 0});
}

uint64_t TotalFailures(const EventHistogram& h) {
  uint64_t n = 0;
  for (const auto& b : h.buckets()) n += b.failures;
  return n;
}

TEST(EventHistogram, CountsFailuresAndSuccessesPerMinuteForShortRuns) {
  EventHistogram h;
  h.Add(At(2, 10, 5), false);
  h.Add(At(2, 10, 5) + 59 * kMicrosPerSecond, false);
  h.Add(At(2, 10, 6), true);
  h.Add(At(2, 10, 9), false);
  EXPECT_EQ(h.width(), kMicrosPerMinute);
  EXPECT_EQ(h.origin(), At(2, 10, 5));
  ASSERT_EQ(h.buckets().size(), 5u);
  EXPECT_EQ(h.buckets()[0].failures, 2u);
  EXPECT_EQ(h.buckets()[1].successes, 1u);
  EXPECT_EQ(h.buckets()[2].failures + h.buckets()[3].failures, 0u);
  EXPECT_EQ(h.buckets()[4].failures, 1u);
}

TEST(EventHistogram, EarlierEventsPrependBuckets) {
  EventHistogram h;
  h.Add(At(3, 0, 10), false);
  h.Add(At(3, 0, 7), true);  // an older rotated file read second
  EXPECT_EQ(h.origin(), At(3, 0, 7));
  ASSERT_EQ(h.buckets().size(), 4u);
  EXPECT_EQ(h.buckets()[0].successes, 1u);
  EXPECT_EQ(h.buckets()[3].failures, 1u);
}

TEST(EventHistogram, ThreeDaysKeepFiveMinutes) {
  EventHistogram h;
  for (int i = 0; i < 3 * 24 * 60; ++i) h.Add(At(2, 0) + i * kMicrosPerMinute, false);
  EXPECT_EQ(h.width(), 5 * kMicrosPerMinute);
  EXPECT_EQ(h.buckets().size(), 3u * 24 * 12);
  EXPECT_EQ(h.buckets()[100].failures, 5u);
}

TEST(EventHistogram, LongSpansCoarsenInsteadOfGrowing) {
  EventHistogram h;
  // One event an hour for 200 days: 4800 hours need 3 h buckets to fit in 2048.
  for (int i = 0; i < 4800; ++i) h.Add(At(1, 0) + i * kMicrosPerHour, i % 2 == 0);
  EXPECT_LE(h.buckets().size(), EventHistogram::kMaxBuckets);
  EXPECT_EQ(h.width(), 3 * kMicrosPerHour);
  EXPECT_EQ(h.origin() % h.width(), 0);
  EXPECT_EQ(TotalFailures(h), 2400u);
  for (size_t i = 0; i < h.buckets().size(); ++i) {
    EXPECT_EQ(h.buckets()[i].failures + h.buckets()[i].successes, 3u) << i;
  }
}

TEST(EventHistogram, WidthLadderNestsAndThenDoubles) {
  Micros w = kMicrosPerMinute;
  for (int i = 0; i < 12; ++i) {
    const Micros next = NextBucketWidth(w);
    EXPECT_EQ(next % w, 0) << w;
    w = next;
  }
  EXPECT_EQ(NextBucketWidth(kMicrosPerDay), 2 * kMicrosPerDay);
  EXPECT_EQ(NextBucketWidth(15 * kMicrosPerMinute), kMicrosPerHour);
}

TEST(EventHistogram, AWildTimestampStaysBounded) {
  EventHistogram h;
  h.Add(At(2, 10), false);
  h.Add(ToTimestamp(CivilTime{1970, 1, 1, 0, 0, 0, 0}), false);  // a misparsed year
  h.Add(ToTimestamp(CivilTime{9999, 12, 31, 23, 0, 0, 0}), true);
  EXPECT_LE(h.buckets().size(), EventHistogram::kMaxBuckets);
  EXPECT_EQ(TotalFailures(h), 2u);
  EXPECT_EQ(h.buckets().back().successes, 1u);
}

TEST(EventHistogram, MergeAddsCountsAcrossWidths) {
  EventHistogram hourly, coarse;
  hourly.Add(At(2, 10), false);
  hourly.Add(At(2, 11), true);
  for (int i = 0; i < 3000; ++i) coarse.Add(At(1, 0) + i * kMicrosPerHour, false);  // 1 h wide
  hourly.Merge(coarse);
  EXPECT_EQ(hourly.width(), coarse.width());
  EXPECT_EQ(TotalFailures(hourly), 3001u);
  uint64_t successes = 0;
  for (const auto& b : hourly.buckets()) successes += b.successes;
  EXPECT_EQ(successes, 1u);

  EventHistogram empty;
  empty.Merge(hourly);
  EXPECT_EQ(TotalFailures(empty), 3001u);
  EXPECT_EQ(empty.origin(), hourly.origin());
}

}  // namespace
}  // namespace spraytrace::report
