// Blocklist: the decided set of networks to block, what every output format is written from.
//
// Built from findings by DecideBlocklist (blocklist_decision.h) under a BlocklistPolicy. Entries
// are sorted (IPv4 first) and pairwise disjoint, none inside an allowed network, none expired at
// as_of. Plain value types.
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "event/ip_network.h"
#include "event/timestamp.h"

namespace spraytrace::report {

struct BlockEntry {
  IpNetwork network;
  Timestamp first_seen = 0;            // earliest event.start of the findings behind it
  Timestamp last_seen = 0;             // latest event.end: the TTL counts from here
  Timestamp expires = 0;               // last_seen + ttl
  double confidence = 0;               // highest spraytrace.confidence of those findings
  int severity = 0;                    // highest event.severity
  uint64_t addresses = 0;              // attributed addresses inside the network
  uint64_t accounts = 0;               // most accounts one of its findings targeted
  std::vector<std::string> rule_ids;   // sorted, distinct: "distributed_spray.collective"
  std::vector<std::string> campaigns;  // sorted, distinct spraytrace.campaign values
};

// A spraytrace campaign that entries name, for the STIX bundle's campaign objects. Built from
// every finding carrying its id, selected or not, so a campaign reads the same under any policy.
struct BlockCampaign {
  std::string id;            // spraytrace.campaign
  Timestamp first_seen = 0;  // earliest event.start of its findings
  Timestamp last_seen = 0;   // latest event.end
  // Its distributed_spray findings (one per reporting period), by start: their messages, the
  // distinct addresses they attribute, and the most accounts one of them says were targeted.
  std::vector<std::string> period_summaries;
  uint64_t sources = 0;
  uint64_t accounts = 0;
};

// What the policy did, for the comment headers and the run summary.
struct BlocklistCounts {
  uint64_t findings = 0;           // findings considered
  uint64_t findings_selected = 0;  // passed rules, min_confidence and min_severity
  uint64_t not_selected_rule = 0;
  uint64_t below_confidence = 0;
  uint64_t below_severity = 0;
  uint64_t addresses = 0;  // distinct addresses attributed by the selected findings
  uint64_t allowed = 0;    // of them, inside an allowed network: not blocked
  uint64_t narrowed = 0;   // blocked as the address alone: the scope reached an allowed network
  uint64_t expired = 0;    // entries whose TTL ended before as_of
  uint64_t before_aggregation = 0;  // entries before AggregateBlocklist merged them
};

struct Blocklist {
  std::vector<BlockEntry> entries;
  std::vector<BlockCampaign> campaigns;  // sorted by id: every campaign an entry names
  Timestamp as_of = 0;  // "now" for the remaining lifetimes of ipset/nft/CrowdSec entries
  Micros ttl = 0;
  bool aggregated = false;
  BlocklistCounts counts;
};

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_H_
