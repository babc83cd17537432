// The collective judgement of a tick (DistributedDetector, distributed_detector.h), kept up to
// date instead of redone from every recent source and account. It gives exactly what judging
// them all afresh would: a source is loud by its own suspects and `now` alone, and loud for every
// tick up to a time its suspects fix (LoudUntil); an account's verdict depends only on its hits,
// which of their sources are loud, and where `now` stands against each hit's time. So a source
// is judged again when it fails, an account when it fails, a login clears one of its hits, one
// of its sources turns loud or quiet, or time moves one of its hits in or out of the window.
#include <algorithm>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "detect/distributed_detector.h"

namespace spraytrace::detect {
namespace {

constexpr Timestamp kNever = std::numeric_limits<Timestamp>::min();
constexpr Timestamp kNoWake = std::numeric_limits<Timestamp>::max();

}  // namespace

size_t DistributedDetector::Judge(Timestamp now, bool* enough_sources) {
  JudgementCache& cache = judgement_;
  if (cache.rebuild || judge_afresh_) RebuildJudgement();
  UpdateLoudSources(now);
  WakeDueAccounts(now);
  std::vector<StringId>& dirty = cache.dirty_accounts;
  std::sort(dirty.begin(), dirty.end());
  dirty.erase(std::unique(dirty.begin(), dirty.end()), dirty.end());
  for (StringId account : dirty) RejudgeAccount(account, now);
  dirty.clear();
  *enough_sources = cache.quiet_sources >= static_cast<size_t>(dc_.min_sources);
  return cache.active_accounts;
}

void DistributedDetector::RebuildJudgement() {
  judgement_ = JudgementCache{};
  judgement_.rebuild = false;
  last_judged_ = Judgement{};
  const auto wanted = static_cast<size_t>(dc_.targeted_sources);
  for (const auto& item : recent_sources_) judgement_.dirty_sources.push_back(item.first);
  for (const auto& item : recent_accounts_) {
    MarkDirty(item.first);
    const auto it = accounts_.find(item.first);
    if (it != accounts_.end() && it->second.hits.size() >= wanted) {
      judgement_.targeted_candidates.insert(item.first);
    }
  }
}

Timestamp DistributedDetector::LoudUntil(const SourceHistory& source) const {
  const std::vector<SuspectFailure>& s = source.suspects;
  if (s.empty()) return kNever;
  Timestamp until = kNever;
  // A scanner's burst keeps the source loud while the burst's first failure is recent. In time
  // order: appended as seen.
  for (size_t i = 0; i + kScanBurst <= s.size(); ++i) {
    if (s[i + kScanBurst - 1].time - s[i].time <= kScanSpan) {
      until = std::max(until, s[i].time + dc_.source_window);
    }
  }
  // A sprayer stays loud while spray.min_failed_accounts of its accounts failed within
  // spray.window: until the wanted-th most recent of its accounts' last failures leaves it.
  const auto wanted = static_cast<size_t>(config_.spray.min_failed_accounts);
  if (s.size() >= wanted) {
    absl::InlinedVector<std::pair<StringId, Timestamp>, kMaxSuspectsPerSource> latest;
    for (const SuspectFailure& failure : s) {
      auto it = std::find_if(latest.begin(), latest.end(),
                             [&](const auto& entry) { return entry.first == failure.account; });
      if (it == latest.end()) {
        latest.emplace_back(failure.account, failure.time);
      } else {
        it->second = std::max(it->second, failure.time);
      }
    }
    if (latest.size() >= wanted) {
      const auto kth = latest.begin() + static_cast<std::ptrdiff_t>(wanted - 1);
      std::nth_element(latest.begin(), kth, latest.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      until = std::max(until, kth->second + config_.spray.window);
    }
  }
  // Only recent sources are judged at all.
  return std::min(until, s.back().time + dc_.source_window);
}

void DistributedDetector::UpdateLoudSources(Timestamp now) {
  std::vector<SourceKey>& dirty = judgement_.dirty_sources;
  std::sort(dirty.begin(), dirty.end(), AddressOrder);
  dirty.erase(std::unique(dirty.begin(), dirty.end()), dirty.end());
  for (const SourceKey& key : dirty) {
    Timestamp until = kNever;
    if (recent_sources_.contains(key)) {
      const auto it = sources_.find(key);
      if (it != sources_.end()) until = LoudUntil(it->second);
    }
    if (now <= until) {
      judgement_.loud_until[key] = until;
      SetLoud(key, true);
    } else {
      SetLoud(key, false);
    }
  }
  dirty.clear();
  std::vector<SourceKey> quietened;
  for (const auto& [key, until] : judgement_.loud_until) {
    if (until < now) quietened.push_back(key);
  }
  for (const SourceKey& key : quietened) SetLoud(key, false);
}

void DistributedDetector::SetLoud(const SourceKey& key, bool loud) {
  if (loud) {
    if (!last_judged_.loud.insert(key).second) return;
  } else {
    judgement_.loud_until.erase(key);
    if (last_judged_.loud.erase(key) == 0) return;
  }
  const auto holders = judgement_.holders.find(key);
  if (holders == judgement_.holders.end()) return;
  if (loud) {
    --judgement_.quiet_sources;
  } else {
    ++judgement_.quiet_sources;
  }
  holders->second.ForEach([&](StringId account) { MarkDirty(account); });
}

void DistributedDetector::WakeDueAccounts(Timestamp now) {
  auto& heap = judgement_.wake_heap;
  const auto later = std::greater<>();
  while (!heap.empty() && heap.front().first <= now) {
    std::pop_heap(heap.begin(), heap.end(), later);
    const auto [time, account] = heap.back();
    heap.pop_back();
    const auto it = judgement_.wakes.find(account);
    if (it == judgement_.wakes.end() || it->second != time) continue;  // superseded
    judgement_.wakes.erase(it);
    MarkDirty(account);
  }
}

void DistributedDetector::RejudgeAccount(StringId account, Timestamp now) {
  AccountVerdict verdict;
  if (recent_accounts_.contains(account)) {
    if (const auto found = accounts_.find(account); found != accounts_.end()) {
      verdict = JudgeAccount(account, found->second, now);
    }
  }
  const auto old = judgement_.verdicts.find(account);
  AccountVerdict before;
  if (old != judgement_.verdicts.end()) before = std::move(old->second);
  // Most verdicts come back with the sources they had (a failure still settling, a hit leaving
  // that another hit from its source still covers): only what differs touches the holders.
  const auto holds = [](const AccountVerdict& v, const SourceKey& key) {
    return std::find(v.sources.begin(), v.sources.end(), key) != v.sources.end();
  };
  for (const SourceKey& key : before.sources) {
    if (holds(verdict, key)) continue;
    const auto holders = judgement_.holders.find(key);
    holders->second.erase(account);
    if (!holders->second.empty()) continue;
    judgement_.holders.erase(holders);
    if (!last_judged_.loud.contains(key)) --judgement_.quiet_sources;
  }
  for (const SourceKey& key : verdict.sources) {
    if (holds(before, key)) continue;
    SmallIdSet& holders = judgement_.holders[key];
    if (holders.empty() && !last_judged_.loud.contains(key)) ++judgement_.quiet_sources;
    holders.insert(account);
  }
  if (before.hot != verdict.hot) {
    if (verdict.hot) {
      last_judged_.hot.insert(account);
    } else {
      last_judged_.hot.erase(account);
    }
  }
  judgement_.active_accounts += static_cast<size_t>(verdict.active);
  judgement_.active_accounts -= static_cast<size_t>(before.active);
  const auto busy = [](const AccountVerdict& v) {
    return v.active && v.sources.size() >= kBusySources;
  };
  if (busy(before) != busy(verdict)) {
    if (busy(verdict)) {
      last_judged_.busy.insert(account);
    } else {
      last_judged_.busy.erase(account);
    }
  }
  if (verdict.sources.empty()) {
    if (old != judgement_.verdicts.end()) judgement_.verdicts.erase(old);
  } else if (old != judgement_.verdicts.end()) {
    old->second = std::move(verdict);
  } else {
    judgement_.verdicts.emplace(account, std::move(verdict));
  }
}

DistributedDetector::AccountVerdict DistributedDetector::JudgeAccount(StringId account,
                                                                      const AccountHistory& history,
                                                                      Timestamp now) {
  const Timestamp since = now - dc_.window;
  const Timestamp until = now - dc_.settle;
  AccountVerdict verdict;
  size_t quiet = 0;
  Timestamp wake = history.retrying_until > now ? history.retrying_until : kNoWake;
  for (const AccountHit& hit : history.hits) {
    if (hit.cleared) continue;  // for good
    if (hit.time > until) {
      wake = std::min(wake, hit.time + dc_.settle);  // when it settles
      continue;
    }
    if (hit.time < since) continue;
    wake = std::min(wake, hit.time + dc_.window + 1);  // when it leaves the window
    if (std::find(verdict.sources.begin(), verdict.sources.end(), hit.source) !=
        verdict.sources.end()) {
      continue;
    }
    verdict.sources.push_back(hit.source);
    if (!last_judged_.loud.contains(hit.source)) ++quiet;
  }
  if (wake != kNoWake) {
    const auto [entry, added] = judgement_.wakes.try_emplace(account, wake);
    if (added || entry->second != wake) {
      entry->second = wake;
      judgement_.wake_heap.emplace_back(wake, account);
      std::push_heap(judgement_.wake_heap.begin(), judgement_.wake_heap.end(), std::greater<>());
    }
  }
  if (verdict.sources.empty()) return verdict;
  // Hot counts every source (scanners make a name hot); active counts only quiet ones.
  verdict.hot =
      static_cast<int>(verdict.sources.size()) >= dc_.hot_sources || history.retrying_until > now;
  verdict.active = !verdict.hot && quiet > 0;
  return verdict;
}

}  // namespace spraytrace::detect
