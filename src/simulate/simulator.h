// The simulator's front door: `spraytrace simulate` in library form.
//
// Generates the period day by day: every generator adds the day's connections, they are laid
// out as lines, the lines are sorted, those before midnight are written and the rest (sessions
// running past midnight) carried into the next day; then the day is freed. Memory is one day
// of traffic, whatever the period. Output depends only on the config (seed included): the same
// config gives byte-identical files. Runs on the calling thread; never prints.
#ifndef SPRAYTRACE_SIMULATE_SIMULATOR_H_
#define SPRAYTRACE_SIMULATE_SIMULATOR_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "common/status.h"
#include "simulate/ground_truth.h"
#include "simulate/simulation_config.h"

namespace spraytrace::simulate {

struct SimulationStats {
  uint64_t lines = 0;
  uint64_t bytes = 0;
  uint64_t connections = 0;
  uint64_t attempts = 0;         // authentication events a parser counts, benign included
  uint64_t attack_attempts = 0;  // of which by a scenario
};

// Writes the log to `log` (not closed) and fills *truth. REQUIRES: config.Validate() is OK.
Status Simulate(const SimulationConfig& config, std::FILE* log, GroundTruth* truth,
                SimulationStats* stats);

// The format's file name: "auth.log" for sshd-syslog, "auth.jsonl" for sshd-journal, ...
std::string LogFileName(LogFormat format);

// Creates dir if needed and writes dir/LogFileName() and dir/truth.json.
Status SimulateToDirectory(const SimulationConfig& config, const std::string& dir,
                           SimulationStats* stats);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_SIMULATOR_H_
