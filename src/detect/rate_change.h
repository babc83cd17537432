// RateChange: a one-sided CUSUM (Page 1954; as Javed & Paxson, CCS 2013, used it on SSH failure
// rates) over hourly counts of suspect failures, so a distributed campaign is bracketed in time
// by the rise of a collective rate even when no source and no account stands out.
//
// The baseline is learned per hour of the day (people type passwords wrong at work, not at 3 am):
// the first day's count, then an exponential average over about a week of days, frozen while
// the rate is raised. Counts are taken as Poisson: the allowance k is half a standard deviation
// and the alarm threshold h five, both at least 1 failure per hour. The change is dated to the
// last hour the sum was zero before it crossed h; it ends after kQuietBuckets hours in a row
// back within two standard deviations of the baseline. Plain value type, no allocation.
#ifndef SPRAYTRACE_DETECT_RATE_CHANGE_H_
#define SPRAYTRACE_DETECT_RATE_CHANGE_H_

#include <array>
#include <cstdint>

#include "event/timestamp.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {

class RateChange {
 public:
  static constexpr Micros kBucket = kMicrosPerHour;
  // Hours of history before an alarm may be raised: a day, so the daily rhythm is in the mean.
  static constexpr int kWarmupBuckets = 24;
  static constexpr int kQuietBuckets = 3;

  // Counts one event at `time`. Times may go backwards by less than a bucket; older ones count
  // in the current bucket.
  void Count(Timestamp time);
  // Closes every bucket that ended at or before `now`.
  void Advance(Timestamp now);

  bool raised() const { return raised_; }
  // While raised (or after): when the rise started, and the rates around it.
  Timestamp change_start() const { return change_start_; }
  Timestamp change_end() const { return change_end_; }  // 0 while still raised
  // The baseline of the hour the change started in.
  double baseline_per_hour() const { return baseline_; }
  double peak_per_hour() const { return peak_; }

  // State across runs (in rate_change.cc).
  void Save(store::StateEncoder* out) const;
  bool Load(store::StateDecoder* in);
  bool operator==(const RateChange&) const = default;

 private:
  void CloseBucket(double count);

  Timestamp bucket_start_ = 0;  // 0 = no bucket yet
  double bucket_count_ = 0;
  int buckets_seen_ = 0;
  std::array<double, 24> mean_{};  // per hour of the day (UTC)
  double sum_ = 0;
  int quiet_ = 0;  // buckets in a row back at the baseline, while raised
  double baseline_ = 0;
  Timestamp last_zero_ = 0;  // end of the last bucket after which the sum was zero
  bool raised_ = false;
  Timestamp change_start_ = 0;
  Timestamp change_end_ = 0;
  double peak_ = 0;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_RATE_CHANGE_H_
