// BlocklistPolicy: which findings become blocklist entries, how wide each entry is and how long
// it lasts. Detection says what happened; this policy decides what to block (CrowdSec's "an
// alert is not a decision"), so one scan can feed a strict firewall and a lenient SIEM list.
//
// Set from the [blocklist] section of the config file or --set blocklist.KEY=VALUE, like the
// detector settings. Validate() checks every rule before a run, with messages that name the key,
// the value and the rule: "invalid blocklist.scope_v4 '8': must be between 16 and 32".
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_POLICY_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_POLICY_H_

#include <string>
#include <vector>

#include "common/duration.h"
#include "common/settings_table.h"
#include "common/status.h"
#include "event/ip_network.h"

namespace spraytrace::report {

struct BlocklistPolicy {
  // Findings whose rule.name ("distributed_spray") or rule.id ("compromise.sprayed") is listed.
  // account_targeted is left out by default: it names the addresses an account failed from,
  // and the account's owner on a trip is one of them.
  std::vector<std::string> rules = {"brute_force", "single_source_spray", "distributed_spray",
                                    "compromise"};
  // spraytrace.confidence of a finding, 0..1. A slow brute force scores 0.4 at its threshold.
  double min_confidence = 0.5;
  // event.severity, 1..4.
  int min_severity = 2;
  // Scope: the prefix length blocked around each attributed address. 32 blocks the address; 24
  // its /24 (16..32). An IPv6 subscriber gets a /64 or wider, and rotates addresses inside it
  // by itself (privacy addresses), so blocking one /128 blocks nothing (32..128).
  int scope_v4 = 32;
  int scope_v6 = 64;
  // An entry lasts this long after the last evidence against it. Home routers in botnets such as
  // CovertNetwork-1658 change hands and addresses within weeks: a week keeps the list current.
  Micros ttl = 7 * kMicrosPerDay;
  // Never block private, loopback and link-local networks (RFC 1918, 127/8, 169.254/16, ::1,
  // fc00::/7, fe80::/10): a spray seen from there is a proxy or a misattribution, and blocking it
  // locks out one's own network.
  bool allow_internal = true;
  // More networks never to block ("198.51.100.0/24", "2001:db8::/32", "192.0.2.7"): partners,
  // one's own egress addresses. An entry whose scope would reach into one is narrowed to the
  // attributed address itself; an address inside one is dropped.
  std::vector<std::string> allow;
  // Merge adjacent and contained networks in the nft, ipset, CrowdSec and STIX outputs (the
  // plain list never merges; the cidr list always does). Coverage is unchanged.
  bool aggregate = true;
  // Name of the nftables table and sets and of the ipset sets ("<name>_v4", "<name>_v6").
  std::string name = "spraytrace";

  Status Validate() const;
  // The allow-list in force: the internal networks when allow_internal, then allow.
  // REQUIRES: Validate().ok().
  std::vector<IpNetwork> AllowedNetworks() const;
};

// Private, loopback and link-local networks of both families.
std::vector<IpNetwork> InternalNetworks();

// The keys of the [blocklist] section ("blocklist.rules", ...) for the config file and --set.
std::vector<SettingsEntry<BlocklistPolicy>> BlocklistPolicySettings();

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_BLOCKLIST_POLICY_H_
