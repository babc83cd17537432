// nftables blocklist: a file for `nft -f` that creates (if missing) table inet <name> with the
// interval sets <name>_v4 and <name>_v6, empties them and adds every entry with its remaining
// lifetime as the element's timeout, so loading it again replaces the list. It adds no rule:
// the operator's own ruleset decides what a match means, e.g.
//   nft add rule inet filter input ip saddr @spraytrace_v4 drop
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_NFT_WRITER_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_NFT_WRITER_H_

#include <string>

#include "report/blocklist/blocklist.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::report {

// REQUIRES: list entries disjoint (an interval set refuses overlaps), policy.Validate().ok().
std::string RenderNftBlocklist(const Blocklist& list, const BlocklistPolicy& policy);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_NFT_WRITER_H_
