#include "cli/finding_records.h"

namespace spraytrace::cli {

ConvertedFindings FindingsFromRecords(const std::vector<eval::FindingRecord>& records) {
  ConvertedFindings out;
  for (const eval::FindingRecord& r : records) {
    const auto rule = detect::RuleFromName(r.rule_name);
    if (!rule) {
      ++out.unknown_rules;
      continue;
    }
    detect::Finding f;
    f.rule = *rule;
    f.rule_id = r.rule_id;
    f.severity = r.severity.value_or(0);
    f.confidence = r.confidence.value_or(0);
    f.triggered = r.timestamp;
    f.start = r.start.value_or(r.timestamp);
    f.end = r.end.value_or(r.timestamp);
    f.source_ip = r.source_ip;
    f.related_ips = r.related_ips;
    f.related_users = r.related_users;
    f.user_name = r.user_name.value_or("");
    f.campaign = r.campaign;
    f.summary = r.message;
    f.distinct_accounts = r.distinct_accounts.value_or(0);
    out.findings.push_back(std::move(f));
  }
  return out;
}

}  // namespace spraytrace::cli
