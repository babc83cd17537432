// Sliding event-time windows over one source's failures, for the brute-force burst rule.
//
// BurstWindow keeps the `capacity` most recent failure times (capacity = brute_force
// max_failures), sorted, so "max_failures failures within find_window" is one subtraction per
// failure. Late events are inserted in order; a failure older than all `capacity` kept ones only
// counts in the source's totals (approximation for disorder beyond max_failures events).
//
// RateCounter approximates the number of failures in the last window with 16 sub-buckets, for
// the peak rate shown in summaries and used for confidence. It never under-counts the exact
// sliding count and over-counts by at most two sub-buckets (1/8 of the window) of events.
//
// Both are bounded (capacity entries; 17 counters). Not thread-safe; plain value types.
#ifndef SPRAYTRACE_DETECT_BURST_WINDOW_H_
#define SPRAYTRACE_DETECT_BURST_WINDOW_H_

#include <array>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "common/duration.h"
#include "event/timestamp.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {

class BurstWindow {
 public:
  // Records a failure on account `slot` (kNoAccount allowed). Returns true when the failure was
  // kept and the `capacity` most recent failures now lie within `window` (last - first <= window).
  bool Add(Timestamp time, uint32_t slot, size_t capacity, Micros window);
  // When the kept failures involve at most two accounts, writes them to *slots (sorted; unused
  // entries are UINT32_MAX, i.e. kNoAccount) and returns true. A failure without a tracked account
  // (kNoAccount) counts as an account of its own, so it never makes a burst look concentrated.
  bool Concentrated(std::array<uint32_t, 2>* slots) const;

  // State across runs (source_state_codec.cc). Load fails on a slot >= accounts that is not
  // kNoAccount, or times out of order.
  void Save(store::StateEncoder* out) const;
  bool Load(store::StateDecoder* in, size_t accounts);
  bool operator==(const BurstWindow&) const = default;

 private:
  std::vector<std::pair<Timestamp, uint32_t>> entries_;  // sorted by time
};

class RateCounter {
 public:
  // Counts one event at `time`; returns the approximate count within [time - window, time].
  uint32_t Add(Timestamp time, Micros window);

  void Save(store::StateEncoder* out) const;
  bool Load(store::StateDecoder* in);
  bool operator==(const RateCounter&) const = default;

 private:
  static constexpr int64_t kBuckets = 16;
  static constexpr int64_t kSlots = kBuckets + 1;

  std::array<uint32_t, kSlots> counts_{};
  int64_t head_ = std::numeric_limits<int64_t>::min();  // newest bucket index
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_BURST_WINDOW_H_
