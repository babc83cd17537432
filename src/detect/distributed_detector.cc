#include "detect/distributed_detector.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "detect/campaign_report.h"

namespace spraytrace::detect {
namespace {

// Appends `item` (its time at or after `since`) and keeps the newest `cap` entries no older than
// `since`. What goes, goes first: a list that stays four long then never needs a bigger buffer
// (a million accounts' lists that doubled to eight would waste a third of a gigabyte).
template <typename T>
void AppendPruned(std::vector<T>* items, const T& item, Timestamp since, size_t cap) {
  std::erase_if(*items, [&](const T& kept) { return kept.time < since; });
  if (items->size() >= cap) items->erase(items->begin(), items->end() - static_cast<long>(cap - 1));
  items->push_back(item);
}

// Drops the idlest half of a map keyed by anything whose values carry last_seen.
template <typename Map>
void DropIdlestHalf(Map* map) {
  std::vector<Timestamp> seen;
  seen.reserve(map->size());
  for (const auto& [key, value] : *map) seen.push_back(value.last_seen);
  auto middle = seen.begin() + static_cast<std::ptrdiff_t>(seen.size() / 2);
  std::nth_element(seen.begin(), middle, seen.end());
  const Timestamp cutoff = *middle;
  absl::erase_if(*map, [&](const auto& item) { return item.second.last_seen < cutoff; });
}

// Sets the key's last failure, queueing it when new or when the failure came out of order
// before its entry's time (so the entry is never after `last`).
template <typename Map, typename Queue, typename Key>
auto& Touch(Map* map, Queue* queue, const Key& key, Timestamp last) {
  auto [it, fresh] = map->try_emplace(key);
  it->second.last = last;
  if (fresh || last < it->second.queued) {
    it->second.queued = last;
    queue->Push(last, key);
  }
  return it->second;
}

// Erases the keys whose last failure is before `since`, calling forget(key) for each first.
template <typename Map, typename Queue, typename Forget>
void ForgetBefore(Map* map, Queue* queue, Timestamp since, Forget forget) {
  while (queue->HasBefore(since)) {
    const auto entry = queue->Pop();
    const auto it = map->find(entry.key);
    if (it == map->end() || it->second.queued != entry.time) continue;  // stale
    if (it->second.last < since) {
      forget(entry.key);
      map->erase(it);
      continue;
    }
    it->second.queued = it->second.last;  // at or after `since`: not taken again in this loop
    queue->Push(it->second.last, entry.key);
  }
}

template <typename Map, typename Queue>
void RebuildQueue(Map* map, Queue* queue) {
  queue->Release();
  for (auto& [key, recent] : *map) {
    recent.queued = recent.last;
    queue->Push(recent.last, key);
  }
}

}  // namespace

DistributedDetector::DistributedDetector(const DetectorConfig& config, const StringPool* strings,
                                         KnownDevices* shared)
    : config_(config),
      dc_(config_.distributed),
      strings_(strings),
      owned_(shared ? nullptr : std::make_unique<KnownDevices>(config.known_devices)),
      known_(shared ? *shared : *owned_) {}

void DistributedDetector::Observe(const AuthEvent& event, FindingSink* sink) {
  if (!dc_.enabled) return;
  const std::optional<SourceKey> key = SourceKeyOf(event);
  const StringId account = AccountOf(event);
  if (key && account != kNoString) {
    if (IsLogin(event)) {
      ObserveLogin(event, *key, account, sink);
    } else {
      ObserveFailure(event, *key, account, sink);
    }
  }
  AdvanceTime(event.time, sink);
}

void DistributedDetector::Prefetch(const AuthEvent& event) const {
  if (!dc_.enabled) return;
  const std::optional<SourceKey> key = SourceKeyOf(event);
  const StringId account = AccountOf(event);
  if (!key || account == kNoString) return;
  sources_.prefetch(*key);
  accounts_.prefetch(account);
  if (!IsLogin(event)) {
    recent_sources_.prefetch(*key);
    recent_accounts_.prefetch(account);
  }
  if (owned_) owned_->Prefetch(event);
}

void DistributedDetector::ObserveLogin(const AuthEvent& event, const SourceKey& key,
                                       StringId account, FindingSink* sink) {
  const bool new_device = !known_.LoggedInBefore(key, account, event.time) &&
                          !known_.LoggedInFromNetworkBefore(key, account, event.time);
  SourceHistory& source = sources_[key];
  source.last_seen = std::max(source.last_seen, event.time);
  NotePendingChanged(key);  // its login accounts may grow, its logins be pruned
  if (source.login_accounts[0] == kNoString) {
    source.login_accounts[0] = account;
  } else if (source.login_accounts[0] != account && source.login_accounts[1] == kNoString) {
    source.login_accounts[1] = account;
  }
  AccountHistory& history = accounts_[account];
  NewLogin login;
  login.time = event.time;
  login.event = SaveEvent(event);
  login.event.user = account;
  login.account_had_logins = history.last_login != 0;
  history.last_seen = std::max(history.last_seen, event.time);
  history.last_login = std::max(history.last_login, event.time);
  if (owned_) owned_->RecordSuccess(key, account, event.time);
  if (key.host == kNoString) {
    Timestamp& last = pool_logins_[PoolOf(key.ip)];
    login.pool_was_quiet = last == 0 || last < event.time - config_.known_devices.memory;
    last = std::max(last, event.time);
  }
  ClearHits(key, account, &history, &source);
  // A second account logging in makes the address a shared one (NAT), not a node.
  if (!new_device || source.LoginAccounts() >= 2 || !IsGuessableMethod(event.method)) return;
  const bool router_like = RouterLike(key, source, login);
  std::optional<CompromiseCase> why;
  if (campaign_.number != 0) why = JudgeLogin(key, source, login, event.time);
  if (!why && campaign_.number != 0 && router_like) why = Rotating(account, key, login);
  if (router_like) router_logins_[account] = RouterLogin{key, login.event};
  if (why) {
    ReportCompromise(key, source, login, *why, event.time, sink);
    return;
  }
  AppendPruned(&source.new_logins, login, event.time - dc_.compromise_lookback,
               kMaxNewLoginsPerSource);
  NotePendingLogin(key, source, &source.new_logins.back());
}

void DistributedDetector::ObserveFailure(const AuthEvent& event, const SourceKey& key,
                                         StringId account, FindingSink* sink) {
  if (!Suspect(key, account, event.time)) return;
  SourceHistory& source = sources_[key];
  source.last_seen = std::max(source.last_seen, event.time);
  AppendPruned(&source.suspects, SuspectFailure{event.time, account, event.reason, event.where},
               event.time - dc_.source_window, kMaxSuspectsPerSource);
  AccountHistory& history = accounts_[account];
  history.last_seen = std::max(history.last_seen, event.time);
  AppendPruned(&history.hits, AccountHit{.source = key, .time = event.time},
               event.time - dc_.source_window, kMaxHitsPerAccount);
  if (history.hits.size() >= static_cast<size_t>(dc_.targeted_sources)) {
    judgement_.targeted_candidates.insert(account);
  }
  if (Retrying(history, key)) history.retrying_until = event.time + dc_.source_window;
  if (source.LoginAccounts() == 0 && !last_judged_.hot.contains(account) &&
      history.retrying_until <= event.time) {
    rate_.Count(event.time);
  }
  // A node that logged in somewhere new and now sprays: judged at this failure, not at a tick.
  if (campaign_.number != 0 && !source.new_logins.empty()) {
    JudgeNewLogins(key, &source, event.time, sink);
    NotePendingChanged(key);
  }
  if (!source.new_logins.empty() && with_new_logins_.contains(key)) {
    pending_.with_suspects.insert(key);
  }
  // The lists' backs are these failures (AppendPruned keeps the newest).
  Touch(&recent_sources_, &forget_sources_, key, event.time).campaign = source.campaign;
  if (source.campaign != campaign_.number) unattributed_.insert(key);
  Touch(&recent_accounts_, &forget_accounts_, account, event.time);
  judgement_.dirty_sources.push_back(key);
  MarkDirty(account);
  const bool full = sources_.size() > static_cast<size_t>(dc_.max_sources) ||
                    accounts_.size() > static_cast<size_t>(dc_.max_sources);
  if (full) {
    if (sources_.size() > static_cast<size_t>(dc_.max_sources)) DropIdlestHalf(&sources_);
    if (accounts_.size() > static_cast<size_t>(dc_.max_sources)) DropIdlestHalf(&accounts_);
    ForgetDropped();
  }
}

void DistributedDetector::ClearHits(const SourceKey& key, StringId account, AccountHistory* history,
                                    const SourceHistory* source) {
  const SourceKey network = NetworkOf(key);
  bool cleared = false;
  for (AccountHit& hit : history->hits) {
    if (!hit.cleared && (hit.source == key || NetworkOf(hit.source) == network)) {
      hit.cleared = cleared = true;
    }
  }
  if (cleared) MarkDirty(account);
  if (source->LoginAccounts() < 2) return;
  for (const SuspectFailure& failure : source->suspects) {
    if (failure.account == account) continue;
    const auto it = accounts_.find(failure.account);
    if (it == accounts_.end()) continue;
    cleared = false;
    for (AccountHit& hit : it->second.hits) {
      if (!hit.cleared && hit.source == key) hit.cleared = cleared = true;
    }
    if (cleared) MarkDirty(failure.account);
  }
}

SourceKey DistributedDetector::NetworkOf(const SourceKey& key) const {
  if (key.host != kNoString) return key;
  const int prefix =
      key.ip.is_v4() ? config_.known_devices.network_v4 : config_.known_devices.network_v6;
  return prefix == 0 ? key : SourceKey{key.ip.Masked(prefix), kNoString};
}

bool DistributedDetector::Retrying(const AccountHistory& history, const SourceKey& key) const {
  const SourceKey network = NetworkOf(key);
  const Timestamp since = history.hits.back().time - dc_.window;
  const auto same = std::count_if(history.hits.begin(), history.hits.end(), [&](const auto& hit) {
    return hit.time >= since && NetworkOf(hit.source) == network;
  });
  return same >= kRetryFailures;
}

bool DistributedDetector::Suspect(const SourceKey& key, StringId account, Timestamp now) const {
  // `now + 1`: logins up to and including now count.
  if (known_.LoggedInBefore(key, account, now + 1)) return false;
  if (known_.LoggedInFromNetworkBefore(key, account, now + 1)) return false;
  const auto it = sources_.find(key);
  return it == sources_.end() || it->second.LoginAccounts() < 2;
}

void DistributedDetector::AdvanceTime(Timestamp now, FindingSink* sink) {
  if (!dc_.enabled) return;
  latest_ = std::max(latest_, now);
  if (last_tick_ != std::numeric_limits<Timestamp>::min() && latest_ < last_tick_ + kTickInterval) {
    return;
  }
  Tick(latest_, sink);
}

void DistributedDetector::Finish(FindingSink* sink) {
  if (!dc_.enabled || latest_ == std::numeric_limits<Timestamp>::min()) return;
  // Judge what has not settled yet as it stands at the end of input.
  Tick(latest_ + dc_.settle, sink);
  if (campaign_.number != 0) ClosePeriod(latest_ + dc_.settle, sink);
  campaign_ = Campaign{};
  campaign_networks_.clear();
}

void DistributedDetector::Tick(Timestamp now, FindingSink* sink) {
  last_tick_ = now;
  rate_.Advance(now);
  ForgetQuiet(now);
  bool enough_sources = false;
  const size_t count = Judge(now, &enough_sources);
  if (count >= static_cast<size_t>(dc_.min_accounts) && enough_sources) {
    if (campaign_.number == 0) {
      campaign_ = Campaign{};
      campaign_.number = ++campaigns_;
      campaign_.id = "distributed-" + FormatIso8601(now);
      campaign_.start = now;
      campaign_.period_start = now;
    }
    campaign_.last_active = now;
    campaign_.peak_accounts = std::max(campaign_.peak_accounts, count);
    Attribute(now, last_judged_, sink);
  }
  if (campaign_.number != 0) JudgePendingLogins(now, sink);
  JudgeTargetedAccounts(now, sink);
  if (campaign_.number != 0 && now >= campaign_.period_start + dc_.report_every) {
    ClosePeriod(now, sink);
    if (now - campaign_.last_active >= dc_.window) {
      campaign_ = Campaign{};  // quiet for a whole window: the episode is over
      campaign_networks_.clear();
    }
  }
  if (last_evict_ == std::numeric_limits<Timestamp>::min() || now >= last_evict_ + kMicrosPerDay) {
    Evict(now);
  }
}

bool DistributedDetector::Qualifies(const SourceKey& key, const SourceHistory& source,
                                    Timestamp now, const Judgement& judged) const {
  const Timestamp since = now - dc_.source_window;
  const Timestamp until = now - dc_.settle;
  std::vector<StringId> accounts;
  int opportunistic = 0;
  bool busy = false;
  for (const SuspectFailure& failure : source.suspects) {
    if (failure.time < since || failure.time > until) continue;
    if (std::find(accounts.begin(), accounts.end(), failure.account) != accounts.end()) continue;
    if (!Suspect(key, failure.account, now)) continue;
    accounts.push_back(failure.account);
    const bool excluded = Excluded(failure.account, now, judged.hot);
    opportunistic += excluded ? 1 : 0;
    busy = busy || (!excluded && judged.busy.contains(failure.account));
  }
  const int targeted = static_cast<int>(accounts.size()) - opportunistic;
  if (targeted < opportunistic || targeted == 0) return false;
  if (targeted >= dc_.min_source_accounts) return true;
  return targeted == 1 && !busy && QuietPool(key, source, now);
}

IpAddress DistributedDetector::PoolOf(const IpAddress& ip) {
  return ip.Masked(ip.is_v4() ? kPoolPrefixV4 : kPoolPrefixV6);
}

bool DistributedDetector::QuietPool(const SourceKey& key, const SourceHistory& source,
                                    Timestamp now) const {
  if (key.host != kNoString || source.LoginAccounts() > 0) return false;
  const auto it = pool_logins_.find(PoolOf(key.ip));
  return it == pool_logins_.end() || it->second < now - config_.known_devices.memory;
}

bool DistributedDetector::Excluded(StringId account, Timestamp now, const AccountSet& hot) const {
  if (hot.contains(account)) return true;
  const auto it = accounts_.find(account);
  return it != accounts_.end() && it->second.retrying_until > now;
}

void DistributedDetector::Attribute(Timestamp now, const Judgement& judged, FindingSink* sink) {
  std::vector<SourceKey> found;
  // Every recent source is in the map, with a suspect failure.
  const auto consider = [&](const SourceKey& key) {
    if (!judged.loud.contains(key) && Qualifies(key, sources_.find(key)->second, now, judged)) {
      found.push_back(key);
    }
  };
  if (judge_afresh_) {  // the plain walk unattributed_ stands for (differential test)
    for (const auto& [key, recent] : recent_sources_) {
      if (recent.campaign != campaign_.number) consider(key);
    }
  } else {
    if (unattributed_for_ != campaign_.number) {
      unattributed_.clear();
      for (const auto& [key, recent] : recent_sources_) {
        if (recent.campaign != campaign_.number) unattributed_.insert(key);
      }
      unattributed_for_ = campaign_.number;
    }
    absl::erase_if(unattributed_, [&](const SourceKey& key) {
      const auto recent = recent_sources_.find(key);
      if (recent == recent_sources_.end() || recent->second.campaign == campaign_.number) {
        return true;
      }
      consider(key);
      return false;
    });
  }
  // Stable order for findings: by address.
  std::sort(found.begin(), found.end(), AddressOrder);
  for (const SourceKey& key : found) AddToCampaign(key, &sources_[key], now, sink);
}

void DistributedDetector::AddToCampaign(const SourceKey& key, SourceHistory* source, Timestamp now,
                                        FindingSink* sink) {
  source->campaign = campaign_.number;
  if (const auto recent = recent_sources_.find(key); recent != recent_sources_.end()) {
    recent->second.campaign = campaign_.number;
  }
  Campaign& c = campaign_;
  if (c.sources.empty()) c.first_attributed = now;
  c.sources.push_back(key);
  for (const SuspectFailure& failure : source->suspects) {
    if (c.failures == 0 || failure.time < c.first_failure) c.first_failure = failure.time;
    c.last_failure = std::max(c.last_failure, failure.time);
    ++c.failures;
    if (failure.reason == Reason::kUnknownUser) ++c.unknown_account_failures;
    c.accounts.insert(failure.account);
  }
  if (c.evidence.size() < static_cast<size_t>(config_.episodes.max_evidence)) {
    c.evidence.push_back(SuspectEvidence(key, source->suspects.front(), *strings_));
  }
  if (key.host == kNoString) {
    CampaignNetwork& network = campaign_networks_[CampaignNetworkOf(key.ip)];
    if (network.sources++ == 0) network.example = key;
    if (network.sources == kNetworkWitnesses) pending_.grown.push_back(CampaignNetworkOf(key.ip));
    network.last_seen = std::max(network.last_seen, now);
    if (campaign_networks_.size() > static_cast<size_t>(dc_.max_sources)) {
      DropIdlestHalf(&campaign_networks_);
    }
  }
  const CompromiseCase attributed;  // kAttributed
  for (const NewLogin& login : source->new_logins) {
    if (login.time >= now - dc_.compromise_lookback) {
      ReportCompromise(key, *source, login, attributed, now, sink);
    }
  }
  source->new_logins.clear();
  NotePendingChanged(key);
}

void DistributedDetector::ClosePeriod(Timestamp now, FindingSink* sink) {
  // The rate's rise brackets this campaign when it overlaps the campaign's activity.
  const Timestamp rise = rate_.change_start();
  const Timestamp fall = rate_.change_end();
  if (rise != 0 && rise <= campaign_.last_active &&
      (fall == 0 || fall >= campaign_.start - dc_.window)) {
    campaign_.rate = RateWindow{rise, fall, rate_.baseline_per_hour(), rate_.peak_per_hour()};
  }
  if (!campaign_.sources.empty()) sink->OnFinding(CampaignFinding(campaign_, config_, *strings_));
  Campaign next;
  next.number = campaign_.number;
  next.id = campaign_.id;
  next.start = campaign_.start;
  next.last_active = campaign_.last_active;
  next.rate = campaign_.rate;
  next.period_start = now;
  campaign_ = std::move(next);
}

void DistributedDetector::ForgetQuiet(Timestamp now) {
  const Timestamp since = now - dc_.source_window;
  if (judge_afresh_) {  // the plain walk the queues stand for (differential test)
    absl::erase_if(recent_sources_, [&](const auto& item) {
      if (item.second.last >= since) return false;
      ForgettingSource(item.first);
      return true;
    });
    absl::erase_if(recent_accounts_, [&](const auto& item) {
      if (item.second.last >= since) return false;
      MarkDirty(item.first);
      return true;
    });
    return;
  }
  ForgetBefore(&recent_sources_, &forget_sources_, since,
               [&](const SourceKey& key) { ForgettingSource(key); });
  ForgetBefore(&recent_accounts_, &forget_accounts_, since,
               [&](StringId account) { MarkDirty(account); });
}

void DistributedDetector::ForgettingSource(const SourceKey& key) {
  judgement_.dirty_sources.push_back(key);
  unattributed_.erase(key);
}

void DistributedDetector::RebuildForgetQueues() {
  RebuildQueue(&recent_sources_, &forget_sources_);
  RebuildQueue(&recent_accounts_, &forget_accounts_);
}

void DistributedDetector::ForgetDropped() {
  absl::erase_if(recent_sources_, [&](const auto& item) {
    if (sources_.contains(item.first)) return false;
    ForgettingSource(item.first);
    return true;
  });
  absl::erase_if(recent_accounts_, [&](const auto& item) {
    if (accounts_.contains(item.first)) return false;
    MarkDirty(item.first);
    return true;
  });
  std::vector<SourceKey> dropped;
  for (const SourceKey& key : with_new_logins_) {
    if (!sources_.contains(key)) dropped.push_back(key);
  }
  for (const SourceKey& key : dropped) DropPending(key);
  absl::erase_if(router_logins_, [&](const auto& item) { return !accounts_.contains(item.first); });
  // The dropped keys' entries would stay in the forget queues for a whole source_window: a
  // spray of a million new sources a day through a full map leaves millions of them.
  if (forget_sources_.size() > 2 * recent_sources_.size() + 1024 ||
      forget_accounts_.size() > 2 * recent_accounts_.size() + 1024) {
    RebuildForgetQueues();
  }
}

void DistributedDetector::Evict(Timestamp now) {
  last_evict_ = now;
  if (owned_) owned_->Expire(now);
  const Timestamp idle = now - config_.known_devices.memory;
  absl::erase_if(sources_, [&](const auto& item) { return item.second.last_seen < idle; });
  absl::erase_if(accounts_, [&](const auto& item) { return item.second.last_seen < idle; });
  absl::erase_if(pool_logins_, [&](const auto& item) { return item.second < idle; });
  absl::erase_if(campaign_networks_,
                 [&](const auto& item) { return item.second.last_seen < idle; });
  const Timestamp rotated = now - kRotatingWindow - kMicrosPerDay;
  absl::erase_if(router_logins_,
                 [&](const auto& item) { return item.second.event.time < rotated; });
  ForgetDropped();
}

}  // namespace spraytrace::detect
