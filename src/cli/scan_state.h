// `spraytrace scan --state FILE`: the state file is read and checked before anything is scanned
// or written, and saved after the run (docs/detection.md, "State across runs"; the file format
// is store/snapshot_file.h). Every refusal names the file and what is wrong, says the file was
// left as it is, and how to start fresh on purpose (--state-reset). Never prints.
#ifndef SPRAYTRACE_CLI_SCAN_STATE_H_
#define SPRAYTRACE_CLI_SCAN_STATE_H_

#include <string>
#include <string_view>

#include "cli/config_file.h"
#include "cli/scan_runner.h"
#include "common/result.h"
#include "common/status.h"
#include "store/snapshot_file.h"

namespace spraytrace::cli {

// The detector settings a state file records: every section `--print-config` prints except
// [blocklist] and [enrichment], which decide what a blocklist holds and what findings are
// annotated with, not what is detected (so they may change between runs: a new threat-intel
// feed, a database moved).
std::string DetectorSettingsText(const Config& config);
// The same filter over text RenderConfig wrote (a state file's header).
std::string DetectorSettingsOf(std::string_view rendered);

struct OpenedState {
  bool exists = false;  // false: a fresh start (no file yet, or --state-reset)
  store::Snapshot snapshot;
};

// Reads and checks path (unless reset): a snapshot of this format version, undamaged, built
// with `settings`. A missing file is a fresh start, not an error.
Result<OpenedState> OpenStateFile(const std::string& path, bool reset, std::string_view settings);

// The refusal for a state whose body does not decode (ScanRun::Restore's error).
std::string DamagedStateMessage(const std::string& path, std::string_view what);

// Writes the run's state atomically (the old file stays whole if this fails).
Status SaveStateFile(const std::string& path, std::string_view settings,
                     const StateOutcome& outcome);

// Settings that differ between two DetectorSettingsText renderings, as
// `distributed.window = "1d" there, "2d" now`, at most `limit` of them and "N more".
std::string SettingsDifference(std::string_view saved, std::string_view now, size_t limit = 3);

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_SCAN_STATE_H_
