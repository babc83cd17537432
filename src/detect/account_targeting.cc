// account_targeted (docs/detection.md): one person's account failing from many addresses that
// never logged in to it, in several networks, over hours to days. Catches a focused attack on a
// few accounts that is too small to open a campaign, and names it even when one is open.
#include <algorithm>
#include <vector>

#include "detect/campaign_report.h"
#include "detect/distributed_detector.h"

namespace spraytrace::detect {
namespace {

// One carrier's NAT pool is one network: a phone retrying there is not many attackers.
constexpr size_t kTargetedNetworks = 3;

}  // namespace

void DistributedDetector::JudgeTargetedAccounts(Timestamp now, FindingSink* sink) {
  const Timestamp since = now - dc_.targeted_window;
  const auto wanted = static_cast<size_t>(dc_.targeted_sources);
  std::vector<StringId> crossed;
  for (const auto& [account, history] : accounts_) {
    // Only accounts people use: root on a key-only server, or names that do not exist, are
    // background noise's targets, not this rule's.
    if (history.hits.size() < wanted || history.last_login == 0) continue;
    if (history.targeted_reported >= since) continue;
    crossed.push_back(account);
  }
  std::sort(crossed.begin(), crossed.end());  // findings of one tick in a stable order
  std::vector<SourceKey> sources;
  std::vector<SourceKey> networks;
  for (StringId account : crossed) {
    AccountHistory& history = accounts_[account];
    sources.clear();
    networks.clear();
    Timestamp first = now;
    Timestamp last = since;
    for (const AccountHit& hit : history.hits) {
      if (hit.time < since || hit.time > now - dc_.settle) continue;
      if (!Suspect(hit.source, account, now)) continue;
      if (std::find(sources.begin(), sources.end(), hit.source) != sources.end()) continue;
      sources.push_back(hit.source);
      first = std::min(first, hit.time);
      last = std::max(last, hit.time);
      const SourceKey network = NetworkOf(hit.source);
      if (std::find(networks.begin(), networks.end(), network) == networks.end()) {
        networks.push_back(network);
      }
    }
    if (sources.size() < wanted || networks.size() < kTargetedNetworks) continue;
    history.targeted_reported = now;
    std::vector<Evidence> evidence;
    for (const SourceKey& key : sources) {
      if (evidence.size() >= static_cast<size_t>(config_.episodes.max_evidence)) break;
      const auto it = sources_.find(key);
      if (it == sources_.end()) continue;
      for (const SuspectFailure& failure : it->second.suspects) {
        if (failure.account != account || failure.time < since) continue;
        evidence.push_back(SuspectEvidence(key, failure, *strings_));
        break;
      }
    }
    sink->OnFinding(TargetedAccountFinding(account, sources, networks.size(), first, last, now,
                                           std::move(evidence), config_, *strings_));
  }
}

}  // namespace spraytrace::detect
