// account_targeted (docs/detection.md): one person's account failing from many addresses that
// never logged in to it, in several networks, over hours to days. Catches a focused attack on a
// few accounts that is too small to open a campaign, and names it even when one is open.
#include <algorithm>
#include <utility>
#include <vector>

#include "detect/campaign_report.h"
#include "detect/distributed_detector.h"

namespace spraytrace::detect {

void DistributedDetector::JudgeTargetedAccounts(Timestamp now, FindingSink* sink) {
  const Timestamp since = now - dc_.targeted_window;
  const auto wanted = static_cast<size_t>(dc_.targeted_sources);
  std::vector<StringId> crossed;
  // Candidates kept hits enough when they last failed; forgotten once they have not (or are no
  // longer recent), until they fail again.
  absl::erase_if(judgement_.targeted_candidates, [&](StringId account) {
    if (!recent_accounts_.contains(account)) return true;
    const auto it = accounts_.find(account);
    if (it == accounts_.end() || it->second.hits.size() < wanted) return true;
    const AccountHistory& history = it->second;
    // Only accounts people use: root on a key-only server, or names that do not exist, are
    // background noise's targets, not this rule's.
    if (history.last_login != 0 && history.targeted_reported < since) crossed.push_back(account);
    return false;
  });
  std::sort(crossed.begin(), crossed.end());  // findings of one tick in a stable order
  std::vector<SourceKey> sources;
  std::vector<std::pair<SourceKey, int>> networks;  // network, suspect failures from it
  for (StringId account : crossed) {
    AccountHistory& history = accounts_[account];
    networks.clear();
    const auto counted = [&](const AccountHit& hit) {
      return hit.time >= since && hit.time <= now - dc_.settle && !hit.cleared;
    };
    for (const AccountHit& hit : history.hits) {
      if (!counted(hit)) continue;
      const SourceKey network = NetworkOf(hit.source);
      auto it = std::find_if(networks.begin(), networks.end(),
                             [&](const auto& entry) { return entry.first == network; });
      if (it == networks.end()) {
        networks.emplace_back(network, 1);
      } else {
        ++it->second;
      }
    }
    // A network failing again and again is a device of the account's own retrying an old
    // password across its carrier's pool (see Retrying), not one more attacker.
    const auto retrying = [&](const SourceKey& network) {
      return std::any_of(networks.begin(), networks.end(), [&](const auto& entry) {
        return entry.first == network && entry.second >= kRetryFailures;
      });
    };
    const auto attackers =
        static_cast<size_t>(std::count_if(networks.begin(), networks.end(), [](const auto& entry) {
          return entry.second < kRetryFailures;
        }));
    if (attackers < wanted) continue;
    sources.clear();
    Timestamp first = now;
    Timestamp last = since;
    for (const AccountHit& hit : history.hits) {
      if (!counted(hit) || retrying(NetworkOf(hit.source))) continue;
      if (std::find(sources.begin(), sources.end(), hit.source) != sources.end()) continue;
      sources.push_back(hit.source);
      first = std::min(first, hit.time);
      last = std::max(last, hit.time);
    }
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
    sink->OnFinding(TargetedAccountFinding(account, sources, attackers, first, last, now,
                                           std::move(evidence), config_, *strings_));
  }
}

}  // namespace spraytrace::detect
