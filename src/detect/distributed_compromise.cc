// The compromise half of DistributedDetector: judging logins from new places while a campaign is
// open (docs/detection.md, "Compromise"). Kept apart from attribution, which it only reads.
#include <algorithm>
#include <vector>

#include "detect/campaign_report.h"
#include "detect/distributed_detector.h"

namespace spraytrace::detect {

IpAddress DistributedDetector::CampaignNetworkOf(const IpAddress& ip) {
  return ip.Masked(ip.is_v4() ? kCampaignPrefixV4 : kCampaignPrefixV6);
}

std::optional<CompromiseCase> DistributedDetector::JudgeLogin(const SourceKey& key,
                                                              const SourceHistory& source,
                                                              const NewLogin& login,
                                                              Timestamp now) const {
  if (source.campaign != 0 && source.campaign == campaign_.number) {
    return CompromiseCase{};  // kAttributed
  }
  // Below, the source is not attributed: it must look like a router of its own, not an address
  // people share. A carrier NAT address where one phone failed and another person logged in, or
  // an office, has logins from its block.
  if (key.host != kNoString || !login.pool_was_quiet || source.LoginAccounts() > 1) {
    return std::nullopt;
  }
  if (auto sprayed = SprayedElsewhere(key, source, login.event.user, now)) return sprayed;
  // A router the campaign has not used against us yet, in a block with several it has: only for
  // an account whose owner logs in elsewhere (a person's first login in the scan is not news).
  if (!RouterLike(key, source, login)) return std::nullopt;
  const auto it = campaign_networks_.find(CampaignNetworkOf(key.ip));
  if (it == campaign_networks_.end() || it->second.sources < kNetworkWitnesses) {
    return std::nullopt;
  }
  CompromiseCase why;
  why.basis = CompromiseBasis::kCampaignNetwork;
  why.witness = it->second.example;
  why.network_sources = it->second.sources;
  return why;
}

bool DistributedDetector::Judgeable(const SourceKey& key, const SourceHistory& source,
                                    const NewLogin& login) {
  return key.host == kNoString && login.pool_was_quiet && source.LoginAccounts() <= 1;
}

bool DistributedDetector::RouterLike(const SourceKey& key, const SourceHistory& source,
                                     const NewLogin& login) {
  return key.host == kNoString && login.pool_was_quiet && login.account_had_logins &&
         source.LoginAccounts() <= 1;
}

// The account's previous router-like login came from another network kRotatingWindow ago or less:
// one password used from two residential addresses that never logged in anywhere, hours apart,
// while a campaign sprays, is the covert network's habit (a node guesses, another comes back).
// A traveller's hotel is one new place; their phone stays in its carrier's known network.
std::optional<CompromiseCase> DistributedDetector::Rotating(StringId account, const SourceKey& key,
                                                            const NewLogin& login) const {
  const auto it = router_logins_.find(account);
  if (it == router_logins_.end()) return std::nullopt;
  const RouterLogin& last = it->second;
  const SavedEvent& earlier = last.event;
  if (login.time - earlier.time > kRotatingWindow) return std::nullopt;
  if (NetworkOf(last.source) == NetworkOf(key)) return std::nullopt;
  // A dual-stack home shows one person from an IPv4 and an IPv6 address, both new the first
  // time: only a pair within one address family counts.
  if (last.source.ip.is_v4() != key.ip.is_v4()) return std::nullopt;
  CompromiseCase why;
  why.basis = CompromiseBasis::kRotating;
  why.witness = last.source;
  why.earlier = earlier;
  return why;
}

// The source failed against another account (not opportunistic) that a source in another
// network also failed against within source_window: it took part in a spray, even if only
// once. A carrier NAT retrying one person's old password stays inside one network; an office
// where a colleague typed a wrong password has no second network on that account.
std::optional<CompromiseCase> DistributedDetector::SprayedElsewhere(const SourceKey& key,
                                                                    const SourceHistory& source,
                                                                    StringId account,
                                                                    Timestamp now) const {
  const SourceKey network = NetworkOf(key);
  const Timestamp since = now - dc_.source_window;
  for (const SuspectFailure& failure : source.suspects) {
    if (failure.account == account || failure.time < since) continue;
    if (Excluded(failure.account, now, last_judged_.hot)) continue;
    if (!Suspect(key, failure.account, now)) continue;
    const auto target = accounts_.find(failure.account);
    if (target == accounts_.end()) continue;
    for (const AccountHit& hit : target->second.hits) {
      if (hit.time < since || NetworkOf(hit.source) == network) continue;
      CompromiseCase why;
      why.basis = CompromiseBasis::kSprayed;
      why.failure = failure;
      why.witness = hit.source;
      return why;
    }
  }
  return std::nullopt;
}

void DistributedDetector::JudgeNewLogins(const SourceKey& key, SourceHistory* source, Timestamp now,
                                         FindingSink* sink) {
  const Timestamp oldest = now - dc_.compromise_lookback;
  std::erase_if(source->new_logins, [&](const NewLogin& login) {
    if (login.time < oldest) return true;
    const auto why = JudgeLogin(key, *source, login, now);
    if (why) ReportCompromise(key, *source, login, *why, now, sink);
    return why.has_value();
  });
}

void DistributedDetector::JudgePendingLogins(Timestamp now, FindingSink* sink) {
  // Judging a source's logins reads nothing another source's judging changes.
  const Timestamp oldest = now - dc_.compromise_lookback;
  std::vector<SourceKey> candidates = PendingCandidates(now);
  if (judge_afresh_) {  // the plain walk the index stands for (differential test)
    candidates.assign(with_new_logins_.begin(), with_new_logins_.end());
    std::sort(candidates.begin(), candidates.end(), AddressOrder);
  }
  const auto judgeable = [&](const SourceKey& key, const SourceHistory& source) {
    return std::any_of(source.new_logins.begin(), source.new_logins.end(),
                       [&](const NewLogin& login) { return Judgeable(key, source, login); });
  };
  // In address order, so findings of one tick come out the same on every run.
  for (const SourceKey& key : candidates) {
    if (!with_new_logins_.contains(key)) continue;
    const auto it = sources_.find(key);
    if (it == sources_.end()) {
      DropPending(key);
      continue;
    }
    SourceHistory& source = it->second;
    const bool due =
        std::any_of(source.new_logins.begin(), source.new_logins.end(), [&](const NewLogin& login) {
          return login.time < oldest || JudgeLogin(key, source, login, now);
        });
    if (due) JudgeNewLogins(key, &source, now, sink);
    if (!judgeable(key, source)) DropPending(key);
  }
}

std::vector<SourceKey> DistributedDetector::PendingCandidates(Timestamp now) {
  std::vector<SourceKey> candidates;
  const Timestamp oldest = now - dc_.compromise_lookback;
  while (pending_.expiry.HasBefore(oldest)) candidates.push_back(pending_.expiry.Pop().key);
  const Timestamp since = now - dc_.source_window;
  absl::erase_if(pending_.with_suspects, [&](const SourceKey& key) {
    const auto it = sources_.find(key);
    if (it == sources_.end()) return false;  // dropped: the walk below drops it
    const std::vector<SuspectFailure>& suspects = it->second.suspects;
    const bool recent = std::any_of(suspects.begin(), suspects.end(),
                                    [&](const SuspectFailure& f) { return f.time >= since; });
    if (recent) candidates.push_back(key);
    return !recent;  // until its next suspect failure, which puts it back
  });
  candidates.insert(candidates.end(), pending_.changed.begin(), pending_.changed.end());
  pending_.changed.clear();
  for (const IpAddress& network : pending_.grown) {
    const auto it = pending_.by_network.find(network);
    if (it != pending_.by_network.end()) {
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
  }
  pending_.grown.clear();
  std::sort(candidates.begin(), candidates.end(), AddressOrder);
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

void DistributedDetector::NotePendingLogin(const SourceKey& key, const SourceHistory& source,
                                           const NewLogin* appended) {
  if (with_new_logins_.contains(key)) {
    if (appended) pending_.expiry.Push(appended->time, key);
    return;
  }
  if (!appended || !Judgeable(key, source, *appended)) return;
  with_new_logins_.insert(key);
  // Its earlier logins too: they were not watched while it was not pending.
  for (const NewLogin& login : source.new_logins) pending_.expiry.Push(login.time, key);
  if (!source.suspects.empty()) pending_.with_suspects.insert(key);
  if (key.host == kNoString) pending_.by_network[CampaignNetworkOf(key.ip)].push_back(key);
}

void DistributedDetector::NotePendingChanged(const SourceKey& key) {
  if (with_new_logins_.contains(key)) pending_.changed.insert(key);
}

void DistributedDetector::DropPending(const SourceKey& key) {
  if (with_new_logins_.erase(key) == 0) return;
  pending_.with_suspects.erase(key);
  pending_.changed.erase(key);
  if (key.host != kNoString) return;
  const auto it = pending_.by_network.find(CampaignNetworkOf(key.ip));
  if (it == pending_.by_network.end()) return;
  it->second.erase(std::remove(it->second.begin(), it->second.end(), key), it->second.end());
  if (it->second.empty()) pending_.by_network.erase(it);
}

void DistributedDetector::RebuildPendingIndex() {
  pending_ = PendingIndex{};
  for (const SourceKey& key : with_new_logins_) {
    const SourceHistory& source = sources_.find(key)->second;
    for (const NewLogin& login : source.new_logins) pending_.expiry.Push(login.time, key);
    if (!source.suspects.empty()) pending_.with_suspects.insert(key);
    if (key.host == kNoString) pending_.by_network[CampaignNetworkOf(key.ip)].push_back(key);
    pending_.changed.insert(key);  // the first tick looks at each once, as a full walk would
  }
}

void DistributedDetector::ReportCompromise(const SourceKey& key, const SourceHistory& source,
                                           const NewLogin& login, const CompromiseCase& why,
                                           Timestamp now, FindingSink* sink) {
  sink->OnFinding(CompromiseFinding(key, source, login.event, why, campaign_, now, *strings_));
}

}  // namespace spraytrace::detect
