// Finding: what a detector concluded, in the shape of the findings contract (docs/findings.md,
// from shared/design.md): rule, severity, the sources and accounts involved, the time span and
// a few cited events. Plain value type; the report stage renders it as ECS JSON.
#ifndef SPRAYTRACE_DETECT_FINDING_H_
#define SPRAYTRACE_DETECT_FINDING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event/auth_event.h"

namespace spraytrace::detect {

enum class Rule : uint8_t {
  kBruteForce,
  kSingleSourceSpray,
  kDistributedSpray,
  kAccountTargeted,
  kCompromise,
};

// The contract's rule.name values: "brute_force", "single_source_spray", ...
std::string_view RuleName(Rule rule);
// The inverse of RuleName; nullopt for a name no rule has.
std::optional<Rule> RuleFromName(std::string_view name);
inline constexpr Rule kAllRules[] = {Rule::kBruteForce, Rule::kSingleSourceSpray,
                                     Rule::kDistributedSpray, Rule::kAccountTargeted,
                                     Rule::kCompromise};

struct Evidence {
  EvidenceLocation where;
  Timestamp time = 0;
  std::string why;  // e.g. "failed password for invalid user admin"

  bool operator==(const Evidence&) const = default;
};

// When a collective rate rose above its baseline (distributed spray: RateChange).
struct RateWindow {
  Timestamp start = 0;  // 0: no rise seen
  Timestamp end = 0;    // 0: still raised
  double baseline_per_hour = 0;
  double peak_per_hour = 0;

  bool operator==(const RateWindow&) const = default;
};

// What enrichment (correlate/) knows of one source address: empty fields are unknown. Filled
// after detection, never by a detector: detection does not depend on it.
struct SourceProfile {
  uint32_t asn = 0;                // autonomous system number; 0: unknown
  std::string as_organization;     // the AS's name as the ASN database gives it
  std::string country_iso_code;    // ISO 3166-1 alpha-2, upper case
  std::vector<std::string> intel;  // tags of the threat-intel lists naming it ("feodo:emotet")
};

struct AsnCount {
  uint32_t asn = 0;
  std::string organization;
  uint64_t sources = 0;
};

struct NameCount {
  std::string name;
  uint64_t sources = 0;
};

// Enrichment summed over a finding's related.ip (campaigns): where its sources are.
struct SourcesProfile {
  uint64_t sources = 0;       // addresses looked up
  uint64_t with_asn = 0;      // of them, with a known ASN
  uint64_t with_country = 0;  // with a known country
  uint64_t distinct_asns = 0;
  uint64_t distinct_countries = 0;
  std::vector<AsnCount> asns;        // most sources first (ties: lower ASN), capped
  std::vector<NameCount> countries;  // most sources first (ties: code order), capped
  uint64_t known_bad = 0;            // sources some threat-intel list names
  std::vector<NameCount> intel;      // intel tags with the number of sources each, capped
};

struct Finding {
  Rule rule = Rule::kBruteForce;
  // Variant of the rule, stable for scripts: "brute_force.burst", "brute_force.slow",
  // "single_source_spray.breadth".
  std::string rule_id;
  int severity = 2;         // 1 low .. 4 critical
  double confidence = 0.5;  // 0..1
  Timestamp triggered = 0;  // event time of the evidence that crossed the threshold
  Timestamp start = 0;      // first and last evidence time
  Timestamp end = 0;

  std::optional<IpAddress> source_ip;  // for findings about one source
  // The source's host name when the log named it instead of giving an address (sshd pam_unix
  // "rhost=host.example"); then source_ip is empty and related_ips holds no entry for it.
  std::string source_host;
  std::string user_name;  // for findings about one account (else empty)
  std::vector<IpAddress> related_ips;
  std::vector<std::string> related_users;  // capped; see distinct_accounts for the true count

  uint64_t failures = 0;
  uint64_t successes = 0;
  uint64_t distinct_accounts = 0;
  uint64_t unknown_account_failures = 0;  // failures whose reason was kUnknownUser

  std::string campaign;            // empty until correlation assigns one
  RateWindow rate_change;          // distributed spray: the rise that brackets the campaign
  std::string summary;             // one sentence a person reads: why this fired
  std::vector<Evidence> evidence;  // first few and the triggering event

  // Set by enrichment (correlate/EnrichingSink) when ASN, geo or intel data was given:
  // source_profile for a finding with source_ip, sources_profile for one with several
  // related_ips.
  std::optional<SourceProfile> source_profile;
  std::optional<SourcesProfile> sources_profile;
  // Reported before by an earlier run (early, at its end) and now again with more evidence:
  // an update, not a new alert (finding_ledger.h).
  bool continued = false;
};

class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void OnFinding(Finding finding) = 0;
};

class CollectingFindingSink final : public FindingSink {
 public:
  void OnFinding(Finding finding) override { findings.push_back(std::move(finding)); }
  std::vector<Finding> findings;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_FINDING_H_
