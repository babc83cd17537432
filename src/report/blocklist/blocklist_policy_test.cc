// BlocklistPolicy validation: every wrong value is named with the rule it breaks.
#include "report/blocklist/blocklist_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace spraytrace::report {
namespace {

std::string Message(const BlocklistPolicy& p) { return p.Validate().message(); }

TEST(BlocklistPolicy, DefaultsAreValidAndAllowInternalNetworks) {
  const BlocklistPolicy policy;
  ASSERT_TRUE(policy.Validate().ok()) << Message(policy);
  const auto allowed = policy.AllowedNetworks();
  const auto holds = [&](std::string_view ip) {
    return std::any_of(allowed.begin(), allowed.end(),
                       [&](const IpNetwork& n) { return n.Contains(*IpAddress::Parse(ip)); });
  };
  for (const char* internal : {"10.1.2.3", "172.31.255.1", "192.168.0.9", "127.0.0.1",
                               "169.254.1.1", "::1", "fd00::5", "fe80::1"}) {
    EXPECT_TRUE(holds(internal)) << internal;
  }
  for (const char* external : {"203.0.113.5", "172.32.0.1", "100.64.0.1", "2001:db8::1"}) {
    EXPECT_FALSE(holds(external)) << external;
  }
}

TEST(BlocklistPolicy, AllowListAddsUserNetworksAndInternalCanBeTurnedOff) {
  BlocklistPolicy policy;
  policy.allow = {"198.51.100.0/24", "2001:db8::/32", "192.0.2.7"};
  ASSERT_TRUE(policy.Validate().ok()) << Message(policy);
  EXPECT_EQ(policy.AllowedNetworks().size(), InternalNetworks().size() + 3);
  policy.allow_internal = false;
  ASSERT_EQ(policy.AllowedNetworks().size(), 3u);
  EXPECT_EQ(policy.AllowedNetworks()[2].ToString(), "192.0.2.7/32");
}

TEST(BlocklistPolicy, RulesMustBeKnownNamesOrIds) {
  BlocklistPolicy policy;
  policy.rules = {"compromise.sprayed", "distributed_spray"};
  EXPECT_TRUE(policy.Validate().ok()) << Message(policy);
  policy.rules = {"brute_forse"};
  EXPECT_EQ(Message(policy),
            "invalid blocklist.rules 'brute_forse': must be a rule name (brute_force, "
            "single_source_spray, distributed_spray, account_targeted, compromise) or a rule id "
            "such as compromise.sprayed");
  policy.rules = {"compromise."};
  EXPECT_FALSE(policy.Validate().ok());
  policy.rules = {"compromise.Sprayed"};
  EXPECT_FALSE(policy.Validate().ok());
  policy.rules = {""};
  EXPECT_NE(Message(policy).find("invalid blocklist.rules ''"), std::string::npos);
  policy.rules = {};
  EXPECT_EQ(Message(policy), "invalid blocklist.rules '': must name at least one rule");
}

TEST(BlocklistPolicy, NumbersOutOfRangeNameKeyValueAndRange) {
  BlocklistPolicy policy;
  policy.min_confidence = 1.5;
  EXPECT_EQ(Message(policy), "invalid blocklist.min_confidence '1.5': must be between 0 and 1");
  policy = {};
  policy.min_confidence = std::nan("");
  EXPECT_FALSE(policy.Validate().ok()) << "NaN compares false with everything";
  policy = {};
  policy.min_severity = 5;
  EXPECT_EQ(Message(policy), "invalid blocklist.min_severity '5': must be between 1 and 4");
  policy = {};
  policy.scope_v4 = 8;
  EXPECT_EQ(Message(policy),
            "invalid blocklist.scope_v4 '8': must be between 16 and 32 (wider blocks whole "
            "providers)");
  policy = {};
  policy.scope_v6 = 129;
  EXPECT_NE(Message(policy).find("invalid blocklist.scope_v6 '129': must be between 32 and 128"),
            std::string::npos);
  policy = {};
  policy.ttl = 0;
  EXPECT_EQ(Message(policy), "invalid blocklist.ttl '0s': must be > 0 and at most 365d");
  policy.ttl = 400 * kMicrosPerDay;
  EXPECT_FALSE(policy.Validate().ok());
}

TEST(BlocklistPolicy, AllowEntriesAndNameAreChecked) {
  BlocklistPolicy policy;
  policy.allow = {"10.1.2.3/8"};
  EXPECT_EQ(Message(policy),
            "invalid blocklist.allow '10.1.2.3/8': host bits are set (the network is 10.0.0.0/8)");
  policy.allow = {"office.example"};
  EXPECT_EQ(Message(policy),
            "invalid blocklist.allow 'office.example': 'office.example' is not an IP address");
  policy = {};
  for (const char* bad : {"", "1st", "spray-trace", "a b", "x\"y", "abcdefghijklmnopqrstuvwxy"}) {
    policy.name = bad;
    EXPECT_NE(Message(policy).find("invalid blocklist.name"), std::string::npos) << bad;
  }
  policy.name = "Spray_Trace2";
  EXPECT_TRUE(policy.Validate().ok());
}

TEST(BlocklistPolicy, SettingsCoverEveryKeyOnce) {
  std::vector<std::string> keys;
  for (const auto& e : BlocklistPolicySettings()) keys.emplace_back(e.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"blocklist.rules", "blocklist.min_confidence",
                                            "blocklist.min_severity", "blocklist.scope_v4",
                                            "blocklist.scope_v6", "blocklist.ttl",
                                            "blocklist.allow_internal", "blocklist.allow",
                                            "blocklist.aggregate", "blocklist.name"}));
}

}  // namespace
}  // namespace spraytrace::report
