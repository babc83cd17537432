// RateChange on hourly counts: a steady rhythm stays quiet, a campaign's rise is dated to the
// hour it began and its end to the hour the rate came back.
#include "detect/rate_change.h"

#include <gtest/gtest.h>

#include "event/file_table.h"

namespace spraytrace::detect {
namespace {

constexpr Timestamp kT0 = 1'709'596'800 * kMicrosPerSecond;  // a whole hour
constexpr Micros kHour = kMicrosPerHour;

// `per_hour[h]` events spread over hour h from kT0.
void Feed(RateChange* rate, int first_hour, int hours, int per_hour) {
  for (int h = first_hour; h < first_hour + hours; ++h) {
    for (int i = 0; i < per_hour; ++i) {
      rate->Count(kT0 + h * kHour + i * (kHour / (per_hour + 1)));
    }
  }
  rate->Advance(kT0 + (first_hour + hours) * kHour);
}

TEST(RateChange, DailyRhythmIsNotAChange) {
  RateChange rate;
  for (int day = 0; day < 7; ++day) {
    Feed(&rate, day * 24, 8, 1);       // night
    Feed(&rate, day * 24 + 8, 10, 6);  // working hours: typos and new places
    Feed(&rate, day * 24 + 18, 6, 3);  // evening
    EXPECT_FALSE(rate.raised()) << "day " << day;
  }
}

TEST(RateChange, CampaignIsBracketedFromItsFirstHour) {
  RateChange rate;
  Feed(&rate, 0, 48, 2);
  EXPECT_FALSE(rate.raised());
  Feed(&rate, 48, 3, 40);  // the routers start: 40 guesses an hour
  ASSERT_TRUE(rate.raised());
  EXPECT_EQ(rate.change_start(), kT0 + 48 * kHour);
  EXPECT_EQ(rate.change_end(), 0);
  EXPECT_NEAR(rate.baseline_per_hour(), 2.0, 0.01);
  Feed(&rate, 51, 20, 40);
  EXPECT_TRUE(rate.raised());  // a long campaign does not become the baseline
  EXPECT_EQ(rate.peak_per_hour(), 40);
  Feed(&rate, 71, 30, 2);
  EXPECT_FALSE(rate.raised());
  EXPECT_EQ(rate.change_start(), kT0 + 48 * kHour);
  EXPECT_EQ(rate.change_end(), kT0 + 71 * kHour);
}

TEST(RateChange, NoAlarmWhileLearningTheBaseline) {
  RateChange rate;
  Feed(&rate, 0, RateChange::kWarmupBuckets, 30);  // starts in the middle of a campaign
  EXPECT_FALSE(rate.raised());
  Feed(&rate, RateChange::kWarmupBuckets, 24, 30);
  EXPECT_FALSE(rate.raised());  // steady: it is the baseline as far as this run knows
}

TEST(RateChange, SlowCreepOfOneHourIsNotAChange) {
  RateChange rate;
  Feed(&rate, 0, 48, 4);
  Feed(&rate, 48, 1, 9);  // one busy hour
  Feed(&rate, 49, 24, 4);
  EXPECT_FALSE(rate.raised());
}

// State across runs: a raised CUSUM saved mid-campaign goes on exactly as if never saved.
TEST(RateChange, SavedMidRiseGoesOnTheSame) {
  RateChange rate;
  for (int day = 0; day < 2; ++day) Feed(&rate, day * 24, 24, 2);
  Feed(&rate, 48, 5, 40);
  ASSERT_TRUE(rate.raised());
  StringPool pool;
  FileTable files;
  store::StateEncoder out(&pool, &files);
  rate.Save(&out);
  const std::string body = std::move(out).Finish();
  RateChange restored;
  store::StateDecoder in(body, &pool, &files);
  ASSERT_TRUE(restored.Load(&in)) << in.error();
  EXPECT_TRUE(restored == rate);
  Feed(&rate, 53, 6, 2);
  Feed(&restored, 53, 6, 2);
  EXPECT_FALSE(restored.raised());
  EXPECT_EQ(restored.change_start(), rate.change_start());
  EXPECT_EQ(restored.change_end(), rate.change_end());
  EXPECT_TRUE(restored == rate);
}

}  // namespace
}  // namespace spraytrace::detect
