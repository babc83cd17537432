// FindingRecord: the fields of one finding (docs/findings.md) that `spraytrace eval` scores and
// `spraytrace blocklist` decides on (and its STIX bundle describes), as read back from a findings
// JSON-lines file. Plain value types, so tests build them by hand.
#ifndef SPRAYTRACE_EVAL_FINDING_RECORD_H_
#define SPRAYTRACE_EVAL_FINDING_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "event/ip_address.h"
#include "event/timestamp.h"

namespace spraytrace::eval {

struct FindingRecord {
  std::string rule_name;  // rule.name: "brute_force", "compromise", ...
  std::string rule_id;    // rule.id (may be empty)
  Timestamp timestamp = 0;
  std::optional<Timestamp> start;             // event.start
  std::optional<Timestamp> end;               // event.end
  std::vector<IpAddress> related_ips;         // related.ip, canonical
  std::optional<IpAddress> source_ip;         // source.ip
  std::vector<std::string> related_users;     // related.user
  std::optional<std::string> user_name;       // user.name
  std::optional<int> severity;                // event.severity
  std::optional<double> confidence;           // spraytrace.confidence
  std::string campaign;                       // spraytrace.campaign (empty: none)
  std::string message;                        // message: the one-sentence summary (empty: none)
  std::optional<uint64_t> distinct_accounts;  // spraytrace.distinct_accounts
};

// A line that could not be read as a finding: its 1-based number and why.
struct BadLine {
  uint64_t line = 0;
  std::string reason;
};

// Everything read from one findings file.
struct FindingsFile {
  std::vector<FindingRecord> findings;
  uint64_t lines = 0;                // non-blank lines seen
  uint64_t bad_lines = 0;            // lines counted but not scored
  std::vector<BadLine> bad_samples;  // the first kMaxBadSamples bad lines
  static constexpr size_t kMaxBadSamples = 10;
};

}  // namespace spraytrace::eval

#endif  // SPRAYTRACE_EVAL_FINDING_RECORD_H_
