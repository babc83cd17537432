#include "detect/source_detector.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "detect/episode_report.h"
#include "detect/state_codec.h"

namespace spraytrace::detect {
namespace {

void ReleaseSlowLog(SourceState* state) { std::vector<SlowEntry>().swap(state->slow_log); }

// Makes room among a busy address's concentrated bursts: those whose accounts have all logged in
// since are typos for the shared-address rule (episode_report.h), so later ones matter more.
void DropLoggedInBursts(const SourceState& state, std::vector<ConcentratedBurst>* bursts) {
  const auto logged_in = [&](const ConcentratedBurst& burst) {
    return std::all_of(burst.slots.begin(), burst.slots.end(), [&](uint32_t slot) {
      return slot == kNoAccount || state.accounts.at(slot).successes > 0;
    });
  };
  std::erase_if(*bursts, logged_in);
}

// A finding with the host name of its source, so findings sort by source for either key kind.
struct Ordered {
  Finding finding;
  std::string_view host;
};

// One episode can give two findings of a rule at one time (compromises of two accounts, written
// at the episode's close): their logins' times and accounts order them, so the order never
// depends on the order the closing sources were found in.
bool Before(const Ordered& a, const Ordered& b) {
  const Finding& x = a.finding;
  const Finding& y = b.finding;
  return std::tie(x.triggered, x.source_ip, a.host, x.rule_id, x.start, x.end, x.user_name) <
         std::tie(y.triggered, y.source_ip, b.host, y.rule_id, y.start, y.end, y.user_name);
}

}  // namespace

SourceDetector::SourceDetector(const DetectorConfig& config, const StringPool* strings,
                               KnownDevices* shared)
    : config_(config),
      strings_(strings),
      owned_(shared ? nullptr : std::make_unique<KnownDevices>(config.known_devices)),
      known_(shared ? shared : owned_.get()) {}

void SourceDetector::Observe(const AuthEvent& event, FindingSink* sink) {
  const std::optional<SourceKey> key = SourceKeyOf(event);
  if (!key) return;
  const Micros gap = config_.episodes.idle_gap;
  // A source reopened below keeps its queue entry: its time is before the new episode's end too.
  if (const auto it = sources_.find(*key); it != sources_.end()) {
    SourceState& state = it->second;
    if (state.end >= event.time - gap) {
      Update(event, &state);
      return;
    }
    WriteEpisode(state, sink);
    sources_.erase(it);
  } else if (const auto single = singles_.find(*key); single != singles_.end()) {
    if (single->second.time >= event.time - gap) {
      SourceState state = Promote(*key, single->second);
      singles_.erase(single);
      Update(event, &state);
      sources_.emplace(*key, std::move(state));
      return;
    }
    if (SingleMayReport(single->second)) WriteEpisode(Promote(*key, single->second), sink);
    singles_.erase(single);
  } else {
    idle_queue_.Push(event.time, *key);
  }
  singles_.emplace(*key, event);
  RecordFirstEvent(*key, event);
}

void SourceDetector::Prefetch(const AuthEvent& event) const {
  if (const std::optional<SourceKey> key = SourceKeyOf(event)) {
    sources_.prefetch(*key);
    singles_.prefetch(*key);
  }
}

void SourceDetector::WriteEpisode(const SourceState& state, FindingSink* sink) const {
  for (Finding& finding : BuildEpisodeFindings(state, config_, *strings_, Known())) {
    sink->OnFinding(std::move(finding));
  }
}

SourceState SourceDetector::Promote(const SourceKey& key, const AuthEvent& first) const {
  SourceState state;
  state.key = key;
  state.start = first.time;
  state.end = first.time;
  Update(first, &state, /*record_login=*/false);
  return state;
}

void SourceDetector::RecordFirstEvent(const SourceKey& key, const AuthEvent& event) {
  // A fresh episode's account table takes any named account.
  if (owned_ && IsLogin(event) && AccountOf(event) != kNoString) {
    owned_->RecordSuccess(key, AccountOf(event), event.time);
  }
}

void SourceDetector::Update(const AuthEvent& event, SourceState* state, bool record_login) const {
  state->start = std::min(state->start, event.time);
  state->end = std::max(state->end, event.time);
  const bool success = IsLogin(event);
  const StringId account = AccountOf(event);
  const auto max_accounts = static_cast<size_t>(config_.episodes.max_accounts_per_source);
  const uint32_t slot = state->accounts.FindOrInsert(account, event.time, max_accounts);
  if (slot != kNoAccount) {
    UpdateAccount(event, success, slot, state, record_login);
  } else if (account != kNoString) {
    ++state->untracked_events;
  }
  if (success) {
    ++state->successes;
  } else {
    ObserveFailure(event, slot, state);
  }
  if (config_.spray.enabled && slot != kNoAccount) ObserveSpray(event, success, slot, state);
}

void SourceDetector::UpdateAccount(const AuthEvent& event, bool success, uint32_t slot,
                                   SourceState* state, bool record_login) const {
  AccountStats& stats = state->accounts.at(slot);
  stats.first = std::min(stats.first, event.time);
  stats.last = std::max(stats.last, event.time);
  if (!success) {
    ++stats.failures;
    if (event.reason == Reason::kUnknownUser) ++stats.unknown_user_failures;
    stats.first_failure = std::min(stats.first_failure, event.time);
    return;
  }
  ++stats.successes;
  stats.first_success = std::min(stats.first_success, event.time);
  if (owned_ && record_login) owned_->RecordSuccess(state->key, stats.user, event.time);
  // The account's first login here, once the source had started failing: if the source turns
  // out to be spraying, this is the guess that worked (a key or a ticket is not guessed).
  if (stats.successes == 1 && state->failures > 0 && IsGuessableMethod(event.method) &&
      state->logins_after_failures.size() < kMaxLoginsAfterFailures) {
    state->logins_after_failures.push_back({slot, SaveEvent(event)});
  }
  if (stats.failures > 0 && event.time >= stats.first_failure && !stats.succeeded_after_failure) {
    stats.succeeded_after_failure = true;
    SavedEvent& first = state->first_success_after_failure;
    if (!first.valid || event.time < first.time) first = SaveEvent(event);
  }
}

void SourceDetector::ObserveFailure(const AuthEvent& event, uint32_t slot,
                                    SourceState* state) const {
  ++state->failures;
  if (event.reason == Reason::kUnknownUser) ++state->unknown_user_failures;
  if (!state->first_failure.valid || event.time < state->first_failure.time) {
    state->first_failure = SaveEvent(event);
  }
  if (!state->last_failure.valid || event.time >= state->last_failure.time) {
    state->last_failure = SaveEvent(event);
  }
  if (config_.brute_force.enabled) ObserveBurst(event, slot, state);
  if (config_.slow.enabled && !state->burst.fired && !state->spray.fired) {
    AppendSlow(event, slot, state);
  }
}

void SourceDetector::ObserveBurst(const AuthEvent& event, uint32_t slot, SourceState* state) const {
  const BruteForceConfig& c = config_.brute_force;
  state->peak_rate = std::max(state->peak_rate, state->rate.Add(event.time, c.find_window));
  const auto capacity = static_cast<size_t>(c.max_failures);
  if (!state->burst_window.Add(event.time, slot, capacity, c.find_window)) return;
  if (!state->burst.fired) {
    state->burst = Trigger{true, SaveEvent(event)};
    ReleaseSlowLog(state);
  }
  std::array<uint32_t, 2> slots;
  if (!state->burst_window.Concentrated(&slots)) return;
  std::vector<ConcentratedBurst>& concentrated = state->concentrated;
  const auto same = [&](const ConcentratedBurst& burst) { return burst.slots == slots; };
  if (std::any_of(concentrated.begin(), concentrated.end(), same)) return;
  if (concentrated.size() >= kMaxConcentratedBursts) DropLoggedInBursts(*state, &concentrated);
  if (concentrated.size() >= kMaxConcentratedBursts) return;
  concentrated.push_back({Trigger{true, SaveEvent(event)}, slots});
}

void SourceDetector::ObserveSpray(const AuthEvent& event, bool success, uint32_t slot,
                                  SourceState* state) const {
  const SpraySingleSourceConfig& c = config_.spray;
  SprayWindow& window = state->spray_window;
  window.Observe(&state->accounts, slot, event.time, !success, state->end, c.window);
  state->peak_failed_only = std::max(state->peak_failed_only, window.failed_only());
  if (state->spray.fired) return;
  const auto failed_only = static_cast<double>(window.failed_only());
  if (window.failed_only() < static_cast<uint32_t>(c.min_failed_accounts)) return;
  if (static_cast<double>(window.failed_only_failures()) >
      c.max_failures_per_account * failed_only) {
    return;
  }
  if (static_cast<double>(window.succeeded()) > c.max_success_ratio * failed_only) return;
  state->spray = Trigger{true, SaveEvent(event)};
  ReleaseSlowLog(state);
}

void SourceDetector::AppendSlow(const AuthEvent& event, uint32_t slot, SourceState* state) const {
  if (state->slow_log.size() >= kMaxSlowLog) {
    const auto half = static_cast<std::ptrdiff_t>(kMaxSlowLog / 2);
    state->slow_log.erase(state->slow_log.begin(), state->slow_log.begin() + half);
    state->slow_log_truncated = true;
  }
  state->slow_log.push_back(SlowEntry{event.time, slot, event.reason, event.method, event.where});
}

void SourceDetector::AdvanceTime(Timestamp now, FindingSink* sink) {
  const Micros gap = config_.episodes.idle_gap;
  if (last_scan_ != std::numeric_limits<Timestamp>::min() && now - last_scan_ <= gap / 8) return;
  last_scan_ = now;
  if (owned_) owned_->Expire(now);
  Close(TakeIdle(now - gap), sink);
}

void SourceDetector::Finish(FindingSink* sink) {
  std::vector<SourceKey> all;
  all.reserve(size());
  for (const auto& [key, state] : sources_) all.push_back(key);
  for (const auto& [key, first] : singles_) all.push_back(key);
  idle_queue_.Clear();
  Close(all, sink);
}

std::vector<SourceKey> SourceDetector::TakeIdle(Timestamp cutoff) {
  std::vector<SourceKey> idle;
  while (idle_queue_.HasBefore(cutoff)) {
    const auto entry = idle_queue_.Pop();
    const auto open = sources_.find(entry.key);
    const Timestamp end =
        open != sources_.end() ? open->second.end : singles_.find(entry.key)->second.time;
    if (end < cutoff) {
      idle.push_back(entry.key);
    } else {
      idle_queue_.Push(end, entry.key);  // at or after the cutoff: not taken again in this loop
    }
  }
  return idle;
}

void SourceDetector::Close(const std::vector<SourceKey>& keys, FindingSink* sink) {
  std::vector<Ordered> out;
  for (const SourceKey& key : keys) {
    const std::string_view host = strings_->View(key.host);
    const auto add = [&](const SourceState& state) {
      for (Finding& finding : BuildEpisodeFindings(state, config_, *strings_, Known())) {
        out.push_back({std::move(finding), host});
      }
    };
    if (const auto it = sources_.find(key); it != sources_.end()) {
      add(it->second);
      sources_.erase(it);
    } else {
      const auto single = singles_.find(key);
      if (SingleMayReport(single->second)) add(Promote(key, single->second));
      singles_.erase(single);
    }
  }
  if (sources_.empty() && singles_.empty()) {  // give back the bucket arrays and the queue too
    SourceMap().swap(sources_);
    SingleMap().swap(singles_);
    idle_queue_.Release();
  }
  std::stable_sort(out.begin(), out.end(), Before);
  for (Ordered& ordered : out) sink->OnFinding(std::move(ordered.finding));
}

void SourceDetector::RebuildQueue() {
  idle_queue_.Clear();
  for (const auto& [key, state] : sources_) idle_queue_.Push(state.end, key);
  for (const auto& [key, first] : singles_) idle_queue_.Push(first.time, key);
}

void SourceDetector::Save(Timestamp now, store::StateEncoder* out) const {
  out->BeginSection("source_detector");
  out->PutI64(last_scan_);
  // Singles are saved as the episodes they stand for (Load keeps them as such).
  out->PutU64(size());
  for (const auto& [key, state] : sources_) SaveSourceState(state, out);
  for (const auto& [key, first] : singles_) SaveSourceState(Promote(key, first), out);
  out->PutBool(owned_ != nullptr);
  if (owned_) owned_->Save(now, out);
  out->EndSection();
}

bool SourceDetector::Load(store::StateDecoder* in) {
  sources_.clear();
  singles_.clear();
  idle_queue_.Clear();
  if (!in->EnterSection("source_detector")) return false;
  last_scan_ = in->I64();
  const size_t count = in->Count(32);
  for (size_t i = 0; i < count && in->ok(); ++i) {
    SourceState state;
    if (!LoadSourceState(in, &state)) break;
    const SourceKey key = state.key;
    if (!sources_.try_emplace(key, std::move(state)).second) in->Fail("the same source twice");
  }
  const bool owned = in->Bool();
  if (in->ok() && owned != (owned_ != nullptr)) {
    in->Fail("saved with a login memory of its own, loaded into a shared one, or the reverse");
  }
  if (in->ok() && owned_) owned_->Load(in);
  RebuildQueue();
  return in->LeaveSection();
}

bool SourceDetector::SameState(const SourceDetector& other) const {
  if (last_scan_ != other.last_scan_ || AllEpisodes() != other.AllEpisodes()) return false;
  return (owned_ == nullptr) == (other.owned_ == nullptr) && (!owned_ || *owned_ == *other.owned_);
}

SourceDetector::SourceMap SourceDetector::AllEpisodes() const {
  SourceMap all = sources_;
  for (const auto& [key, first] : singles_) all.emplace(key, Promote(key, first));
  return all;
}

}  // namespace spraytrace::detect
