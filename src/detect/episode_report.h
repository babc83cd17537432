// The findings of one closed source episode: which rules fired, with complete counts.
//
// Precedence within an episode: a single-source spray is reported when it fired; a burst is
// reported beside it only when a burst against at most two accounts happened (a concentrated
// attack inside a spraying source). Without a spray, the first burst is reported, except from a
// shared address (at least 3 accounts logged in from the source, and more than
// brute_force.max_success_ratio times its failed-only accounts: an office NAT): there bursts are
// people mistyping, and only a concentrated burst against accounts that never logged in from the
// source is reported. When neither a burst nor a spray fired, the slow rule is evaluated
// (slow_rule.h). A spraying source's logins, made after its first failure to accounts that had
// not logged in from its address or network before, are each a compromise.single_source: the
// guess that worked. Pure function; thread-compatible.
#ifndef SPRAYTRACE_DETECT_EPISODE_REPORT_H_
#define SPRAYTRACE_DETECT_EPISODE_REPORT_H_

#include <vector>

#include "detect/detector_config.h"
#include "detect/finding.h"
#include "detect/known_devices.h"
#include "detect/source_state.h"
#include "event/string_pool.h"

namespace spraytrace::detect {

// REQUIRES: strings holds every id in state. known: logins remembered across episodes.
std::vector<Finding> BuildEpisodeFindings(const SourceState& state, const DetectorConfig& config,
                                          const StringPool& strings, const KnownDevices& known);

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_EPISODE_REPORT_H_
