// DistributedDetector on synthetic AuthEvents: the covert network's collective signal, and the
// benign traffic that must stay quiet (known devices, carrier NAT, travel, background noise).
#include "detect/distributed_detector.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace spraytrace::detect {
namespace {

constexpr Timestamp kT0 = 1'709'596'800 * kMicrosPerSecond;  // 2024-03-05T00:00:00Z
constexpr Micros kMinute = kMicrosPerMinute;
constexpr Micros kHour = kMicrosPerHour;
constexpr Micros kDay = kMicrosPerDay;
constexpr Outcome kFail = Outcome::kFailure;
constexpr Outcome kOk = Outcome::kSuccess;

DetectorConfig SmallConfig() {
  DetectorConfig config;
  config.distributed.min_accounts = 10;
  return config;
}

class Harness {
 public:
  explicit Harness(DetectorConfig config = SmallConfig()) : detector_(config, &pool_) {
    EXPECT_TRUE(config.Validate().ok());
  }

  void Add(Timestamp time, std::string_view ip, std::string_view user, Outcome outcome = kFail) {
    AuthEvent event;
    event.time = time;
    event.source_ip = *IpAddress::Parse(ip);
    event.has_source_ip = true;
    event.user = pool_.Intern(user);
    event.user_canonical = event.user;
    event.outcome = outcome;
    event.reason = outcome == kOk ? Reason::kNone : Reason::kBadPassword;
    event.method = AuthMethod::kPassword;
    event.where = {0, ++line_, line_ * 100};
    detector_.Observe(event, &sink_);
  }
  void Advance(Timestamp now) { detector_.AdvanceTime(now, &sink_); }
  const std::vector<Finding>& Finish() {
    detector_.Finish(&sink_);
    return sink_.findings;
  }
  const std::vector<Finding>& findings() const { return sink_.findings; }

 private:
  StringPool pool_;
  DistributedDetector detector_;
  CollectingFindingSink sink_;
  uint64_t line_ = 0;
};

std::vector<const Finding*> Of(const std::vector<Finding>& findings, Rule rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : findings) {
    if (f.rule == rule) out.push_back(&f);
  }
  return out;
}

std::string Account(int i) { return fmt::format("user{}", i); }
// Spray node j: one address per /24, scattered over residential /16s.
std::string Node(int j) { return fmt::format("198.{}.{}.7", 18 + j % 100, j); }

// Nodes 0..19 each fail once against accounts 2j and 2j+1, one attempt per account.
void Spray(Harness* h, Timestamp start) {
  for (int j = 0; j < 20; ++j) {
    h->Add(start + j * 10 * kMinute, Node(j), Account(2 * j));
    h->Add(start + j * 10 * kMinute + 5 * kMinute, Node(j), Account(2 * j + 1));
  }
}

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

TEST(DistributedDetector, FewAccountsAreNotACampaign) {
  DetectorConfig config = SmallConfig();
  config.distributed.min_accounts = 41;  // the spray touches 40
  Harness h(config);
  Spray(&h, kT0);
  EXPECT_TRUE(h.Finish().empty());
}

}  // namespace
}  // namespace spraytrace::detect
