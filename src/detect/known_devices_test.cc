// Benign failures the per-source rules must not report: forgotten passwords on known devices
// and networks (known_devices.h), phones behind carrier NAT, and internal jobs failing on a timer.
#include "detect/known_devices.h"

#include <gtest/gtest.h>

#include <string_view>

#include "detect/detect_test_support.h"
#include "event/file_table.h"

namespace spraytrace::detect {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the shared test vocabulary

// The peers' mixed file: a user who logged in from home all week forgets the password once
// (three prompts, reconnect, three more). fail2ban bans the home address; we stay quiet.
void ForgetPasswordAtHome(Harness* h, std::string_view ip, int failures) {
  h->Add(kT0, ip, "ynovak", kOk);
  h->Add(kT0 + 2 * kHour, ip, "ynovak", kOk);
  for (int i = 0; i < failures; ++i) h->Add(kT0 + 3 * kHour + i * 20 * kSecond, ip, "ynovak");
  h->Add(kT0 + 3 * kHour + failures * 20 * kSecond + kMinute, ip, "ynovak", kOk);
}

TEST(KnownDevice, ForgottenPasswordFromTheUsualAddressStaysQuiet) {
  Harness h;
  ForgetPasswordAtHome(&h, "198.51.100.60", 6);
  EXPECT_TRUE(h.Finish().empty());
}

TEST(KnownDevice, ManyFailuresFromAKnownAddressStillFire) {
  Harness h;
  ForgetPasswordAtHome(&h, "198.51.100.61", 40);
  ASSERT_EQ(h.Finish().size(), 1u);
  EXPECT_EQ(h.findings()[0].rule_id, "brute_force.burst");
}

TEST(KnownDevice, TheSameBurstFromANewAddressFires) {
  Harness h;
  for (int i = 0; i < 6; ++i) h.Add(kT0 + i * 20 * kSecond, "198.51.100.62", "ynovak");
  h.Add(kT0 + 3 * kMinute, "198.51.100.62", "ynovak", kOk);
  ASSERT_EQ(h.Finish().size(), 1u);
  EXPECT_EQ(h.findings()[0].severity, 3) << "failures then a success: severity raised";
}

TEST(KnownDevice, AnotherAccountFailingFromTheAddressIsNotExempt) {
  Harness h;
  h.Add(kT0, "198.51.100.63", "ynovak", kOk);
  for (int i = 0; i < 6; ++i) h.Add(kT0 + kHour + i * 20 * kSecond, "198.51.100.63", "root");
  ASSERT_EQ(h.Finish().size(), 1u);
}

TEST(KnownDevice, ZeroTurnsTheExemptionOff) {
  DetectorConfig config;
  config.known_devices.max_failures = 0;
  Harness h(config);
  ForgetPasswordAtHome(&h, "198.51.100.64", 6);
  EXPECT_EQ(h.Finish().size(), 1u);
}

TEST(KnownDevice, ALoginInAnEarlierEpisodeIsRemembered) {
  Harness h;  // episodes end after 6 h of quiet; the login two days earlier is remembered
  h.Add(kT0, "198.51.100.70", "xwerner", kOk);
  for (int i = 0; i < 9; ++i) h.Add(kT0 + 2 * kDay + i * 20 * kSecond, "198.51.100.70", "xwerner");
  EXPECT_TRUE(h.Finish().empty());
}

TEST(KnownDevice, MemoryFadesAfterItsWindow) {
  DetectorConfig config;
  config.known_devices.memory = kDay;
  Harness h(config);
  h.Add(kT0, "198.51.100.71", "xwerner", kOk);
  h.Advance(kT0 + 3 * kDay);
  for (int i = 0; i < 9; ++i) h.Add(kT0 + 3 * kDay + i * 20 * kSecond, "198.51.100.71", "xwerner");
  EXPECT_EQ(h.Finish().size(), 1u);
}

TEST(KnownDevices, StaysWithinCapacityDroppingTheLeastRecent) {
  KnownDevices known(30 * kDay, 1000);
  for (uint32_t i = 0; i < 5000; ++i) {
    known.RecordSuccess(SourceKey{IpAddress::FromV4(i), kNoString}, 1, kT0 + i * kSecond);
  }
  EXPECT_LE(known.size(), 1000u);
  EXPECT_TRUE(
      known.LoggedInBefore(SourceKey{IpAddress::FromV4(4999), kNoString}, 1, kT0 + 5000 * kSecond));
  EXPECT_FALSE(
      known.LoggedInBefore(SourceKey{IpAddress::FromV4(0), kNoString}, 1, kT0 + 5000 * kSecond));
}

// The simulator's misconfigured service account: every 15 minutes, a few seconds of jitter.
void FailEveryQuarterHour(Harness* h, std::string_view ip, int count) {
  for (int i = 0; i < count; ++i) {
    h->Add(kT0 + i * 15 * kMinute + (i * 7 % 5) * kSecond, ip, "nagios");
  }
}

TEST(ScheduledJob, InternalAccountFailingOnATimerIsQuiet) {
  Harness h;
  FailEveryQuarterHour(&h, "10.20.31.14", 96);
  EXPECT_TRUE(h.Finish().empty());
}

TEST(ScheduledJob, TheSameRegularityFromTheInternetIsReported) {
  Harness h;  // a guessing tool with a fixed wait
  FailEveryQuarterHour(&h, "192.0.2.91", 96);
  ASSERT_EQ(h.Finish().size(), 1u);
  EXPECT_EQ(h.findings()[0].rule_id, "brute_force.slow");
}

TEST(ScheduledJob, CanBeReportedWhenConfigured) {
  DetectorConfig config;
  config.slow.ignore_scheduled = false;
  Harness h(config);
  FailEveryQuarterHour(&h, "10.20.31.14", 96);
  EXPECT_EQ(h.Finish().size(), 1u);
}

TEST(KnownNetwork, StalePhoneBehindItsCarrierNatIsQuiet) {
  Harness h;  // the phone logged in last week from another address of the carrier's pool
  h.Add(kT0, "114.45.9.20", "acampbell", kOk);
  for (int i = 0; i < 30; ++i) {
    h.Add(kT0 + 7 * kDay + i * 23 * kMinute, "114.45.1.195", "acampbell");
  }
  EXPECT_TRUE(h.Finish().empty());
}

TEST(KnownNetwork, AnotherNetworkIsStillSlowBruteForce) {
  Harness h;
  h.Add(kT0, "114.45.9.20", "acampbell", kOk);
  for (int i = 0; i < 30; ++i)
    h.Add(kT0 + 7 * kDay + i * 23 * kMinute, "198.51.100.8", "acampbell");
  ASSERT_EQ(h.Finish().size(), 1u);
  EXPECT_EQ(h.findings()[0].rule_id, "brute_force.slow");
}

// The simulator's carrier NAT: two phones with old passwords retry through one pool address in
// the same ten minutes; both accounts logged in from the carrier's range last week.
TEST(KnownNetwork, TwoStalePhonesBehindOneCarrierAddressStayQuiet) {
  Harness h;
  h.Add(kT0, "114.45.1.157", "dgarcia7", kOk);
  h.Add(kT0 + kHour, "114.45.3.220", "mjones10", kOk);
  for (int i = 0; i < 3; ++i) {
    h.Add(kT0 + 7 * kDay + i * kMinute, "114.45.3.226", "dgarcia7");
    h.Add(kT0 + 7 * kDay + i * kMinute + 20 * kSecond, "114.45.3.226", "mjones10");
  }
  EXPECT_TRUE(h.Finish().empty());
}

TEST(KnownNetwork, ABruteForceFromTheSameRangeStillFires) {
  Harness h;
  h.Add(kT0, "114.45.1.157", "dgarcia7", kOk);
  for (int i = 0; i < 40; ++i) h.Add(kT0 + 7 * kDay + i * 5 * kSecond, "114.45.3.226", "dgarcia7");
  ASSERT_EQ(h.Finish().size(), 1u);
  EXPECT_EQ(h.findings()[0].rule_id, "brute_force.burst");
}

TEST(KnownNetwork, ZeroPrefixRemembersExactAddressesOnly) {
  DetectorConfig config;
  config.known_devices.network_v4 = 0;
  Harness h(config);
  h.Add(kT0, "114.45.1.157", "dgarcia7", kOk);
  for (int i = 0; i < 6; ++i) h.Add(kT0 + 7 * kDay + i * kMinute, "114.45.3.226", "dgarcia7");
  EXPECT_EQ(h.Finish().size(), 1u);
}

// State across runs: pairs come back under the next run's string ids, networks included, and
// what is past the memory at save time is left out.
TEST(KnownDevice, SaveAndLoadIntoAFreshPool) {
  StringPool pool;
  FileTable files;
  KnownDevices known(30 * kDay, 1000);
  const SourceKey home{Ip("198.51.100.60"), kNoString};
  const SourceKey old{Ip("2001:db8:1::9"), kNoString};
  const SourceKey host{IpAddress(), pool.Intern("laptop.example")};
  known.RecordSuccess(home, pool.Intern("ynovak"), kT0 + 40 * kDay);
  known.RecordSuccess(host, pool.Intern("ana"), kT0 + 41 * kDay);
  known.RecordSuccess(old, pool.Intern("bob"), kT0);  // 42 days before the save
  store::StateEncoder out(&pool, &files);
  known.Save(kT0 + 42 * kDay, &out);
  const std::string body = std::move(out).Finish();

  StringPool next;
  next.Intern("shifts every id");
  FileTable next_files;
  store::StateDecoder in(body, &next, &next_files);
  KnownDevices restored(30 * kDay, 1000);
  ASSERT_TRUE(restored.Load(&in)) << in.error();
  EXPECT_EQ(restored.size(), 3u) << "address and /16 for ynovak, the host for ana; bob expired";
  const Timestamp later = kT0 + 43 * kDay;
  EXPECT_TRUE(restored.LoggedInBefore(home, next.Find("ynovak"), later));
  EXPECT_TRUE(restored.LoggedInFromNetworkBefore(SourceKey{Ip("198.51.7.7"), kNoString},
                                                 next.Find("ynovak"), later));
  EXPECT_TRUE(restored.LoggedInBefore(SourceKey{IpAddress(), next.Find("laptop.example")},
                                      next.Find("ana"), later));
  EXPECT_FALSE(restored.LoggedInBefore(old, next.Find("bob"), later));
}

}  // namespace
}  // namespace spraytrace::detect
