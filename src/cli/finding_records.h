// Findings read back from a JSON-lines file (eval::FindingRecord) as detect::Finding values, so
// `spraytrace blocklist --findings FILE` decides on them exactly as `scan --blocklist` does.
#ifndef SPRAYTRACE_CLI_FINDING_RECORDS_H_
#define SPRAYTRACE_CLI_FINDING_RECORDS_H_

#include <cstdint>
#include <vector>

#include "detect/finding.h"
#include "eval/finding_record.h"

namespace spraytrace::cli {

struct ConvertedFindings {
  std::vector<detect::Finding> findings;
  uint64_t unknown_rules = 0;  // records whose rule.name no rule has: left out
};

// A record without event.severity or spraytrace.confidence gets 0 for it (so it passes only a
// policy that asks for nothing); without event.start/end, its @timestamp.
ConvertedFindings FindingsFromRecords(const std::vector<eval::FindingRecord>& records);

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_FINDING_RECORDS_H_
