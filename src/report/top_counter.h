// TopCounter: approximate heavy hitters in bounded memory, for "top sources" and "top accounts".
//
// Exact while the number of distinct keys stays under 2 x capacity; beyond that it prunes to the
// `capacity` largest counts whenever it fills, so a key that is rare early and frequent late can
// be undercounted (the error is at most the smallest pruned count). Good for a summary table,
// not for detection. Not thread-safe; Merge() combines per-thread counters.
#ifndef SPRAYTRACE_REPORT_TOP_COUNTER_H_
#define SPRAYTRACE_REPORT_TOP_COUNTER_H_

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace spraytrace::report {

// The map is absl's flat one with its default (for strings: transparent) hashing, so AddText()
// looks a string counter up by a view and makes a key only for a new one: it runs once per
// failure. Top() orders by (count, key), so the map's order never shows.
template <typename Key>
class TopCounter {
 public:
  explicit TopCounter(size_t capacity = 4096) : capacity_(capacity) {}

  void Add(const Key& key, uint64_t count = 1) {
    counts_[key] += count;
    if (counts_.size() >= 2 * capacity_) Prune();
  }
  // Add() for a std::string counter, without a std::string per call.
  void AddText(std::string_view text, uint64_t count = 1) {
    counts_[absl::string_view(text.data(), text.size())] += count;
    if (counts_.size() >= 2 * capacity_) Prune();
  }

  void Merge(const TopCounter& other) {
    for (const auto& [key, count] : other.counts_) Add(key, count);
  }

  // The k largest, count descending, ties broken by key for a stable order.
  std::vector<std::pair<Key, uint64_t>> Top(size_t k) const {
    std::vector<std::pair<Key, uint64_t>> all(counts_.begin(), counts_.end());
    const size_t n = std::min(k, all.size());
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(),
                      ByCountDescending);
    all.resize(n);
    return all;
  }

  size_t size() const { return counts_.size(); }

 private:
  static bool ByCountDescending(const std::pair<Key, uint64_t>& a,
                                const std::pair<Key, uint64_t>& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  }
  void Prune() {
    auto keep = Top(capacity_);
    counts_.clear();
    counts_.insert(keep.begin(), keep.end());
  }

  size_t capacity_;
  absl::flat_hash_map<Key, uint64_t> counts_;
};

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_TOP_COUNTER_H_
