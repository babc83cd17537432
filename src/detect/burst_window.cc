#include "detect/burst_window.h"

#include <algorithm>

namespace spraytrace::detect {

bool BurstWindow::Add(Timestamp time, uint32_t slot, size_t capacity, Micros window) {
  if (entries_.size() >= capacity && time < entries_.front().first) return false;
  const auto entry = std::make_pair(time, slot);
  entries_.insert(std::upper_bound(entries_.begin(), entries_.end(), entry), entry);
  if (entries_.size() > capacity) entries_.erase(entries_.begin());
  return entries_.size() == capacity && entries_.back().first - entries_.front().first <= window;
}

bool BurstWindow::Concentrated(std::array<uint32_t, 2>* slots) const {
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  std::array<uint32_t, 2> found = {kNone, kNone};
  size_t distinct = 0;
  for (const auto& [time, slot] : entries_) {
    if (slot == kNone) return false;
    if (slot == found[0] || slot == found[1]) continue;
    if (distinct == 2) return false;
    found[distinct++] = slot;
  }
  if (found[1] < found[0]) std::swap(found[0], found[1]);
  *slots = found;
  return true;
}

uint32_t RateCounter::Add(Timestamp time, Micros window) {
  const Micros width = std::max<Micros>(1, window / kBuckets);
  // Floor division, so times before the epoch still land in the right bucket.
  const int64_t index = time / width - (time % width < 0 ? 1 : 0);
  const auto slot_of = [](int64_t i) {
    return static_cast<size_t>(((i % kSlots) + kSlots) % kSlots);
  };
  if (head_ == std::numeric_limits<int64_t>::min() || index - head_ >= kSlots) {
    counts_.fill(0);
    head_ = index;
  } else if (index > head_) {
    for (int64_t i = head_ + 1; i <= index; ++i) counts_[slot_of(i)] = 0;
    head_ = index;
  } else if (head_ - index >= kSlots) {
    return 0;  // older than the window: not counted
  }
  ++counts_[slot_of(index)];
  uint32_t total = 0;
  for (uint32_t count : counts_) total += count;
  return total;
}

}  // namespace spraytrace::detect
