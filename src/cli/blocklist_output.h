// Writing blocklists from findings under a policy: shared by
// `spraytrace scan --blocklist FILE` and `spraytrace blocklist --findings FILE`.
//
// Each file is written to FILE.tmp and renamed over FILE, so a firewall reloading it from cron
// never reads half a list. "-" is standard output.
#ifndef SPRAYTRACE_CLI_BLOCKLIST_OUTPUT_H_
#define SPRAYTRACE_CLI_BLOCKLIST_OUTPUT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "detect/finding.h"
#include "report/blocklist/blocklist_format.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::cli {

struct BlocklistRequest {
  std::vector<std::string> paths;  // blocklist files; the format from each name's extension ...
  std::string format;              // ... unless this names one for all ("plain", "nft", ...)
  std::vector<std::string> stix_paths;  // STIX 2.1 bundles, whatever their names (--stix FILE)
  std::string as_of;                    // ISO-8601 UTC time or "now"; empty: the latest evidence
  bool empty() const { return paths.empty() && stix_paths.empty(); }
  // True when some file of the request is "-".
  bool writes_stdout() const;
};

// Parses request.as_of: nullopt when empty; "now" is the wall clock.
Result<std::optional<Timestamp>> ParseAsOf(std::string_view text);

// Checks formats and as_of before any work, so a typo fails before a long scan.
Status ValidateRequest(const BlocklistRequest& request);

// Decides and writes every requested file. Returns one line per file for the user, e.g.
// "blocklist.nft: 41 nft entries (from 745 addresses ...)"; a STIX bundle's line also counts its
// campaigns. REQUIRES: policy.Validate().ok().
Result<std::vector<std::string>> WriteBlocklists(const std::vector<detect::Finding>& findings,
                                                 const report::BlocklistPolicy& policy,
                                                 const BlocklistRequest& request);

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_BLOCKLIST_OUTPUT_H_
