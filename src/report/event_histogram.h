// EventHistogram: failed and successful attempts per time bucket over a run, for the HTML
// report's timeline.
//
// Buckets start one minute wide and are aligned to multiples of their width since the epoch.
// When the span seen would need more than kMaxBuckets, the width steps up the ladder 1 min, 5 min,
// 15 min, 1 h, 3 h, 6 h, 12 h, 1 d, 2 d, 4 d, ... and neighbouring buckets merge, so memory stays
// under kMaxBuckets buckets (32 KB) whatever the span; one bad timestamp years away coarsens the
// chart instead of growing it. A 3-day scan keeps 5-minute buckets, 85 days hourly ones.
// Add() is O(1) except for that rare re-bucketing. Not thread-safe; Merge() combines per-thread
// histograms exactly, since every width is a multiple of the narrower ones.
#ifndef SPRAYTRACE_REPORT_EVENT_HISTOGRAM_H_
#define SPRAYTRACE_REPORT_EVENT_HISTOGRAM_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "event/timestamp.h"

namespace spraytrace::report {

// The next width on the ladder above.
Micros NextBucketWidth(Micros width);

class EventHistogram {
 public:
  static constexpr size_t kMaxBuckets = 2048;

  struct Bucket {
    uint64_t failures = 0;
    uint64_t successes = 0;
  };

  void Add(Timestamp time, bool success) { Add(time, success ? Bucket{0, 1} : Bucket{1, 0}); }
  void Add(Timestamp time, const Bucket& counts);
  void Merge(const EventHistogram& other);

  bool empty() const { return buckets_.empty(); }
  Micros width() const { return width_; }
  // Start of buckets()[0]; a multiple of width().
  Timestamp origin() const { return origin_; }
  // Consecutive buckets from origin(), the last one holding the latest event; never more than
  // kMaxBuckets.
  const std::vector<Bucket>& buckets() const { return buckets_; }

 private:
  // Makes room for time and returns its bucket index.
  size_t IndexFor(Timestamp time);
  void Coarsen();

  Timestamp origin_ = 0;
  Micros width_ = kMicrosPerMinute;
  std::vector<Bucket> buckets_;
};

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_EVENT_HISTOGRAM_H_
