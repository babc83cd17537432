#include "detect/slow_rule.h"

#include <algorithm>
#include <vector>

namespace spraytrace::detect {
namespace {

bool AccountSucceeded(const SourceState& state, uint32_t slot) {
  return slot != kNoAccount && state.accounts.at(slot).successes > 0;
}

// Distinct accounts among the counted failures (untracked accounts count as one).
size_t CountedAccounts(const std::vector<SlowEntry>& counted) {
  std::vector<uint32_t> slots;
  slots.reserve(counted.size());
  for (const SlowEntry& entry : counted) slots.push_back(entry.slot);
  std::sort(slots.begin(), slots.end());
  return static_cast<size_t>(std::unique(slots.begin(), slots.end()) - slots.begin());
}

size_t SucceededAccounts(const SourceState& state) {
  return static_cast<size_t>(
      std::count_if(state.accounts.accounts().begin(), state.accounts.accounts().end(),
                    [](const AccountStats& stats) { return stats.successes > 0; }));
}

// First window (two pointers over time-sorted failures) that meets the count and the span.
void FindWindow(const std::vector<SlowEntry>& counted, const SlowSourceConfig& config,
                SlowResult* result) {
  const auto min_failures = static_cast<size_t>(config.min_failures);
  size_t left = 0;
  for (size_t right = 0; right < counted.size(); ++right) {
    while (counted[right].time - counted[left].time > config.window) ++left;
    const size_t count = right - left + 1;
    if (count >= min_failures && counted[right].time - counted[left].time >= config.min_span) {
      result->fired = true;
      result->first = counted[left];
      result->trigger = counted[right];
      result->in_window = count;
      return;
    }
  }
}

}  // namespace

SlowResult EvaluateSlow(const SourceState& state, const SlowSourceConfig& config) {
  SlowResult result;
  std::vector<SlowEntry> counted;
  counted.reserve(state.slow_log.size());
  for (const SlowEntry& entry : state.slow_log) {
    if (config.ignore_accounts_with_success && AccountSucceeded(state, entry.slot)) {
      ++result.ignored;
    } else {
      counted.push_back(entry);
    }
  }
  result.counted = counted.size();
  if (counted.empty()) return result;
  const double shared_limit =
      config.max_success_ratio * static_cast<double>(CountedAccounts(counted));
  if (static_cast<double>(SucceededAccounts(state)) > shared_limit) return result;
  std::stable_sort(counted.begin(), counted.end(),
                   [](const SlowEntry& a, const SlowEntry& b) { return a.time < b.time; });
  FindWindow(counted, config, &result);
  return result;
}

}  // namespace spraytrace::detect
