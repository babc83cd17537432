// TimeQueue: keys by a time, earliest first (a binary min-heap). The detectors keep one entry per
// open or recent key, at or before the time the key could next expire, so a periodic look takes
// off only the keys that may have expired instead of walking every key it holds; a key found
// still active is pushed again with its later time. Not thread-safe.
#ifndef SPRAYTRACE_DETECT_TIME_QUEUE_H_
#define SPRAYTRACE_DETECT_TIME_QUEUE_H_

#include <algorithm>
#include <cstddef>
#include <vector>

#include "event/timestamp.h"

namespace spraytrace::detect {

template <typename Key>
class TimeQueue {
 public:
  struct Entry {
    Timestamp time = 0;
    Key key;
  };

  void Push(Timestamp time, const Key& key) {
    heap_.push_back({time, key});
    std::push_heap(heap_.begin(), heap_.end(), Later);
  }
  // Whether the earliest entry is before `time`.
  bool HasBefore(Timestamp time) const { return !heap_.empty() && heap_.front().time < time; }
  // REQUIRES: not empty.
  Entry Pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later);
    const Entry entry = heap_.back();
    heap_.pop_back();
    return entry;
  }
  void Clear() { heap_.clear(); }
  // Gives the memory back too (a map emptied at the end of a burst).
  void Release() { std::vector<Entry>().swap(heap_); }
  size_t size() const { return heap_.size(); }

 private:
  static bool Later(const Entry& a, const Entry& b) { return a.time > b.time; }

  std::vector<Entry> heap_;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_TIME_QUEUE_H_
