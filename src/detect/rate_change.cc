#include "detect/rate_change.h"

#include <algorithm>
#include <cmath>

namespace spraytrace::detect {
namespace {

// One hour of the day is seen once a day: a weight of a week of days.
constexpr double kMeanWeight = 1.0 / 7;

}  // namespace

void RateChange::Count(Timestamp time) {
  if (bucket_start_ == 0) bucket_start_ = time - time % kBucket;
  Advance(time);
  bucket_count_ += 1;
}

void RateChange::Advance(Timestamp now) {
  if (bucket_start_ == 0) return;
  while (now >= bucket_start_ + kBucket) {
    CloseBucket(bucket_count_);
    bucket_count_ = 0;
    bucket_start_ += kBucket;
  }
}

void RateChange::CloseBucket(double count) {
  const Timestamp bucket_end = bucket_start_ + kBucket;
  const auto hour = static_cast<size_t>((bucket_start_ % kMicrosPerDay) / kBucket);
  double& mean = mean_[hour];
  ++buckets_seen_;
  if (buckets_seen_ <= kWarmupBuckets) {
    mean = count;
    last_zero_ = bucket_end;
    return;
  }
  const double sigma = std::max(1.0, std::sqrt(mean));
  if (raised_) {
    peak_ = std::max(peak_, count);
    quiet_ = count <= mean + 2 * sigma ? quiet_ + 1 : 0;
    if (quiet_ >= kQuietBuckets) {
      raised_ = false;
      change_end_ = bucket_end - kQuietBuckets * kBucket;  // the start of the first quiet hour
      sum_ = 0;
      last_zero_ = bucket_end;
    }
    return;
  }
  sum_ = std::max(0.0, sum_ + count - mean - 0.5 * sigma);
  if (sum_ > 5 * sigma) {
    raised_ = true;
    change_start_ = last_zero_;
    change_end_ = 0;
    peak_ = count;
    quiet_ = 0;
    baseline_ = mean_[static_cast<size_t>((change_start_ % kMicrosPerDay) / kBucket)];
    return;
  }
  if (sum_ == 0) last_zero_ = bucket_end;
  mean += kMeanWeight * (count - mean);
}

void RateChange::Save(store::StateEncoder* out) const {
  out->BeginSection("rate_change");
  out->PutI64(bucket_start_);
  out->PutDouble(bucket_count_);
  out->PutU64(static_cast<uint64_t>(buckets_seen_));
  for (const double mean : mean_) out->PutDouble(mean);
  out->PutDouble(sum_);
  out->PutU64(static_cast<uint64_t>(quiet_));
  out->PutDouble(baseline_);
  out->PutI64(last_zero_);
  out->PutBool(raised_);
  out->PutI64(change_start_);
  out->PutI64(change_end_);
  out->PutDouble(peak_);
  out->EndSection();
}

bool RateChange::Load(store::StateDecoder* in) {
  *this = RateChange();
  if (!in->EnterSection("rate_change")) return false;
  bucket_start_ = in->I64();
  bucket_count_ = in->Double();
  buckets_seen_ = static_cast<int>(std::min<uint64_t>(in->U32(), 1u << 30));
  for (double& mean : mean_) mean = in->Double();
  sum_ = in->Double();
  quiet_ = static_cast<int>(std::min<uint64_t>(in->U32(), 1u << 30));
  baseline_ = in->Double();
  last_zero_ = in->I64();
  raised_ = in->Bool();
  change_start_ = in->I64();
  change_end_ = in->I64();
  peak_ = in->Double();
  // Advance() walks hour by hour from bucket_start_: a damaged start must not make it walk for
  // ever.
  if (bucket_start_ < 0 || bucket_start_ % kBucket != 0) in->Fail("rate bucket start");
  return in->LeaveSection();
}

}  // namespace spraytrace::detect
