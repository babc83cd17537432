// TruthRecorder: collects the ground truth while connections are laid out: for each scenario
// its sources, targeted accounts, attempts and first/last attempt; the compromises; the benign
// addresses that appeared. Finish() turns ids into addresses and names. Not thread-safe.
#ifndef SPRAYTRACE_SIMULATE_TRUTH_RECORDER_H_
#define SPRAYTRACE_SIMULATE_TRUTH_RECORDER_H_

#include <string>
#include <unordered_set>
#include <vector>

#include "simulate/connection.h"
#include "simulate/ground_truth.h"
#include "simulate/population.h"
#include "simulate/sshd_line_writer.h"

namespace spraytrace::simulate {

class TruthRecorder {
 public:
  // Returns the scenario's index, for Connection::scenario.
  int16_t AddScenario(std::string id, ScenarioKind kind);
  // Counts one laid-out connection (benign or not).
  void Record(const Connection& c, const ConnectionTimes& times);
  // Fills the scenarios, compromises and benign_sources of *truth. Times are truncated to
  // whole seconds when second_resolution (syslog timestamps have no fraction).
  void Finish(const Population& population, bool second_resolution, GroundTruth* truth) const;

 private:
  struct Track {
    std::string id;
    ScenarioKind kind = ScenarioKind::kBruteForce;
    Timestamp start = 0;
    Timestamp end = 0;
    uint64_t attempts = 0;
    std::vector<uint32_t> sources;  // in order of first appearance
    std::vector<uint32_t> accounts;
    std::unordered_set<uint32_t> seen_sources;
    std::unordered_set<uint32_t> seen_accounts;
  };
  struct CompromiseRecord {
    uint32_t account;
    uint32_t address;
    Timestamp time;
    int16_t scenario;
  };
  std::vector<Track> tracks_;
  std::vector<CompromiseRecord> compromises_;
  std::unordered_set<uint32_t> benign_sources_;
};

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_TRUTH_RECORDER_H_
