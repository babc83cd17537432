// Findings as the detectors make them, for the report's tests.
#ifndef SPRAYTRACE_REPORT_REPORT_TEST_SUPPORT_H_
#define SPRAYTRACE_REPORT_REPORT_TEST_SUPPORT_H_

#include <string>

#include "detect/finding.h"

namespace spraytrace::report::fixtures {

inline Timestamp At(int day, int hour, int minute = 0) {
  return ToTimestamp(CivilTime{2026, 11, day, hour, minute, 0, 0});
}

inline IpAddress Ip(const std::string& text) { return *IpAddress::Parse(text); }

// A distributed_spray period of campaign `id` with `sources` addresses 198.18.x.y (one per /24
// while sources <= 256) and `accounts` accounts named user0, user1, ...
inline detect::Finding CampaignPeriod(const std::string& id, Timestamp start, Timestamp end,
                                      int sources, int accounts, int first_source = 0) {
  detect::Finding f;
  f.rule = detect::Rule::kDistributedSpray;
  f.rule_id = "distributed_spray.collective";
  f.severity = 3;
  f.confidence = 0.8;
  f.triggered = start;
  f.start = start;
  f.end = end;
  for (int i = first_source; i < first_source + sources; ++i) {
    f.related_ips.push_back(IpAddress::FromV4(0xC6120000u + static_cast<uint32_t>(i) * 256 + 7));
  }
  for (int i = 0; i < accounts; ++i) f.related_users.push_back("user" + std::to_string(i));
  f.failures = static_cast<uint64_t>(sources);
  f.distinct_accounts = static_cast<uint64_t>(accounts);
  f.unknown_account_failures = static_cast<uint64_t>(sources / 4);
  f.campaign = id;
  f.rate_change = {start + kMicrosPerHour, 0, 4.0, 26.0};
  f.summary = "addresses that never logged in failed against many accounts";
  f.evidence.push_back({EvidenceLocation{0, 100, 9000}, start, "198.18.0.7 failed for user0"});
  return f;
}

inline detect::Finding Compromise(const std::string& user, const std::string& ip,
                                  const std::string& campaign, Timestamp login) {
  detect::Finding f;
  f.rule = detect::Rule::kCompromise;
  f.rule_id = "compromise.distributed";
  f.severity = 4;
  f.confidence = 0.9;
  f.triggered = login;
  f.start = login;
  f.end = login;
  f.source_ip = Ip(ip);
  f.related_ips = {*f.source_ip};
  f.user_name = user;
  f.related_users = {user};
  f.successes = 1;
  f.campaign = campaign;
  f.summary = user + " logged in from " + ip;
  f.evidence.push_back({EvidenceLocation{0, 4547, 123456}, login, "accepted password for " + user});
  return f;
}

inline detect::Finding BruteForce(const std::string& ip, const std::string& user, Timestamp start) {
  detect::Finding f;
  f.rule = detect::Rule::kBruteForce;
  f.rule_id = "brute_force.burst";
  f.severity = 2;
  f.confidence = 1;
  f.triggered = start + 10 * kMicrosPerSecond;
  f.start = start;
  f.end = start + 9 * kMicrosPerMinute;
  f.source_ip = Ip(ip);
  f.related_ips = {*f.source_ip};
  f.user_name = user;
  f.related_users = {user};
  f.failures = 300;
  f.distinct_accounts = 1;
  f.summary = ip + " failed 300 times against 1 account (" + user + " 300)";
  f.evidence.push_back({EvidenceLocation{0, 14, 1271}, start, "failed password for " + user});
  return f;
}

}  // namespace spraytrace::report::fixtures

#endif  // SPRAYTRACE_REPORT_REPORT_TEST_SUPPORT_H_
