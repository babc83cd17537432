// DecideBlocklist: which findings are blocked, at what scope, until when; and aggregation.
#include "report/blocklist/blocklist_decision.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace spraytrace::report {
namespace {

using detect::Finding;
using detect::Rule;

constexpr Timestamp kDay = kMicrosPerDay;
constexpr Timestamp kT0 = 1'790'000'000LL * kMicrosPerSecond;  // 2026-09-21

IpAddress Ip(std::string_view text) { return *IpAddress::Parse(text); }

Finding Make(Rule rule, std::string rule_id, std::vector<std::string> ips, double confidence = 0.9,
             int severity = 3, Timestamp end = kT0) {
  Finding f;
  f.rule = rule;
  f.rule_id = std::move(rule_id);
  f.confidence = confidence;
  f.severity = severity;
  f.start = end - kMicrosPerHour;
  f.end = end;
  f.triggered = f.start;
  for (const std::string& ip : ips) f.related_ips.push_back(Ip(ip));
  return f;
}

Finding Spray(std::vector<std::string> ips, Timestamp end = kT0) {
  return Make(Rule::kSingleSourceSpray, "single_source_spray.breadth", std::move(ips), 0.9, 3, end);
}

std::vector<std::string> Networks(const Blocklist& list) {
  std::vector<std::string> out;
  for (const BlockEntry& e : list.entries) out.push_back(e.network.ToCompactString());
  return out;
}

using Strings = std::vector<std::string>;

TEST(BlocklistDecision, ConfidenceSeverityAndRuleSelectFindings) {
  BlocklistPolicy policy;
  policy.min_confidence = 0.7;
  policy.min_severity = 3;
  const std::vector<Finding> findings = {
      Make(Rule::kBruteForce, "brute_force.slow", {"203.0.113.1"}, 0.69, 2),  // confidence
      Make(Rule::kBruteForce, "brute_force.burst", {"203.0.113.2"}, 0.7, 2),  // severity
      Make(Rule::kAccountTargeted, "account_targeted.sources", {"203.0.113.3"}, 1.0, 4),  // rule
      Make(Rule::kCompromise, "compromise.sprayed", {"203.0.113.4"}, 0.7, 4),
  };
  const Blocklist list = DecideBlocklist(findings, policy);
  EXPECT_EQ(Networks(list), Strings{"203.0.113.4"});
  EXPECT_EQ(list.counts.findings, 4u);
  EXPECT_EQ(list.counts.findings_selected, 1u);
  EXPECT_EQ(list.counts.below_confidence, 1u);
  EXPECT_EQ(list.counts.below_severity, 1u);
  EXPECT_EQ(list.counts.not_selected_rule, 1u);

  policy.rules = {"compromise.rotating", "brute_force.burst"};  // ids pick single variants
  policy.min_confidence = 0;
  policy.min_severity = 1;
  EXPECT_EQ(Networks(DecideBlocklist(findings, policy)), Strings{"203.0.113.2"});
}

TEST(BlocklistDecision, ScopeWidensIpv4OnRequestAndIpv6ToSlash64ByDefault) {
  BlocklistPolicy policy;
  const std::vector<Finding> findings = {Spray({"203.0.113.5", "203.0.113.77", "2001:db8:1:2::5",
                                                "2001:db8:1:2:aaaa::9", "2001:db8:1:3::1"})};
  EXPECT_EQ(Networks(DecideBlocklist(findings, policy)),
            (Strings{"203.0.113.5", "203.0.113.77", "2001:db8:1:2::/64", "2001:db8:1:3::/64"}));
  policy.scope_v4 = 24;
  policy.scope_v6 = 128;
  const Blocklist list = DecideBlocklist(findings, policy);
  EXPECT_EQ(Networks(list), (Strings{"203.0.113.0/24", "2001:db8:1:2::5", "2001:db8:1:2:aaaa::9",
                                     "2001:db8:1:3::1"}));
  EXPECT_EQ(list.entries[0].addresses, 2u) << "both addresses are inside the /24";
}

TEST(BlocklistDecision, AllowListDropsAddressesAndNarrowsScopesThatReachIntoIt) {
  BlocklistPolicy policy;
  policy.scope_v4 = 24;
  policy.allow = {"198.51.100.128/25", "192.0.2.9"};
  const std::vector<Finding> findings = {
      Spray({"10.0.0.5", "192.168.1.1", "fe80::1",  // internal: never blocked
             "198.51.100.200",                      // inside the allowed /25
             "198.51.100.7",                        // its /24 holds the allowed /25
             "192.0.2.10",                          // its /24 holds an allowed host
             "203.0.113.8"})};
  const Blocklist list = DecideBlocklist(findings, policy);
  EXPECT_EQ(Networks(list), (Strings{"192.0.2.10", "198.51.100.7", "203.0.113.0/24"}));
  EXPECT_EQ(list.counts.addresses, 7u);
  EXPECT_EQ(list.counts.allowed, 4u);
  EXPECT_EQ(list.counts.narrowed, 2u);
  const auto allowed = policy.AllowedNetworks();
  for (const BlockEntry& e : list.entries) {
    for (const IpNetwork& a : allowed) EXPECT_FALSE(e.network.Overlaps(a)) << e.network.ToString();
  }

  policy.allow_internal = false;
  EXPECT_EQ(DecideBlocklist(findings, policy).counts.allowed, 1u) << "198.51.100.200 only";
}

TEST(BlocklistDecision, TtlCountsFromTheLastEvidenceAndExpiredEntriesAreLeftOut) {
  BlocklistPolicy policy;
  policy.ttl = 7 * kDay;
  const std::vector<Finding> findings = {Spray({"203.0.113.1"}, kT0 - 10 * kDay),
                                         Spray({"203.0.113.2"}, kT0 - 2 * kDay),
                                         Spray({"203.0.113.3"}, kT0)};
  Blocklist list = DecideBlocklist(findings, policy);
  EXPECT_EQ(list.as_of, kT0) << "as of the latest evidence by default";
  EXPECT_EQ(Networks(list), (Strings{"203.0.113.2", "203.0.113.3"}));
  EXPECT_EQ(list.counts.expired, 1u);
  EXPECT_EQ(list.entries[0].last_seen, kT0 - 2 * kDay);
  EXPECT_EQ(list.entries[0].expires, kT0 + 5 * kDay);
  EXPECT_EQ(list.entries[1].expires, kT0 + 7 * kDay);

  list = DecideBlocklist(findings, policy, kT0 + 6 * kDay);  // a saved file read later
  EXPECT_EQ(Networks(list), Strings{"203.0.113.3"});
  list = DecideBlocklist(findings, policy, kT0 + 7 * kDay);
  EXPECT_TRUE(list.entries.empty()) << "an entry is gone at its expiry";
  policy.ttl = 30 * kDay;
  EXPECT_EQ(DecideBlocklist(findings, policy).entries.size(), 3u);
}

TEST(BlocklistDecision, FindingsNamingTheSameNetworkCombine) {
  BlocklistPolicy policy;
  Finding spray = Spray({"2001:db8::1"}, kT0);
  Finding campaign = Make(Rule::kDistributedSpray, "distributed_spray.collective", {"2001:db8::2"},
                          0.8, 3, kT0 - kDay);
  campaign.campaign = "distributed-2026-09-19T00:00:00Z";
  Finding compromise = Make(Rule::kCompromise, "compromise.distributed", {}, 0.9, 4, kT0 - kDay);
  compromise.source_ip = Ip("2001:db8::1");
  compromise.campaign = campaign.campaign;
  const Blocklist list = DecideBlocklist({spray, campaign, compromise}, policy);
  ASSERT_EQ(list.entries.size(), 1u);
  const BlockEntry& e = list.entries[0];
  EXPECT_EQ(e.network.ToString(), "2001:db8::/64");
  EXPECT_EQ(e.addresses, 2u);
  EXPECT_EQ(e.first_seen, kT0 - kDay - kMicrosPerHour);
  EXPECT_EQ(e.last_seen, kT0);
  EXPECT_EQ(e.severity, 4);
  EXPECT_DOUBLE_EQ(e.confidence, 0.9);
  EXPECT_EQ(e.rule_ids, (Strings{"compromise.distributed", "distributed_spray.collective",
                                 "single_source_spray.breadth"}));
  EXPECT_EQ(e.campaigns, Strings{"distributed-2026-09-19T00:00:00Z"});
}

TEST(BlocklistDecision, SameListWhateverTheOrderOfFindings) {
  BlocklistPolicy policy;
  std::vector<Finding> findings;
  for (int i = 0; i < 40; ++i) {
    findings.push_back(Spray({"203.0.113." + std::to_string(i * 5 % 256),
                              "2001:db8:" + std::to_string(i % 7) + "::" + std::to_string(i)},
                             kT0 - i * kMicrosPerHour));
  }
  const Blocklist forward = DecideBlocklist(findings, policy);
  std::reverse(findings.begin(), findings.end());
  const Blocklist backward = DecideBlocklist(findings, policy);
  EXPECT_EQ(Networks(forward), Networks(backward));
  EXPECT_EQ(forward.entries.size(), 47u) << "40 IPv4 hosts and 7 IPv6 /64s";
  for (size_t i = 0; i < forward.entries.size(); ++i) {
    EXPECT_EQ(forward.entries[i].last_seen, backward.entries[i].last_seen);
  }
}

TEST(BlocklistDecision, AggregationMergesNeighboursAndKeepsTheLatestExpiry) {
  BlocklistPolicy policy;
  const std::vector<Finding> findings = {
      Spray({"203.0.113.4", "203.0.113.5"}, kT0 - kDay), Spray({"203.0.113.6", "203.0.113.7"}, kT0),
      Spray({"203.0.113.9", "2001:db8::1"}, kT0), Spray({"2001:db8:0:1::1"}, kT0)};
  const Blocklist list = DecideBlocklist(findings, policy);
  ASSERT_EQ(list.entries.size(), 7u);
  const Blocklist merged = AggregateBlocklist(list);
  EXPECT_TRUE(merged.aggregated);
  EXPECT_EQ(merged.counts.before_aggregation, 7u);
  EXPECT_EQ(Networks(merged), (Strings{"203.0.113.4/30", "203.0.113.9", "2001:db8::/63"}));
  EXPECT_EQ(merged.entries[0].addresses, 4u);
  EXPECT_EQ(merged.entries[0].first_seen, kT0 - kDay - kMicrosPerHour);
  EXPECT_EQ(merged.entries[0].expires, kT0 + policy.ttl);
}

}  // namespace
}  // namespace spraytrace::report
