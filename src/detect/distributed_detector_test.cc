// DistributedDetector on synthetic AuthEvents: the covert network's collective signal, and the
// benign traffic that must stay quiet (known devices, carrier NAT, travel, background noise).
#include "detect/distributed_detector.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "detect/distributed_test_support.h"

namespace spraytrace::detect {
namespace {

using testing::Account;
using testing::DistributedHarness;
using testing::kDay;
using testing::kFail;
using testing::kHour;
using testing::kMinute;
using testing::kOk;
using testing::kSecond;
using testing::kT0;
using testing::Node;
using testing::Of;
using testing::SmallConfig;
using testing::Spray;
using Harness = DistributedHarness;

TEST(DistributedDetector, AccountsFailingFromManyUnseenSourcesFire) {
  Harness h;
  Spray(&h, kT0);
  const auto sprays = Of(h.Finish(), Rule::kDistributedSpray);
  ASSERT_EQ(sprays.size(), 1u);
  EXPECT_EQ(sprays[0]->related_ips.size(), 20u);
  EXPECT_EQ(sprays[0]->distinct_accounts, 40u);
  EXPECT_FALSE(sprays[0]->campaign.empty());
  EXPECT_FALSE(sprays[0]->evidence.empty());
  EXPECT_NE(sprays[0]->summary.find("20 addresses"), std::string::npos);
}

TEST(DistributedDetector, FailuresFromKnownDevicesDoNotCount) {
  Harness h;
  // Every account logged in before from the very address that later fails for it.
  for (int i = 0; i < 40; ++i) h.Add(kT0 + i * kMinute, Node(i), Account(i), kOk);
  for (int i = 0; i < 40; ++i) {
    for (int k = 0; k < 3; ++k) h.Add(kT0 + kDay + i * kMinute + k * kHour, Node(i), Account(i));
  }
  EXPECT_TRUE(h.Finish().empty());
}

TEST(DistributedDetector, StalePhoneAcrossKnownCarrierNetworkDoesNotCount) {
  Harness h;
  // Each phone logged in from the carrier's /16 before; after a password change it retries from
  // addresses all over that /16, and two phones share each NAT address.
  for (int i = 0; i < 40; ++i)
    h.Add(kT0 + i * kMinute, fmt::format("100.70.1.{}", i), Account(i), kOk);
  for (int i = 0; i < 40; ++i) {
    for (int k = 0; k < 4; ++k) {
      h.Add(kT0 + kDay + k * kHour + i * kMinute, fmt::format("100.70.{}.{}", 2 + k, i / 2),
            Account(i));
    }
  }
  EXPECT_TRUE(h.Finish().empty());
}

TEST(DistributedDetector, CompromiseFiresAtTheSuccess) {
  Harness h;
  Spray(&h, kT0);
  const Timestamp later = kT0 + 6 * kHour;
  h.Advance(later);  // the nodes are attributed by now
  h.Add(later + kMinute, Node(3), "victim", kOk);
  const auto compromises = Of(h.findings(), Rule::kCompromise);
  ASSERT_EQ(compromises.size(), 1u);
  EXPECT_EQ(compromises[0]->user_name, "victim");
  EXPECT_EQ(compromises[0]->triggered, later + kMinute);
  EXPECT_EQ(compromises[0]->severity, 4);
  ASSERT_TRUE(compromises[0]->source_ip.has_value());
  EXPECT_EQ(*compromises[0]->source_ip, *IpAddress::Parse(Node(3)));
}

TEST(DistributedDetector, LoginBeforeSprayingIsReportedWhenTheSourceIsAttributed) {
  Harness h;
  h.Add(kT0 - kHour, Node(5), "victim", kOk);  // the router's first try worked
  Spray(&h, kT0);
  const auto compromises = Of(h.Finish(), Rule::kCompromise);
  ASSERT_EQ(compromises.size(), 1u);
  EXPECT_EQ(compromises[0]->user_name, "victim");
  EXPECT_EQ(compromises[0]->start, kT0 - kHour);
}

TEST(DistributedDetector, TravelWithoutTargetingDoesNotFire) {
  Harness h;
  for (int i = 0; i < 40; ++i)
    h.Add(kT0 + i * kMinute, fmt::format("81.2.{}.9", i), Account(i), kOk);
  // Every account logs in from a hotel in another country, one typo first.
  for (int i = 0; i < 40; ++i) {
    const Timestamp t = kT0 + kDay + i * 20 * kMinute;
    const std::string hotel = fmt::format("41.{}.3.{}", 60 + i, i);
    h.Add(t, hotel, Account(i));
    h.Add(t + 10 * 1'000'000, hotel, Account(i), kOk);
  }
  EXPECT_TRUE(h.Finish().empty());
}

TEST(DistributedDetector, TravelWhileTargetedIsNotACompromise) {
  Harness h;
  Spray(&h, kT0);
  h.Advance(kT0 + 6 * kHour);
  h.Add(kT0 + 7 * kHour, "41.60.3.3", Account(4));
  h.Add(kT0 + 7 * kHour + 10 * 1'000'000, "41.60.3.3", Account(4), kOk);
  EXPECT_TRUE(Of(h.Finish(), Rule::kCompromise).empty());
}

TEST(DistributedDetector, OpportunisticNamesAreNotACampaign) {
  Harness h;
  // Internet background noise: dozens of addresses a day at the same few names.
  const std::vector<std::string> names = {"root", "admin", "test", "oracle"};
  for (int j = 0; j < 200; ++j) {
    for (size_t n = 0; n < names.size(); ++n) {
      h.Add(kT0 + j * 5 * kMinute + static_cast<Micros>(n) * 1'000'000, Node(j), names[n]);
    }
  }
  EXPECT_TRUE(h.Finish().empty());
}

TEST(DistributedDetector, ScannersRunningThroughNamesAreNotAttributed) {
  Harness h;
  Spray(&h, kT0);
  // During the campaign a scanner tries three rarer names within a minute.
  const Timestamp t = kT0 + 3 * kHour;
  for (int n = 0; n < 3; ++n) {
    h.Add(t + n * 20 * 1'000'000, "45.155.205.3", fmt::format("svc{}", n));
  }
  const auto sprays = Of(h.Finish(), Rule::kDistributedSpray);
  ASSERT_EQ(sprays.size(), 1u);
  EXPECT_EQ(sprays[0]->related_ips.size(), 20u);  // the nodes, not the scanner
}

TEST(DistributedDetector, SingleSourceSprayersDoNotMakeACampaign) {
  Harness h;
  // Twenty sprayers, each through 30 accounts in an hour: per-source findings, not a network.
  for (int j = 0; j < 20; ++j) {
    for (int i = 0; i < 30; ++i) {
      h.Add(kT0 + j * kHour + i * 2 * kMinute, Node(j), Account(100 * j + i));
    }
  }
  EXPECT_TRUE(Of(h.Finish(), Rule::kDistributedSpray).empty());
}

TEST(DistributedDetector, FewAccountsAreNotACampaign) {
  DetectorConfig config = SmallConfig();
  config.distributed.min_accounts = 41;  // the spray touches 40
  Harness h(config);
  Spray(&h, kT0);
  EXPECT_TRUE(h.Finish().empty());
}

// A campaign of thousands of nodes, each in a /24 of its own, each guessing two accounts, while
// people log in from new places: every map stays within max_sources, and router-like logins
// are forgotten a day after they stop counting.
TEST(DistributedDetector, StateStaysWithinMaxSourcesUnderAWideCampaign) {
  DetectorConfig config = SmallConfig();
  config.distributed.max_sources = 1000;
  Harness h(config);
  for (int j = 0; j < 6000; ++j) {
    const Timestamp at = kT0 + j * 20 * kSecond;
    const std::string node = fmt::format("{}.{}.{}.9", 20 + j / 65536, j / 256 % 256, j % 256);
    // A person among 50 logging in from a new address each time: router-like after the first.
    h.Add(at, fmt::format("10.{}.{}.1", j / 256 % 256, j % 256), fmt::format("person{}", j % 50),
          kOk);
    h.Add(at + kMinute, node, Account(2 * j));
    h.Add(at + 2 * kMinute, node, Account(2 * j + 1));
    ASSERT_LE(h.detector().sources(), 1000u);
    ASSERT_LE(h.detector().accounts(), 1000u);
    ASSERT_LE(h.detector().campaign_networks(), 1000u);
  }
  EXPECT_GT(h.detector().campaign_networks(), 400u);  // the campaign did attribute them
  EXPECT_GT(h.detector().router_logins(), 0u);
  h.Advance(kT0 + 6000 * 20 * kSecond + DistributedDetector::kRotatingWindow + 2 * kDay);
  EXPECT_EQ(h.detector().router_logins(), 0u);
}

}  // namespace
}  // namespace spraytrace::detect
