#include "detect/spray_window.h"

#include <algorithm>
#include <functional>

namespace spraytrace::detect {

void SprayWindow::Contribute(const AccountStats& stats, int sign) {
  if (stats.window_successes > 0) {
    succeeded_ = static_cast<uint32_t>(static_cast<int64_t>(succeeded_) + sign);
  } else if (stats.window_failures > 0) {
    failed_only_ = static_cast<uint32_t>(static_cast<int64_t>(failed_only_) + sign);
    failed_only_failures_ =
        static_cast<uint64_t>(static_cast<int64_t>(failed_only_failures_) +
                              sign * static_cast<int64_t>(stats.window_failures));
  }
}

void SprayWindow::Expire(AccountTable* table, Timestamp cutoff) {
  const std::greater<> older_first;
  while (!heap_.empty() && heap_.front().first < cutoff) {
    std::pop_heap(heap_.begin(), heap_.end(), older_first);
    const uint32_t slot = heap_.back().second;
    heap_.pop_back();
    AccountStats& stats = table->at(slot);
    if (stats.last >= cutoff) {  // tried again since it was pushed: still in the window
      heap_.emplace_back(stats.last, slot);
      std::push_heap(heap_.begin(), heap_.end(), older_first);
      continue;
    }
    Contribute(stats, -1);
    stats.in_window = false;
    stats.window_failures = 0;
    stats.window_successes = 0;
  }
}

void SprayWindow::Observe(AccountTable* table, uint32_t slot, Timestamp time, bool failure,
                          Timestamp now, Micros window) {
  const Timestamp cutoff = now - window;
  Expire(table, cutoff);
  if (time < cutoff) return;  // later than the window can tolerate: totals only
  AccountStats& stats = table->at(slot);
  if (!stats.in_window) {
    stats.in_window = true;
    heap_.emplace_back(stats.last, slot);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  } else {
    Contribute(stats, -1);
  }
  if (failure) {
    ++stats.window_failures;
  } else {
    ++stats.window_successes;
  }
  Contribute(stats, +1);
}

}  // namespace spraytrace::detect
