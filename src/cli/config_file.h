// Settings from a TOML file and from `--set key=value` flags (detectors, and the [blocklist]
// policy), through one table of known keys, so both report mistakes the same way: the key, the
// value, the file, and the rule, e.g.
// "config.toml: invalid brute_force.max_failures 'five': must be an integer".
//
// Keys are "section.name" as written in the file:
//   [brute_force]            [spray]                        [slow]                 [episodes]
//   enabled = true           enabled = true                 enabled = true         idle_gap = "6h"
//   max_failures = 5         min_failed_accounts = 5        min_failures = 10 max_related_users =
//   1000 find_window = "10m"      window = "24h"                 window = "24h" max_evidence = 5
//                            max_failures_per_account = 4.0 min_span = "1h"
//                            max_success_ratio = 0.2        ignore_accounts_with_success = true
// and more ([enrichment] asn_db = "GeoLite2-ASN.mmdb", intel = ["quad7.txt"]; [blocklist] rules =
// ["brute_force", ...], ttl = "7d", allow = ["192.0.2.0/24"]): `spraytrace scan --print-config`
// lists every key with its value.
#ifndef SPRAYTRACE_CLI_CONFIG_FILE_H_
#define SPRAYTRACE_CLI_CONFIG_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "correlate/enrichment_options.h"
#include "detect/detector_config.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::cli {

// Everything a config file sets.
struct Config {
  detect::DetectorConfig detectors;
  report::BlocklistPolicy blocklist;
  // [enrichment]: ASN/geo databases and intel lists; relative paths in a file are resolved
  // against the file's folder.
  correlate::EnrichmentOptions enrichment;

  Status Validate() const;
};

// Applies every key in the TOML file at path. Unknown keys and wrong types are errors.
// Does not call Validate(); the caller does once every source of settings is applied.
Status ApplyConfigFile(const std::string& path, Config* config);
// Same, from text; source_name is what messages cite.
Status ApplyConfigText(std::string_view text, std::string_view source_name, Config* config);
// Applies "key=value" (value parsed by the key's type: integer, number, true/false, duration).
Status ApplySetting(std::string_view assignment, Config* config);
// Every known key with its current value, for `spraytrace scan --print-config`.
std::string RenderConfig(const Config& config);
std::vector<std::string> KnownSettingKeys();

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_CONFIG_FILE_H_
