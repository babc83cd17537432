// GroundTruth: what a simulated log really contains, written beside it by `spraytrace simulate`
// and read by `spraytrace eval`. The file format is docs/truth-format.md (JSON, "format":
// "spraytrace-truth/1"). Plain value types.
#ifndef SPRAYTRACE_SIMULATE_GROUND_TRUTH_H_
#define SPRAYTRACE_SIMULATE_GROUND_TRUTH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "event/ip_address.h"
#include "event/timestamp.h"

namespace spraytrace::simulate {

enum class ScenarioKind : uint8_t {
  kBruteForce,         ///< one source, one or few accounts, fast
  kSingleSourceSpray,  ///< one source, many accounts, one or two passwords
  kCovertNetwork,      ///< CovertNetwork-1658-like: thousands of rotating sources, ~1/account/day
  kBackgroundNoise,    ///< internet SSH guessing of root/admin from many addresses (an attack,
                       ///< but not the targeted campaign; scored on its own)
};

std::string_view ScenarioKindName(ScenarioKind kind);  // "brute_force", "covert_network", ...
bool ParseScenarioKind(std::string_view name, ScenarioKind* kind);

struct Scenario {
  std::string id;  // unique in the file, e.g. "covert-1"
  ScenarioKind kind = ScenarioKind::kBruteForce;
  Timestamp start = 0;  // first and last attempt
  Timestamp end = 0;
  std::vector<IpAddress> sources;              // every address that sent an attempt
  std::vector<std::string> targeted_accounts;  // every account name tried (existing or not)
  uint64_t attempts = 0;
};

struct Compromise {
  std::string account;
  IpAddress source;      // the source of the success
  Timestamp time = 0;    // the successful login (or password-correct result)
  std::string scenario;  // Scenario::id that found the password
};

struct GroundTruth {
  uint64_t seed = 0;
  Timestamp start = 0;  // the simulated period
  Timestamp end = 0;
  std::string log_format;  // "sshd-syslog", "sshd-journal"
  uint64_t benign_users = 0;
  uint64_t benign_sources = 0;
  uint64_t lines = 0;
  std::vector<Scenario> scenarios;
  std::vector<Compromise> compromises;
};

// Serialises to the JSON of docs/truth-format.md (one document, pretty enough to read).
std::string GroundTruthToJson(const GroundTruth& truth);
// Parses it back; errors name the field and the problem.
Result<GroundTruth> ParseGroundTruth(std::string_view json);
Result<GroundTruth> LoadGroundTruth(const std::string& path);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_GROUND_TRUTH_H_
