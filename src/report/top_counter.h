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
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

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
  // Keeps the `capacity` largest by (count, key), as Top(capacity) orders them, without copying
  // a key: a covert spray's sources each fail once, so every prune used to copy thousands of
  // address strings twice. The capacity-th largest count is the threshold; of the keys at it,
  // the smallest are kept.
  void Prune() {
    if (capacity_ == 0) {
      counts_.clear();
      return;
    }
    std::vector<uint64_t> counts;
    counts.reserve(counts_.size());
    for (const auto& item : counts_) counts.push_back(item.second);
    const auto nth = counts.begin() + static_cast<std::ptrdiff_t>(capacity_ - 1);
    std::nth_element(counts.begin(), nth, counts.end(), std::greater<>());
    const uint64_t threshold = *nth;
    size_t above = 0;
    std::vector<const Key*> ties;
    for (const auto& item : counts_) {
      if (item.second > threshold) ++above;
      if (item.second == threshold) ties.push_back(&item.first);
    }
    absl::flat_hash_set<const Key*> dropped;  // the map does not move elements while erasing
    const size_t ties_kept = capacity_ - above;
    if (ties.size() > ties_kept) {
      const auto last = ties.begin() + static_cast<std::ptrdiff_t>(ties_kept);
      std::nth_element(ties.begin(), last, ties.end(),
                       [](const Key* a, const Key* b) { return *a < *b; });
      dropped.insert(last, ties.end());
    }
    absl::erase_if(counts_, [&](const auto& item) {
      return item.second < threshold || dropped.contains(&item.first);
    });
  }

  size_t capacity_;
  absl::flat_hash_map<Key, uint64_t> counts_;
};

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_TOP_COUNTER_H_
