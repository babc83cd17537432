#include "parse/syslog/year_tracker.h"

#include <gtest/gtest.h>

namespace spraytrace::parse {
namespace {

TEST(YearTracker, FirstRecordTakesHintYear) {
  YearTracker years(YearHint{2024, 3, false});
  EXPECT_EQ(years.YearFor(3, 27), 2024);
}

TEST(YearTracker, FirstRecordAfterHintMonthIsPreviousYear) {
  YearTracker years(YearHint{2026, 1, false});
  EXPECT_EQ(years.YearFor(12, 30), 2025);
  EXPECT_EQ(years.YearFor(12, 31), 2025);
  EXPECT_EQ(years.YearFor(1, 1), 2026);
}

TEST(YearTracker, ForcedHintIsExact) {
  YearTracker years(YearHint{2026, 1, true});
  EXPECT_EQ(years.YearFor(12, 30), 2026);
}

TEST(YearTracker, DecemberToJanuaryAdvances) {
  YearTracker years(YearHint{2024, 12, false});
  EXPECT_EQ(years.YearFor(12, 31), 2024);
  EXPECT_EQ(years.YearFor(1, 1), 2025);
  EXPECT_EQ(years.YearFor(2, 3), 2025);
}

TEST(YearTracker, SmallStepBackKeepsYear) {
  YearTracker years(YearHint{2015, 12, false});
  EXPECT_EQ(years.YearFor(12, 1), 2015);
  EXPECT_EQ(years.YearFor(11, 30), 2015);  // out of order across the end of November
  EXPECT_EQ(years.YearFor(12, 1), 2015);
}

TEST(YearTracker, LateLineAcrossNewYearGoesBackOnlyOnce) {
  YearTracker years(YearHint{2024, 12, false});
  EXPECT_EQ(years.YearFor(12, 31), 2024);
  EXPECT_EQ(years.YearFor(1, 1), 2025);
  EXPECT_EQ(years.YearFor(12, 31), 2024);  // written at 23:59:59, arrived late
  EXPECT_EQ(years.YearFor(1, 1), 2025);
}

TEST(YearTracker, NeverGoesBeforeFirstYear) {
  YearTracker years(YearHint{2024, 12, false});
  EXPECT_EQ(years.YearFor(1, 5), 2024);
  EXPECT_EQ(years.YearFor(9, 5), 2024);  // sparse file: a long gap, not a late line
}

TEST(YearTracker, RolloverTwiceInLongFile) {
  YearTracker years(YearHint{2020, 12, true});
  EXPECT_EQ(years.YearFor(11, 1), 2020);
  EXPECT_EQ(years.YearFor(2, 1), 2021);
  EXPECT_EQ(years.YearFor(7, 1), 2021);
  EXPECT_EQ(years.YearFor(12, 1), 2021);
  EXPECT_EQ(years.YearFor(1, 1), 2022);
}

TEST(YearTracker, Feb29OnlyInLeapYears) {
  YearTracker leap(YearHint{2024, 3, false});
  EXPECT_EQ(leap.YearFor(2, 29), 2024);
  YearTracker plain(YearHint{2025, 3, false});
  EXPECT_EQ(plain.YearFor(2, 29), 0);
  EXPECT_EQ(plain.YearFor(3, 1), 2025);
}

TEST(YearTracker, ImpossibleDatesAreRejectedWithoutMovingTheTracker) {
  YearTracker years(YearHint{2024, 12, false});
  EXPECT_EQ(years.YearFor(12, 31), 2024);
  EXPECT_EQ(years.YearFor(2, 30), 0);
  EXPECT_EQ(years.YearFor(4, 31), 0);
  EXPECT_EQ(years.YearFor(13, 1), 0);
  EXPECT_EQ(years.YearFor(0, 1), 0);
  EXPECT_EQ(years.YearFor(12, 0), 0);
  EXPECT_EQ(years.YearFor(12, 31), 2024);
}

TEST(YearTracker, ResetStartsOver) {
  YearTracker years(YearHint{2024, 12, false});
  EXPECT_EQ(years.YearFor(12, 31), 2024);
  EXPECT_EQ(years.YearFor(1, 1), 2025);
  years.Reset(YearHint{2024, 12, false});
  EXPECT_EQ(years.YearFor(1, 1), 2024);
}

}  // namespace
}  // namespace spraytrace::parse
