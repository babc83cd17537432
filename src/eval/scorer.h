// Scores findings against ground truth: pure arithmetic on plain structs (docs/eval.md).
//
// A source is *flagged* when any finding names it in related.ip or source.ip. Malicious sources
// are the union of every scenario's sources; "targeted" repeats the source metrics with
// background_noise-only sources left out of both sides. A ratio whose denominator is zero is 1.0
// (nothing flagged: no wrong flag; nothing to find: nothing missed); the counts beside every
// ratio let scripts tell. Accounts are matched case-sensitively, addresses in canonical form.
#ifndef SPRAYTRACE_EVAL_SCORER_H_
#define SPRAYTRACE_EVAL_SCORER_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eval/finding_record.h"
#include "simulate/ground_truth.h"

namespace spraytrace::eval {

// Precision and recall of flagged addresses against one set of malicious addresses.
struct SourceMetrics {
  size_t flagged = 0;         // flagged addresses considered
  size_t malicious = 0;       // malicious addresses
  size_t true_positives = 0;  // flagged and malicious
  double precision = 1.0;     // true_positives / flagged; 1.0 when nothing flagged
  double recall = 1.0;        // true_positives / malicious; 1.0 when nothing malicious
};

struct ScenarioScore {
  std::string id;
  simulate::ScenarioKind kind = simulate::ScenarioKind::kBruteForce;
  Timestamp start = 0;
  Timestamp end = 0;
  uint64_t attempts = 0;
  size_t sources = 0;   // distinct addresses
  size_t flagged = 0;   // of those, flagged
  double recall = 1.0;  // flagged / sources; 1.0 for a scenario without sources
  // Earliest @timestamp >= start of a finding naming one of the scenario's sources.
  std::optional<Timestamp> first_finding;
  std::optional<Micros> time_to_first_finding;  // first_finding - start
  std::map<std::string, size_t> rules;          // rule.name -> findings naming its sources
  size_t targeted_accounts = 0;                 // distinct
  size_t accounts_found = 0;                    // named by findings that name one of its sources
  size_t accounts_found_anywhere = 0;           // named by any finding
};

struct FalsePositive {
  IpAddress ip;
  size_t findings = 0;  // findings naming it
};

struct CompromiseScore {
  simulate::Compromise truth;
  std::optional<Timestamp> found_at;   // earliest matching compromise finding
  std::optional<Micros> time_to_find;  // found_at - truth.time
};

struct CompromiseMetrics {
  size_t total = 0;
  size_t found = 0;
  double recall = 1.0;                        // found / total; 1.0 when there is nothing to find
  std::optional<Micros> median_time_to_find;  // over found compromises
  std::optional<Micros> max_time_to_find;
  size_t alerts = 0;                              // findings with rule.name "compromise"
  size_t false_alerts = 0;                        // of those, naming no compromised account
  std::vector<std::string> false_alert_accounts;  // distinct, first kMaxSample
  std::vector<CompromiseScore> items;             // in truth order
};

struct AccountMetrics {  // over targeted (non-background) scenarios, distinct names
  size_t targeted = 0;
  size_t found = 0;  // found by at least one scenario's rule (ScenarioScore::accounts_found)
  size_t found_anywhere = 0;
};

struct Results {
  uint64_t finding_lines = 0;  // non-blank lines in the findings file
  uint64_t findings = 0;       // findings read and scored
  uint64_t bad_lines = 0;
  std::vector<BadLine> bad_samples;
  std::map<std::string, size_t> findings_by_rule;
  std::vector<ScenarioScore> scenarios;        // in truth order
  SourceMetrics all;                           // every scenario, background noise included
  SourceMetrics targeted;                      // background_noise-only sources left out
  size_t false_positive_count = 0;             // flagged, in no scenario
  std::vector<FalsePositive> false_positives;  // most findings first, first kMaxSample
  AccountMetrics accounts;
  CompromiseMetrics compromises;
};

inline constexpr size_t kMaxSample = 20;
inline constexpr std::string_view kCompromiseRule = "compromise";

Results Score(const simulate::GroundTruth& truth, const FindingsFile& findings);

// The median of values (the mean of the two middle ones for an even count, rounded down);
// nullopt when empty.
std::optional<Micros> Median(std::vector<Micros> values);

// Floors on the overall (all-scenario) source metrics; unset floors are not checked.
struct Floors {
  std::optional<double> min_recall;
  std::optional<double> min_precision;
};
// One sentence per unmet floor, e.g. "recall 0.3 (3 of 10 attacking sources flagged) is below
// --min-recall 0.9"; empty when every floor given is met.
std::vector<std::string> UnmetFloors(const Results& results, const Floors& floors);

}  // namespace spraytrace::eval

#endif  // SPRAYTRACE_EVAL_SCORER_H_
