#include "report/event_histogram.h"

namespace spraytrace::report {
namespace {

// Largest multiple of width at or before time (also for times before the epoch).
Timestamp AlignDown(Timestamp time, Micros width) {
  const Timestamp r = time % width;
  return r < 0 ? time - r - width : time - r;
}

}  // namespace

Micros NextBucketWidth(Micros width) {
  static constexpr Micros kLadder[] = {
      kMicrosPerMinute,   5 * kMicrosPerMinute, 15 * kMicrosPerMinute, kMicrosPerHour,
      3 * kMicrosPerHour, 6 * kMicrosPerHour,   12 * kMicrosPerHour,   kMicrosPerDay};
  for (Micros step : kLadder) {
    if (step > width) return step;
  }
  return 2 * width;
}

void EventHistogram::Add(Timestamp time, const Bucket& counts) {
  Bucket& bucket = buckets_[IndexFor(time)];
  bucket.failures += counts.failures;
  bucket.successes += counts.successes;
}

size_t EventHistogram::IndexFor(Timestamp time) {
  if (buckets_.empty()) {
    origin_ = AlignDown(time, width_);
    buckets_.resize(1);
    return 0;
  }
  // An event before the first one (files given out of order): prepend buckets.
  while (time < origin_) {
    const Timestamp start = AlignDown(time, width_);
    const auto prepend = static_cast<size_t>((origin_ - start) / width_);
    if (buckets_.size() + prepend > kMaxBuckets) {
      Coarsen();
      continue;
    }
    buckets_.insert(buckets_.begin(), prepend, Bucket{});
    origin_ = start;
  }
  auto index = static_cast<size_t>((time - origin_) / width_);
  while (index >= kMaxBuckets) {
    Coarsen();
    index = static_cast<size_t>((time - origin_) / width_);
  }
  if (index >= buckets_.size()) buckets_.resize(index + 1);
  return index;
}

void EventHistogram::Coarsen() {
  const Micros wider = NextBucketWidth(width_);
  if (buckets_.empty()) {
    width_ = wider;
    return;
  }
  const Timestamp start = AlignDown(origin_, wider);
  const auto merged_index = [&](size_t i) {
    return static_cast<size_t>((origin_ + static_cast<Micros>(i) * width_ - start) / wider);
  };
  std::vector<Bucket> merged(merged_index(buckets_.size() - 1) + 1);
  for (size_t i = 0; i < buckets_.size(); ++i) {
    Bucket& into = merged[merged_index(i)];
    into.failures += buckets_[i].failures;
    into.successes += buckets_[i].successes;
  }
  buckets_ = std::move(merged);
  origin_ = start;
  width_ = wider;
}

void EventHistogram::Merge(const EventHistogram& other) {
  if (other.empty()) return;
  while (width_ < other.width_) Coarsen();
  for (size_t i = 0; i < other.buckets_.size(); ++i) {
    const Bucket& b = other.buckets_[i];
    if (b.failures == 0 && b.successes == 0) continue;
    Add(other.origin_ + static_cast<Micros>(i) * other.width_, b);
  }
}

}  // namespace spraytrace::report
