// ipset blocklist: input for `ipset restore` that creates (if missing) the hash:net sets
// <name>_v4 and <name>_v6, empties them and adds every entry with its remaining lifetime as a
// per-entry timeout. Use from iptables: -m set --match-set spraytrace_v4 src -j DROP.
// ipset caps timeouts at 2147483 s (24.8 days): longer lifetimes are written as that cap.
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_IPSET_WRITER_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_IPSET_WRITER_H_

#include <cstdint>
#include <string>

#include "report/blocklist/blocklist.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::report {

inline constexpr int64_t kIpsetMaxTimeoutSeconds = 2'147'483;

// REQUIRES: policy.Validate().ok().
std::string RenderIpsetBlocklist(const Blocklist& list, const BlocklistPolicy& policy);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_IPSET_WRITER_H_
