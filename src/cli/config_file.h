// Detector settings from a TOML file and from `--set key=value` flags, through one table of
// known keys, so both report mistakes the same way: the key, the value, the file, and the rule,
// e.g. "config.toml: invalid brute_force.max_failures 'five': must be an integer".
//
// Keys are "section.name" as written in the file:
//   [brute_force]            [spray]                        [slow]                 [episodes]
//   enabled = true           enabled = true                 enabled = true         idle_gap = "6h"
//   max_failures = 5         min_failed_accounts = 5        min_failures = 10 max_related_users =
//   1000 find_window = "10m"      window = "24h"                 window = "24h" max_evidence = 5
//                            max_failures_per_account = 4.0 min_span = "1h"
//                            max_success_ratio = 0.2        ignore_accounts_with_success = true
// and more: `spraytrace scan --print-config` lists every key with its value.
#ifndef SPRAYTRACE_CLI_CONFIG_FILE_H_
#define SPRAYTRACE_CLI_CONFIG_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "detect/detector_config.h"

namespace spraytrace::cli {

// Applies every key in the TOML file at path. Unknown keys and wrong types are errors.
// Does not call Validate(); the caller does once every source of settings is applied.
Status ApplyConfigFile(const std::string& path, detect::DetectorConfig* config);
// Same, from text; source_name is what messages cite.
Status ApplyConfigText(std::string_view text, std::string_view source_name,
                       detect::DetectorConfig* config);
// Applies "key=value" (value parsed by the key's type: integer, number, true/false, duration).
Status ApplySetting(std::string_view assignment, detect::DetectorConfig* config);
// Every known key with its current value, for `spraytrace scan --print-config`.
std::string RenderConfig(const detect::DetectorConfig& config);
std::vector<std::string> KnownSettingKeys();

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_CONFIG_FILE_H_
