// account_targeted: a person's account failing from many unseen addresses in several networks,
// and the look-alikes that must stay quiet (a phone in its carrier's pool, names nobody uses,
// the covert network's one guess a day).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "detect/distributed_test_support.h"

namespace spraytrace::detect {
namespace {

using testing::DistributedHarness;
using testing::kDay;
using testing::kHour;
using testing::kMinute;
using testing::kOk;
using testing::kT0;
using testing::Of;

// Address j in its own /16 and /24.
std::string Router(int j) { return fmt::format("{}.{}.7.9", 20 + j, 100 + j); }

TEST(AccountTargeted, PersonsAccountFailingFromManyNetworksFires) {
  DistributedHarness h;
  h.Add(kT0 - kDay, "81.2.69.10", "ceo", kOk);
  for (int j = 0; j < 12; ++j) h.Add(kT0 + j * 4 * kHour, Router(j), "ceo");
  const auto found = Of(h.Finish(), Rule::kAccountTargeted);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->user_name, "ceo");
  EXPECT_EQ(found[0]->rule_id, "account_targeted.sources");
  // Reported once ten had settled; the finding lists those it had seen.
  EXPECT_GE(found[0]->related_ips.size(), 10u);
  EXPECT_FALSE(found[0]->evidence.empty());
  EXPECT_NE(found[0]->summary.find("networks"), std::string::npos);
  EXPECT_TRUE(Of(h.findings(), Rule::kDistributedSpray).empty());  // one account: no campaign
}

TEST(AccountTargeted, PhoneRetryingAcrossItsCarrierPoolDoesNot) {
  DistributedHarness h;
  h.Add(kT0 - kDay, "81.2.69.10", "ceo", kOk);
  for (int j = 0; j < 12; ++j) h.Add(kT0 + j * 2 * kHour, fmt::format("100.70.{}.4", j), "ceo");
  EXPECT_TRUE(Of(h.Finish(), Rule::kAccountTargeted).empty());
}

TEST(AccountTargeted, NamesNobodyLogsInWithDoNot) {
  DistributedHarness h;
  for (int j = 0; j < 30; ++j) h.Add(kT0 + j * kHour, Router(j), "root");
  EXPECT_TRUE(Of(h.Finish(), Rule::kAccountTargeted).empty());
}

TEST(AccountTargeted, OneGuessADayDoesNot) {
  DistributedHarness h;
  h.Add(kT0 - kDay, "81.2.69.10", "ceo", kOk);
  for (int day = 0; day < 7; ++day) h.Add(kT0 + day * kDay + 10 * kMinute, Router(day), "ceo");
  EXPECT_TRUE(Of(h.Finish(), Rule::kAccountTargeted).empty());
}

}  // namespace
}  // namespace spraytrace::detect
