// ReportModel: a run's findings arranged the way the HTML report presents them: campaigns (the
// distributed_spray findings of one campaign id, one per reporting period, merged, with the
// compromises that name the campaign), the compromised accounts, and the other findings.
//
// Pure function of the findings; the model points into them, so they must outlive it.
#ifndef SPRAYTRACE_REPORT_REPORT_MODEL_H_
#define SPRAYTRACE_REPORT_REPORT_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/finding.h"

namespace spraytrace::report {

struct LabelCount {
  std::string label;
  uint64_t count = 0;
};

// Where a campaign's sources are, from enrichment (correlate/EnrichingSink sets the findings'
// sources_profile when ASN, geo or threat-intel data was given): the periods' profiles summed,
// so a source attributed in two periods counts in both. Empty when there was no enrichment.
struct CampaignSourcesProfile {
  bool present = false;
  uint64_t looked_up = 0;
  uint64_t with_asn = 0;
  uint64_t with_country = 0;
  uint64_t distinct_asns = 0;         // the most any period saw: a lower bound
  uint64_t distinct_countries = 0;    // likewise
  uint64_t known_bad = 0;             // sources a threat-intel list names
  std::vector<LabelCount> countries;  // "DE" (source.geo.country_iso_code), most sources first
  std::vector<LabelCount> asns;       // "AS64500 Example Telecom" (source.as.*), likewise
  std::vector<LabelCount> intel;      // threat-intel tags, likewise
};

struct CampaignView {
  std::string id;
  std::vector<const detect::Finding*> periods;      // its distributed_spray findings, by start
  std::vector<const detect::Finding*> compromises;  // compromises naming it, by time
  Timestamp start = 0;
  Timestamp end = 0;
  detect::RateWindow rate;  // the first rise seen; start == 0 when none
  double confidence = 0;    // the highest of the periods
  uint64_t failures = 0;
  uint64_t unknown_account_failures = 0;
  std::vector<IpAddress> sources;     // distinct, by address
  std::vector<std::string> accounts;  // distinct, sorted
  // Targeted accounts: the periods' related.user may be capped (episodes.max_related_users), so
  // when it was, the count is a lower bound.
  uint64_t accounts_total = 0;
  bool accounts_exact = true;
  size_t v4_networks = 0;                  // distinct /24s among the sources
  size_t v6_networks = 0;                  // distinct /64s
  std::vector<LabelCount> networks;        // sources per network, most first
  CampaignSourcesProfile where;            // ASNs, countries, intel when enriched
  std::vector<detect::Evidence> evidence;  // the periods' cited events, by time
};

struct ReportModel {
  std::vector<CampaignView> campaigns;              // by start
  std::vector<const detect::Finding*> compromises;  // every compromise finding, by login time
  size_t compromised_accounts = 0;                  // distinct accounts among them
  // Brute force, single-source spray, account_targeted: by severity, then start.
  std::vector<const detect::Finding*> others;
  std::vector<LabelCount> by_rule;     // findings per rule.name, in the contract's order
  std::vector<LabelCount> by_rule_id;  // findings per rule.id, sorted by id
};

ReportModel BuildReportModel(const std::vector<detect::Finding>& findings);

// "AS64500 Example Telecom", "AS64500" when the name is unknown.
std::string AsLabel(uint32_t asn, std::string_view organization);

// "203.0.113.0/24" for IPv4, "2001:db8:1:2::/64" for IPv6.
std::string NetworkOf(const IpAddress& ip);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_REPORT_MODEL_H_
