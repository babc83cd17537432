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

// One account, at least kMinScheduledGaps gaps, and 90% of them within 10% of the median gap:
// a job on a timer, not a person or a guessing tool.
bool IsScheduled(const std::vector<SlowEntry>& sorted) {
  constexpr size_t kMinScheduledGaps = 8;
  if (sorted.size() < kMinScheduledGaps + 1 || CountedAccounts(sorted) != 1) return false;
  std::vector<Micros> gaps;
  gaps.reserve(sorted.size() - 1);
  for (size_t i = 1; i < sorted.size(); ++i) gaps.push_back(sorted[i].time - sorted[i - 1].time);
  std::vector<Micros> ordered = gaps;
  std::nth_element(ordered.begin(), ordered.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2),
                   ordered.end());
  const Micros median = ordered[gaps.size() / 2];
  if (median < kMicrosPerMinute) return false;
  const auto regular = std::count_if(gaps.begin(), gaps.end(), [&](Micros gap) {
    return gap >= median - median / 10 && gap <= median + median / 10;
  });
  return static_cast<size_t>(regular) * 10 >= gaps.size() * 9;
}

bool FromKnownNetwork(const SourceState& state, const KnownDevices& known, const SlowEntry& entry) {
  if (entry.slot == kNoAccount) return false;
  return known.LoggedInFromNetworkBefore(state.key, state.accounts.at(entry.slot).user, entry.time);
}

}  // namespace

SlowResult EvaluateSlow(const SourceState& state, const SlowSourceConfig& config,
                        const KnownDevices& known) {
  SlowResult result;
  std::vector<SlowEntry> counted;
  counted.reserve(state.slow_log.size());
  for (const SlowEntry& entry : state.slow_log) {
    if (config.ignore_accounts_with_success && AccountSucceeded(state, entry.slot)) {
      ++result.ignored;
    } else if (FromKnownNetwork(state, known, entry)) {
      ++result.known_network;
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
  const bool internal = state.key.host == kNoString && state.key.ip.IsInternal();
  if (config.ignore_scheduled && internal && IsScheduled(counted)) {
    result.scheduled = true;
    return result;
  }
  FindWindow(counted, config, &result);
  return result;
}

}  // namespace spraytrace::detect
