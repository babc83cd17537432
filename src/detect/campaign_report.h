// Findings of the distributed rules: one distributed_spray finding per campaign period, and
// compromise findings. Pure functions over plain state; thread-compatible.
#ifndef SPRAYTRACE_DETECT_CAMPAIGN_REPORT_H_
#define SPRAYTRACE_DETECT_CAMPAIGN_REPORT_H_

#include <vector>

#include "detect/detector_config.h"
#include "detect/distributed_state.h"
#include "detect/finding.h"
#include "event/string_pool.h"

namespace spraytrace::detect {

// REQUIRES: !campaign.sources.empty().
Finding CampaignFinding(const Campaign& campaign, const DetectorConfig& config,
                        const StringPool& strings);

// `login` is a success from `key` to an account that had never logged in from it or its
// network, judged a compromise of `campaign` at `now` for the reason in `why`.
Finding CompromiseFinding(const SourceKey& key, const SourceHistory& source,
                          const SavedEvent& login, const CompromiseCase& why,
                          const Campaign& campaign, Timestamp now, const StringPool& strings);

// An account that logs in elsewhere failed from `sources` (distinct, suspect) in `networks`
// networks (sources retrying from one network left out); `evidence` cites some of the failures.
// REQUIRES: !sources.empty().
Finding TargetedAccountFinding(StringId account, const std::vector<SourceKey>& sources,
                               size_t networks, Timestamp first, Timestamp last, Timestamp now,
                               std::vector<Evidence> evidence, const DetectorConfig& config,
                               const StringPool& strings);

// Cited evidence for one suspect failure.
Evidence SuspectEvidence(const SourceKey& key, const SuspectFailure& failure,
                         const StringPool& strings);

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_CAMPAIGN_REPORT_H_
