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
#include <vector>

#include "detect/finding.h"

namespace spraytrace::report {

struct LabelCount {
  std::string label;
  uint64_t count = 0;
};

// What is known about one attributed source. The network is always known; the autonomous
// system and country only when enrichment (correlate/) put them on the finding, in the ECS
// fields source.as.number, source.as.organization.name and source.geo.country_iso_code.
struct SourceFacts {
  IpAddress ip;
  std::string network;                // "203.0.113.0/24", "2001:db8:1:2::/64"
  std::optional<uint32_t> as_number;  // source.as.number
  std::string as_organization;        // source.as.organization.name
  std::string country_iso_code;       // source.geo.country_iso_code
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
  std::vector<SourceFacts> sources;   // distinct, by address
  std::vector<std::string> accounts;  // distinct, sorted
  // Targeted accounts: the periods' related.user may be capped (episodes.max_related_users), so
  // when it was, the count is a lower bound.
  uint64_t accounts_total = 0;
  bool accounts_exact = true;
  size_t v4_networks = 0;                  // distinct /24s among the sources
  size_t v6_networks = 0;                  // distinct /64s
  std::vector<LabelCount> networks;        // sources per network, most first
  std::vector<LabelCount> countries;       // sources per country, when enrichment knew them
  std::vector<LabelCount> as_names;        // sources per "AS64500 Example Telecom", likewise
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

// "203.0.113.0/24" for IPv4, "2001:db8:1:2::/64" for IPv6.
std::string NetworkOf(const IpAddress& ip);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_REPORT_MODEL_H_
