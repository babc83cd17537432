// The comment header every text blocklist format opens with: what the list is, when it is as
// of, and what the policy did (so a reader of a firewall file can tell why an address is, or is
// not, in it). Built from the Blocklist alone: no wall clock, so reruns are byte-identical.
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_HEADER_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_HEADER_H_

#include <string>

#include "report/blocklist/blocklist.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::report {

// Lines starting with "# ", each ending in '\n'.
std::string BlocklistHeader(const Blocklist& list, const BlocklistPolicy& policy);

// Whole seconds the entry still has at list.as_of, rounded up: at least 1.
int64_t RemainingSeconds(const BlockEntry& entry, const Blocklist& list);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_HEADER_H_
