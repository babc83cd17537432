// RangeTable: maps inclusive key ranges (address ranges) to a value, answered by binary search.
//
// Build() sorts the ranges; where they overlap, the most specific wins at each point: the range
// that starts last, and among those the shortest (a /24 inside a /16 answers for the /24, the
// /16 for the rest); of identical ranges, the one given last. Overlaps are flattened once, at build
// time, into disjoint segments, so a lookup is always one binary search. Keys are uint32_t (IPv4)
// or U128 (IPv6). Immutable after Build(); safe to share between threads then.
#ifndef SPRAYTRACE_CORRELATE_RANGE_TABLE_H_
#define SPRAYTRACE_CORRELATE_RANGE_TABLE_H_

#include <algorithm>
#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "event/ip_address.h"

namespace spraytrace::correlate {

// An IPv6 address as a 128-bit number, for ordering and stepping by one.
struct U128 {
  uint64_t hi = 0;
  uint64_t lo = 0;
  static U128 Of(const IpAddress& ip) {
    U128 k;
    for (int i = 0; i < 8; ++i) k.hi = k.hi << 8 | ip.bytes()[i];
    for (int i = 8; i < 16; ++i) k.lo = k.lo << 8 | ip.bytes()[i];
    return k;
  }
  auto operator<=>(const U128&) const = default;
};

inline bool IsMaxKey(uint32_t k) { return k == std::numeric_limits<uint32_t>::max(); }
inline bool IsMaxKey(const U128& k) { return ~k.hi == 0 && ~k.lo == 0; }
// REQUIRES: !IsMaxKey(k).
inline uint32_t NextKey(uint32_t k) { return k + 1; }
inline U128 NextKey(const U128& k) {
  return k.lo == ~uint64_t{0} ? U128{k.hi + 1, 0} : U128{k.hi, k.lo + 1};
}
// REQUIRES: k is not 0.
inline uint32_t PrevKey(uint32_t k) { return k - 1; }
inline U128 PrevKey(const U128& k) {
  return k.lo == 0 ? U128{k.hi - 1, ~uint64_t{0}} : U128{k.hi, k.lo - 1};
}

template <typename Key>
struct KeyRange {
  Key start{};
  Key end{};  // inclusive; start <= end
  uint32_t value = 0;
};

template <typename Key>
class RangeTable {
 public:
  // REQUIRES: start <= end in every range.
  void Build(std::vector<KeyRange<Key>> ranges);
  // The value of the most specific range holding key, or nullopt.
  std::optional<uint32_t> Find(const Key& key) const;
  // Disjoint segments after flattening, in order.
  const std::vector<KeyRange<Key>>& segments() const { return segments_; }
  bool had_overlaps() const { return had_overlaps_; }

 private:
  static std::vector<KeyRange<Key>> Flatten(const std::vector<KeyRange<Key>>& sorted);
  std::vector<KeyRange<Key>> segments_;
  bool had_overlaps_ = false;
};

template <typename Key>
void RangeTable<Key>::Build(std::vector<KeyRange<Key>> ranges) {
  // Start ascending; at one start the widest first, so narrower ranges stack above it.
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const KeyRange<Key>& a, const KeyRange<Key>& b) {
                     return a.start != b.start ? a.start < b.start : a.end > b.end;
                   });
  had_overlaps_ = false;
  for (size_t i = 1; i < ranges.size(); ++i) {
    if (ranges[i].start <= ranges[i - 1].end) {
      had_overlaps_ = true;
      break;
    }
  }
  segments_ = had_overlaps_ ? Flatten(ranges) : std::move(ranges);
}

// A sweep over ranges in start order with a stack of the open ones: the top of the stack is the
// most specific range open at the cursor. Segments up to each new start are emitted from the
// top; ranges that ended before the cursor are popped without output (they were shadowed).
template <typename Key>
std::vector<KeyRange<Key>> RangeTable<Key>::Flatten(const std::vector<KeyRange<Key>>& sorted) {
  std::vector<KeyRange<Key>> out;
  std::vector<const KeyRange<Key>*> open;
  Key cursor{};
  bool past_end = false;  // cursor stepped beyond the largest key
  auto emit_until = [&](const Key& last, uint32_t value) {
    if (past_end || last < cursor) return;
    out.push_back(KeyRange<Key>{cursor, last, value});
    if (IsMaxKey(last)) {
      past_end = true;
    } else {
      cursor = NextKey(last);
    }
  };
  for (const KeyRange<Key>& r : sorted) {
    while (!open.empty() && open.back()->end < r.start) {
      emit_until(open.back()->end, open.back()->value);
      open.pop_back();
    }
    if (!open.empty() && !past_end && cursor < r.start) {
      emit_until(PrevKey(r.start), open.back()->value);
    }
    if (!past_end && cursor < r.start) cursor = r.start;
    open.push_back(&r);
  }
  while (!open.empty()) {
    emit_until(open.back()->end, open.back()->value);
    open.pop_back();
  }
  return out;
}

template <typename Key>
std::optional<uint32_t> RangeTable<Key>::Find(const Key& key) const {
  // The last segment starting at or before key.
  auto it = std::upper_bound(segments_.begin(), segments_.end(), key,
                             [](const Key& k, const KeyRange<Key>& r) { return k < r.start; });
  if (it == segments_.begin()) return std::nullopt;
  --it;
  if (key > it->end) return std::nullopt;
  return it->value;
}

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_RANGE_TABLE_H_
