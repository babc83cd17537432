// DecideBlocklist: turns findings into a Blocklist under a BlocklistPolicy.
//
// A finding is selected when its rule name or id is in policy.rules and it reaches
// min_confidence and min_severity. Each address it attributes (related.ip, source.ip) is
// dropped when an allowed network holds it, else widened to the policy's scope (narrowed back to
// the address when that scope would reach into an allowed network). Entries for the same network
// combine: earliest first_seen, latest last_seen, highest confidence and severity, every rule
// and campaign. An entry expires ttl after its last evidence; expired ones are left out.
//
// Deterministic: the same findings and policy give the same list, whatever their order. Pure.
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_DECISION_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_DECISION_H_

#include <optional>
#include <vector>

#include "detect/finding.h"
#include "report/blocklist/blocklist.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::report {

// as_of: the time remaining lifetimes count from; unset means the latest evidence time of the
// selected findings (so replaying old logs gives a list as it was then, and reruns are
// byte-identical). REQUIRES: policy.Validate().ok().
Blocklist DecideBlocklist(const std::vector<detect::Finding>& findings,
                          const BlocklistPolicy& policy,
                          std::optional<Timestamp> as_of = std::nullopt);

// Merges adjacent and contained entries (cidr_aggregation.h), combining them as above, never
// into a network wider than /8 (IPv4) or /16 (IPv6).
Blocklist AggregateBlocklist(const Blocklist& list);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_DECISION_H_
