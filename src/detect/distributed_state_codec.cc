// Save / Load of DistributedDetector's state across runs: the per-source and per-account
// histories, the /24 logins, the open campaign (its id and number, so a campaign that goes on in
// the next run keeps its id), the CUSUM, the last tick's judgement and the clocks. The sets
// that index the maps (recent sources and accounts, pending logins) are checked against them on
// load, so a damaged file cannot break the invariant the ticks rely on.
#include <algorithm>
#include <utility>

#include "detect/distributed_detector.h"
#include "detect/state_codec.h"

namespace spraytrace::detect {
namespace {

using store::StateDecoder;
using store::StateEncoder;

void SaveSuspect(const SuspectFailure& f, StateEncoder* out) {
  out->PutI64(f.time);
  out->PutString(f.account);
  out->PutEnum(f.reason);
  SaveLocation(f.where, out);
}

SuspectFailure LoadSuspect(StateDecoder* in) {
  SuspectFailure f;
  f.time = in->I64();
  f.account = in->String();
  f.reason = in->EnumUpTo(kLastReason);
  f.where = LoadLocation(in);
  return f;
}

void SaveSourceHistory(const SourceHistory& s, StateEncoder* out) {
  out->PutI64(s.last_seen);
  out->PutString(s.login_accounts[0]);
  out->PutString(s.login_accounts[1]);
  out->PutU64(s.suspects.size());
  for (const SuspectFailure& f : s.suspects) SaveSuspect(f, out);
  out->PutU64(s.new_logins.size());
  for (const NewLogin& login : s.new_logins) {
    out->PutI64(login.time);
    SaveSavedEvent(login.event, out);
    out->PutBool(login.account_had_logins);
    out->PutBool(login.pool_was_quiet);
  }
  out->PutU64(s.campaign);
}

SourceHistory LoadSourceHistory(StateDecoder* in) {
  SourceHistory s;
  s.last_seen = in->I64();
  s.login_accounts[0] = in->String();
  s.login_accounts[1] = in->String();
  const size_t suspects = in->Count(4);
  if (suspects > kMaxSuspectsPerSource) in->Fail("more suspect failures than the bound");
  for (size_t i = 0; i < suspects && in->ok(); ++i) s.suspects.push_back(LoadSuspect(in));
  const size_t logins = in->Count(4);
  if (logins > kMaxNewLoginsPerSource) in->Fail("more pending logins than the bound");
  for (size_t i = 0; i < logins && in->ok(); ++i) {
    NewLogin login;
    login.time = in->I64();
    login.event = LoadSavedEvent(in);
    login.account_had_logins = in->Bool();
    login.pool_was_quiet = in->Bool();
    s.new_logins.push_back(login);
  }
  s.campaign = in->U64();
  return s;
}

// The account's router-like login is saved with it (none: an invalid event).
void SaveAccountHistory(const AccountHistory& a, const RouterLogin& router, StateEncoder* out) {
  out->PutI64(a.last_seen);
  out->PutI64(a.last_login);
  out->PutI64(a.retrying_until);
  SaveSourceKey(router.source, out);
  SaveSavedEvent(router.event, out);
  out->PutI64(a.targeted_reported);
  out->PutU64(a.hits.size());
  for (const AccountHit& hit : a.hits) {
    SaveSourceKey(hit.source, out);
    out->PutI64(hit.time);
    out->PutBool(hit.cleared);
  }
}

AccountHistory LoadAccountHistory(StateDecoder* in, RouterLogin* router) {
  AccountHistory a;
  a.last_seen = in->I64();
  a.last_login = in->I64();
  a.retrying_until = in->I64();
  router->source = LoadSourceKey(in);
  router->event = LoadSavedEvent(in);
  a.targeted_reported = in->I64();
  const size_t hits = in->Count(4);
  if (hits > kMaxHitsPerAccount) in->Fail("more account hits than the bound");
  for (size_t i = 0; i < hits && in->ok(); ++i) {
    AccountHit hit;
    hit.source = LoadSourceKey(in);
    hit.time = in->I64();
    hit.cleared = in->Bool();
    a.hits.push_back(hit);
  }
  return a;
}

void SaveCampaign(const Campaign& c, StateEncoder* out) {
  out->PutU64(c.number);
  out->PutBytes(c.id);
  out->PutI64(c.start);
  out->PutI64(c.last_active);
  out->PutI64(c.period_start);
  out->PutU64(c.peak_accounts);
  SaveRateWindow(c.rate, out);
  out->PutU64(c.sources.size());
  for (const SourceKey& key : c.sources) SaveSourceKey(key, out);
  out->PutU64(c.accounts.size());
  for (const StringId account : c.accounts) out->PutString(account);
  out->PutI64(c.first_attributed);
  out->PutI64(c.first_failure);
  out->PutI64(c.last_failure);
  out->PutU64(c.failures);
  out->PutU64(c.unknown_account_failures);
  out->PutU64(c.evidence.size());
  for (const Evidence& e : c.evidence) SaveEvidence(e, out);
}

Campaign LoadCampaign(StateDecoder* in) {
  Campaign c;
  c.number = in->U64();
  c.id = in->Bytes();
  c.start = in->I64();
  c.last_active = in->I64();
  c.period_start = in->I64();
  c.peak_accounts = static_cast<size_t>(in->U64());
  c.rate = LoadRateWindow(in);
  const size_t sources = in->Count(2);
  c.sources.reserve(sources);
  for (size_t i = 0; i < sources && in->ok(); ++i) c.sources.push_back(LoadSourceKey(in));
  const size_t accounts = in->Count(1);
  for (size_t i = 0; i < accounts && in->ok(); ++i) c.accounts.insert(in->String());
  c.first_attributed = in->I64();
  c.first_failure = in->I64();
  c.last_failure = in->I64();
  c.failures = in->U64();
  c.unknown_account_failures = in->U64();
  const size_t evidence = in->Count(4);
  for (size_t i = 0; i < evidence && in->ok(); ++i) c.evidence.push_back(LoadEvidence(in));
  if (c.number == 0 && !c.id.empty()) in->Fail("a campaign id without a campaign");
  return c;
}

// A set's element, or a map item's key: the recent maps are saved as the sets they were.
const SourceKey& KeyOf(const SourceKey& key) { return key; }
StringId KeyOf(StringId account) { return account; }
template <typename Key, typename Value>
const Key& KeyOf(const std::pair<const Key, Value>& item) {
  return item.first;
}

template <typename Set>
void SaveKeys(const Set& keys, StateEncoder* out) {
  out->PutU64(keys.size());
  for (const auto& key : keys) SaveSourceKey(KeyOf(key), out);
}

template <typename Set>
void LoadKeys(StateDecoder* in, Set* keys) {
  keys->clear();
  const size_t count = in->Count(2);
  for (size_t i = 0; i < count && in->ok(); ++i) keys->insert(LoadSourceKey(in));
}

template <typename Set>
void SaveAccounts(const Set& accounts, StateEncoder* out) {
  out->PutU64(accounts.size());
  for (const auto& account : accounts) out->PutString(KeyOf(account));
}

template <typename Set>
void LoadAccounts(StateDecoder* in, Set* accounts) {
  accounts->clear();
  const size_t count = in->Count(1);
  for (size_t i = 0; i < count && in->ok(); ++i) accounts->insert(in->String());
}

}  // namespace

void DistributedDetector::Save(Timestamp now, StateEncoder* out) const {
  out->BeginSection("distributed_detector");
  const Timestamp idle = now - config_.known_devices.memory;
  const auto live = [&](const auto& item) { return item.second.last_seen >= idle; };
  out->PutU64(static_cast<uint64_t>(std::count_if(sources_.begin(), sources_.end(), live)));
  for (const auto& item : sources_) {
    if (!live(item)) continue;
    SaveSourceKey(item.first, out);
    SaveSourceHistory(item.second, out);
  }
  out->PutU64(static_cast<uint64_t>(std::count_if(accounts_.begin(), accounts_.end(), live)));
  for (const auto& item : accounts_) {
    if (!live(item)) continue;
    out->PutString(item.first);
    const auto router = router_logins_.find(item.first);
    SaveAccountHistory(item.second, router != router_logins_.end() ? router->second : RouterLogin(),
                       out);
  }
  const auto pool_live = [&](const auto& item) { return item.second >= idle; };
  out->PutU64(
      static_cast<uint64_t>(std::count_if(pool_logins_.begin(), pool_logins_.end(), pool_live)));
  for (const auto& item : pool_logins_) {
    if (!pool_live(item)) continue;
    out->PutIp(item.first);
    out->PutI64(item.second);
  }
  SaveCampaign(campaign_, out);
  out->PutU64(campaigns_);
  out->PutU64(campaign_networks_.size());
  for (const auto& [network, entry] : campaign_networks_) {
    out->PutIp(network);
    out->PutU32(entry.sources);
    SaveSourceKey(entry.example, out);
    out->PutI64(entry.last_seen);
  }
  SaveKeys(with_new_logins_, out);
  SaveKeys(recent_sources_, out);
  SaveAccounts(recent_accounts_, out);
  SaveAccounts(last_judged_.hot, out);
  SaveAccounts(last_judged_.busy, out);
  SaveKeys(last_judged_.loud, out);
  rate_.Save(out);
  out->PutI64(latest_);
  out->PutI64(last_tick_);
  out->PutI64(last_evict_);
  out->PutBool(owned_ != nullptr);
  if (owned_) owned_->Save(now, out);
  out->EndSection();
}

bool DistributedDetector::Load(StateDecoder* in) {
  if (!in->EnterSection("distributed_detector")) return false;
  sources_.clear();
  const size_t sources = in->Count(8);
  for (size_t i = 0; i < sources && in->ok(); ++i) {
    const SourceKey key = LoadSourceKey(in);
    if (!sources_.try_emplace(key, LoadSourceHistory(in)).second) in->Fail("a source twice");
  }
  accounts_.clear();
  router_logins_.clear();
  const size_t accounts = in->Count(8);
  for (size_t i = 0; i < accounts && in->ok(); ++i) {
    const StringId account = in->String();
    RouterLogin router;
    if (!accounts_.try_emplace(account, LoadAccountHistory(in, &router)).second) {
      in->Fail("an account twice");
    }
    if (router.event.valid) router_logins_[account] = router;
  }
  pool_logins_.clear();
  const size_t pools = in->Count(6);
  for (size_t i = 0; i < pools && in->ok(); ++i) {
    const IpAddress pool = in->Ip();
    pool_logins_[pool] = in->I64();
  }
  campaign_ = LoadCampaign(in);
  campaigns_ = in->U64();
  if (campaign_.number > campaigns_) in->Fail("the open campaign's number is past the count");
  campaign_networks_.clear();
  const size_t networks = in->Count(4);
  for (size_t i = 0; i < networks && in->ok(); ++i) {
    const IpAddress network = in->Ip();
    CampaignNetwork& entry = campaign_networks_[network];
    entry.sources = in->U32();
    entry.example = LoadSourceKey(in);
    entry.last_seen = in->I64();
  }
  LoadKeys(in, &with_new_logins_);
  SourceSet recent_sources;
  LoadKeys(in, &recent_sources);
  AccountSet recent_accounts;
  LoadAccounts(in, &recent_accounts);
  // What the recent maps hold besides their keys is what the histories' lists end with.
  recent_sources_.clear();
  for (const SourceKey& key : recent_sources) {
    const auto it = sources_.find(key);
    if (it == sources_.end() || it->second.suspects.empty()) continue;
    recent_sources_[key] =
        RecentSource{.last = it->second.suspects.back().time, .campaign = it->second.campaign};
  }
  recent_accounts_.clear();
  for (const StringId account : recent_accounts) {
    const auto it = accounts_.find(account);
    if (it == accounts_.end() || it->second.hits.empty()) continue;
    recent_accounts_[account].last = it->second.hits.back().time;
  }
  judgement_ = JudgementCache{};  // rebuilt at the next tick
  last_judged_ = Judgement();
  LoadAccounts(in, &last_judged_.hot);
  LoadAccounts(in, &last_judged_.busy);
  LoadKeys(in, &last_judged_.loud);
  if (in->ok()) rate_.Load(in);
  latest_ = in->I64();
  last_tick_ = in->I64();
  last_evict_ = in->I64();
  const bool owned = in->Bool();
  if (in->ok() && owned != (owned_ != nullptr)) {
    in->Fail("saved with a login memory of its own, loaded into a shared one, or the reverse");
  }
  if (in->ok() && owned_) owned_->Load(in);
  // Every key in the recent maps and pending set must be in the maps (ticks look them up
  // unchecked); Save left idle ones out of the maps, so drop them from the sets too.
  ForgetDropped();
  RebuildForgetQueues();
  RebuildPendingIndex();
  unattributed_.clear();
  unattributed_for_ = std::numeric_limits<uint64_t>::max();  // rebuilt at the next attribution
  return in->LeaveSection();
}

bool DistributedDetector::SameState(const DistributedDetector& other) const {
  const bool memory =
      (owned_ == nullptr) == (other.owned_ == nullptr) && (!owned_ || *owned_ == *other.owned_);
  return memory && sources_ == other.sources_ && accounts_ == other.accounts_ &&
         router_logins_ == other.router_logins_ && pool_logins_ == other.pool_logins_ &&
         campaign_ == other.campaign_ && campaigns_ == other.campaigns_ &&
         campaign_networks_ == other.campaign_networks_ &&
         with_new_logins_ == other.with_new_logins_ && recent_sources_ == other.recent_sources_ &&
         recent_accounts_ == other.recent_accounts_ && last_judged_.hot == other.last_judged_.hot &&
         last_judged_.busy == other.last_judged_.busy &&
         last_judged_.loud == other.last_judged_.loud && rate_ == other.rate_ &&
         latest_ == other.latest_ && last_tick_ == other.last_tick_ &&
         last_evict_ == other.last_evict_;
}

}  // namespace spraytrace::detect
