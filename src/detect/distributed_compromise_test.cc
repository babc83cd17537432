// Compromise judged at the login while a campaign is open: which logins from new places are the
// campaign's (a sprayer, a second router hours after the first) and which are people (a dual-stack
// home, a key login, a carrier NAT address others use).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "detect/distributed_test_support.h"

namespace spraytrace::detect {
namespace {

using testing::Account;
using testing::DistributedHarness;
using testing::Ip;
using testing::kFail;
using testing::kHour;
using testing::kMinute;
using testing::kOk;
using testing::kT0;
using testing::Of;
using testing::Spray;

// A campaign is open from here on (Spray by nodes 0..19 at kT0, judged by then).
constexpr Timestamp kOpen = kT0 + 6 * kHour;

// "victim" logs in from its office the day before, so its habits are known.
void VictimHasHabits(DistributedHarness* h) {
  h->Add(kT0 - 20 * kHour, "81.2.69.10", "victim", kOk);
}

void OpenCampaign(DistributedHarness* h) {
  VictimHasHabits(h);
  Spray(h, kT0);
  h->Advance(kOpen);
}

TEST(DistributedCompromise, LoginFromASourceThatJustSprayedIsReportedAtTheLogin) {
  DistributedHarness h;
  OpenCampaign(&h);
  // A router never seen before fails once against an account node 2 also tried (another
  // network), then the password it guesses for victim works.
  h.Add(kOpen + kMinute, "203.0.113.77", Account(4));
  h.Add(kOpen + 2 * kMinute, "203.0.113.77", "victim", kOk);
  const auto found = Of(h.findings(), Rule::kCompromise);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->rule_id, "compromise.sprayed");
  EXPECT_EQ(found[0]->user_name, "victim");
  EXPECT_EQ(found[0]->triggered, kOpen + 2 * kMinute);
  EXPECT_EQ(found[0]->severity, 4);
  ASSERT_EQ(found[0]->evidence.size(), 2u);  // the login and the failure that explains it
  EXPECT_NE(found[0]->summary.find(Account(4)), std::string::npos);
}

TEST(DistributedCompromise, SecondRouterWithinHoursIsReportedAtItsLogin) {
  DistributedHarness h;
  OpenCampaign(&h);
  h.Add(kOpen + kHour, "203.0.113.77", "victim", kOk);  // the guess: nothing known yet
  EXPECT_TRUE(Of(h.findings(), Rule::kCompromise).empty());
  h.Add(kOpen + 3 * kHour, "198.51.100.23", "victim", kOk);  // back from another router
  const auto found = Of(h.findings(), Rule::kCompromise);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->rule_id, "compromise.rotating");
  EXPECT_EQ(found[0]->triggered, kOpen + 3 * kHour);
  EXPECT_EQ(found[0]->start, kOpen + kHour);
  EXPECT_EQ(found[0]->related_ips,
            (std::vector<IpAddress>{Ip("198.51.100.23"), Ip("203.0.113.77")}));
}

TEST(DistributedCompromise, DualStackHomeIsNotRotation) {
  DistributedHarness h;
  OpenCampaign(&h);
  // The first evening at home: the laptop over IPv4, the phone on Wi-Fi over IPv6.
  h.Add(kOpen + kHour, "203.0.113.77", "victim", kOk);
  h.Add(kOpen + 2 * kHour, "2001:db8:4:5::77", "victim", kOk);
  EXPECT_TRUE(Of(h.Finish(), Rule::kCompromise).empty());
}

TEST(DistributedCompromise, RouterLoginsDaysApartAreNotRotation) {
  DistributedHarness h;
  OpenCampaign(&h);
  h.Add(kOpen + kHour, "203.0.113.77", "victim", kOk);
  h.Add(kOpen + kHour + DistributedDetector::kRotatingWindow + kMinute, "198.51.100.23", "victim",
        kOk);
  EXPECT_TRUE(Of(h.Finish(), Rule::kCompromise).empty());
}

TEST(DistributedCompromise, KeyLoginIsNeverASprayCompromise) {
  DistributedHarness h;
  OpenCampaign(&h);
  h.Add(kOpen + kMinute, "203.0.113.77", Account(4));
  h.Add(kOpen + 2 * kMinute, "203.0.113.77", "victim", kOk, AuthMethod::kPublicKey);
  h.Add(kOpen + 3 * kHour, "198.51.100.23", "victim", kOk, AuthMethod::kPublicKey);
  EXPECT_TRUE(Of(h.Finish(), Rule::kCompromise).empty());
}

TEST(DistributedCompromise, CarrierNatAddressOthersLogInFromIsNotASprayer) {
  DistributedHarness h;
  OpenCampaign(&h);
  // Someone logs in from the carrier's block; later a phone there fails for a sprayed account
  // and another person logs in from the same address.
  h.Add(kOpen + kMinute, "100.64.7.1", "colleague", kOk);
  h.Add(kOpen + 2 * kHour, "100.64.7.9", Account(4));
  h.Add(kOpen + 2 * kHour, "100.64.7.9", "victim", kOk);
  EXPECT_TRUE(Of(h.Finish(), Rule::kCompromise).empty());
}

TEST(DistributedCompromise, LoginIsReportedWhenItsSourceSpraysNext) {
  DistributedHarness h;
  OpenCampaign(&h);
  h.Add(kOpen + kMinute, "203.0.113.77", "victim", kOk);  // first act of this router
  EXPECT_TRUE(Of(h.findings(), Rule::kCompromise).empty());
  h.Add(kOpen + 40 * kMinute, "203.0.113.77", Account(6));  // its next act: spraying
  const auto found = Of(h.findings(), Rule::kCompromise);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->rule_id, "compromise.sprayed");
  EXPECT_EQ(found[0]->start, kOpen + kMinute);
  EXPECT_EQ(found[0]->triggered, kOpen + 40 * kMinute);
}

TEST(DistributedCompromise, NoCampaignNoCompromise) {
  DistributedHarness h;
  VictimHasHabits(&h);
  h.Add(kT0 + kMinute, "203.0.113.77", "someone");
  h.Add(kT0 + 2 * kMinute, "198.51.100.23", "someone");
  h.Add(kT0 + 3 * kMinute, "203.0.113.77", "victim", kOk);
  h.Add(kT0 + 2 * kHour, "192.0.2.44", "victim", kOk);
  EXPECT_TRUE(h.Finish().empty());
}

}  // namespace
}  // namespace spraytrace::detect
