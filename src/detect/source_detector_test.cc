// SourceDetector on synthetic AuthEvents: each test is one behaviour from design.md detections 1-2
// and the benign traffic that must stay quiet (peers/README.md sections 0 and 6).
#include "detect/source_detector.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detect/detect_test_support.h"
#include "event/file_table.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the shared test vocabulary

// Every field, so two runs can be compared exactly.
std::string Dump(const Finding& f) {
  std::string out =
      fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|", RuleName(f.rule), f.rule_id,
                  f.severity, f.confidence, f.triggered, f.start, f.end,
                  f.source_ip ? f.source_ip->ToString() : "-", f.user_name, f.failures, f.successes,
                  f.distinct_accounts, f.unknown_account_failures, f.summary);
  for (const IpAddress& ip : f.related_ips) out += ip.ToString() + ",";
  for (const std::string& user : f.related_users) out += user + ",";
  for (const Evidence& e : f.evidence) out += fmt::format("{}@{}:{},", e.why, e.time, e.where.line);
  return out;
}

// Deterministic pseudo-random numbers for benign traffic.
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  uint64_t Next(uint64_t bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state_ >> 33) % bound;
  }

 private:
  uint64_t state_;
};

TEST(SourceDetector, BruteForceAtOnePerSecondIsOneFindingWithExactCounts) {
  Harness h;
  for (int i = 0; i < 20; ++i) {
    h.Add(kT0 + i * kSecond, "203.0.113.5", i < 18 ? "root" : "admin", kFail,
          i < 18 ? Reason::kBadPassword : Reason::kUnknownUser);
  }
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, Rule::kBruteForce);
  EXPECT_EQ(f.rule_id, "brute_force.burst");
  EXPECT_EQ(f.severity, 2);
  EXPECT_EQ(f.triggered, kT0 + 4 * kSecond);  // the 5th failure
  EXPECT_EQ(f.start, kT0);
  EXPECT_EQ(f.end, kT0 + 19 * kSecond);
  EXPECT_EQ(f.failures, 20u);
  EXPECT_EQ(f.successes, 0u);
  EXPECT_EQ(f.distinct_accounts, 2u);
  EXPECT_EQ(f.unknown_account_failures, 2u);
  EXPECT_EQ(f.source_ip, Ip("203.0.113.5"));
  EXPECT_EQ(f.related_ips, std::vector<IpAddress>{Ip("203.0.113.5")});
  EXPECT_EQ(f.related_users, (std::vector<std::string>{"root", "admin"}));
  EXPECT_EQ(f.user_name, "");
  EXPECT_EQ(f.summary,
            "203.0.113.5 failed 20 times against 2 accounts (root 18, admin 2) in 19s; 20 failures "
            "within 10m (threshold 5 in 10m)");
  EXPECT_DOUBLE_EQ(f.confidence, 1.0);
  ASSERT_EQ(f.evidence.size(), 3u);
  EXPECT_EQ(f.evidence[0].why, "failed password for root");
  EXPECT_EQ(f.evidence[1].time, kT0 + 4 * kSecond);
  EXPECT_EQ(f.evidence[2].why, "failed password for invalid user admin");
  EXPECT_EQ(f.evidence[2].where.line, 20u);
  EXPECT_EQ(h.detector().size(), 0u);
}

TEST(SourceDetector, OneAccountSetsUserName) {
  Harness h;
  for (int i = 0; i < 6; ++i) h.Add(kT0 + i * kSecond, "203.0.113.5", "root");
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].user_name, "root");
  EXPECT_DOUBLE_EQ(findings[0].confidence, 0.5 + 0.5 * 6 / 20.0);
}

TEST(SourceDetector, FourFailuresInTenMinutesAreQuiet) {
  Harness h;
  for (int i = 0; i < 4; ++i) h.Add(kT0 + i * kMinute, "203.0.113.5", "root");
  EXPECT_TRUE(h.Finish().empty());
}

TEST(SourceDetector, FiveFailuresSpreadOverElevenMinutesAreQuiet) {
  Harness h;
  for (int i = 0; i < 5; ++i) h.Add(kT0 + i * (11 * kMinute / 4), "203.0.113.5", "root");
  EXPECT_TRUE(h.Finish().empty());
}

TEST(SourceDetector, TwoEpisodesSeparatedByTheIdleGapAreTwoFindings) {
  Harness h;
  for (int i = 0; i < 10; ++i) h.Add(kT0 + i * kSecond, "203.0.113.5", "root");
  for (int i = 0; i < 7; ++i) h.Add(kT0 + 7 * kHour + i * kSecond, "203.0.113.5", "root");
  ASSERT_EQ(h.findings().size(), 1u);  // the first episode closed when the source came back
  EXPECT_EQ(h.findings()[0].failures, 10u);
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[1].failures, 7u);
  EXPECT_EQ(findings[1].start, kT0 + 7 * kHour);
  EXPECT_EQ(findings[1].triggered, kT0 + 7 * kHour + 4 * kSecond);
}

TEST(SourceDetector, AdvanceTimeClosesIdleEpisodesAndEvicts) {
  Harness h;
  for (int i = 0; i < 10; ++i) h.Add(kT0 + i * kSecond, "203.0.113.5", "root");
  h.Advance(kT0 + 5 * kHour);
  EXPECT_TRUE(h.findings().empty());
  EXPECT_EQ(h.detector().size(), 1u);
  h.Advance(kT0 + 7 * kHour);
  ASSERT_EQ(h.findings().size(), 1u);
  EXPECT_EQ(h.detector().size(), 0u);
  EXPECT_TRUE(h.Finish().size() == 1u);
}

TEST(SourceDetector, SprayOfOneAttemptPerAccountIsSingleSourceSprayOnly) {
  Harness h;
  for (int i = 0; i < 50; ++i) {
    h.Add(kT0 + i * kSecond, "198.51.100.7", fmt::format("user{:02}", i), kFail,
          i % 2 == 0 ? Reason::kBadPassword : Reason::kUnknownUser);
  }
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, Rule::kSingleSourceSpray);
  EXPECT_EQ(f.rule_id, "single_source_spray.breadth");
  EXPECT_EQ(f.severity, 3);
  EXPECT_EQ(f.triggered, kT0 + 4 * kSecond);  // 5th failed-only account
  EXPECT_EQ(f.failures, 50u);
  EXPECT_EQ(f.distinct_accounts, 50u);
  EXPECT_EQ(f.unknown_account_failures, 25u);
  EXPECT_EQ(f.related_users.size(), 50u);
  EXPECT_EQ(f.related_users.front(), "user00");  // ties by name
  EXPECT_EQ(f.user_name, "");
  EXPECT_DOUBLE_EQ(f.confidence, 1.0);
  EXPECT_EQ(f.summary,
            "198.51.100.7 failed 50 times against 50 accounts (user00 1, user01 1, user02 1 and "
            "47 more) in 49s, 25 of them accounts that do not exist; 50 accounts failed within "
            "1d with 1.0 tries each and none logged in (threshold: 5 accounts, at most 4 tries "
            "each)");
}

TEST(SourceDetector, RelatedUsersAreCapped) {
  DetectorConfig config;
  config.episodes.max_related_users = 7;
  config.episodes.max_evidence = 2;
  Harness h(config);
  for (int i = 0; i < 50; ++i) h.Add(kT0 + i * kSecond, "198.51.100.7", fmt::format("u{:02}", i));
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].related_users.size(), 7u);
  EXPECT_EQ(findings[0].distinct_accounts, 50u);
  ASSERT_EQ(findings[0].evidence.size(), 2u);
  EXPECT_EQ(findings[0].evidence[1].time, kT0 + 4 * kSecond);  // the trigger is always cited
}

// A day of an office behind one NAT address: `users` people log in, some mistype first, a few
// stale accounts (`stale` of them) fail now and then and never succeed.
std::vector<AuthEvent> OfficeDay(Harness* h, Timestamp day, Lcg* rng, int users, int stale) {
  const std::string_view nat = "192.0.2.10";
  std::vector<AuthEvent> events;
  const Micros office_hours = 9 * kHour;
  for (int u = 0; u < users; ++u) {
    const Timestamp at =
        day + 8 * kHour + static_cast<Micros>(rng->Next(office_hours / kSecond)) * kSecond;
    const std::string user = fmt::format("emp{:03}", u);
    if (rng->Next(10) == 0) {
      for (uint64_t typo = 0; typo <= rng->Next(3); ++typo) {
        events.push_back(
            h->Make(at - 30 * kSecond + static_cast<Micros>(typo) * kSecond, nat, user));
      }
    }
    events.push_back(h->Make(at, nat, user, kOk));
  }
  for (int s = 0; s < stale; ++s) {
    const uint64_t tries = 1 + rng->Next(2);
    for (uint64_t t = 0; t < tries; ++t) {
      const Timestamp at =
          day + 8 * kHour + static_cast<Micros>(rng->Next(office_hours / kSecond)) * kSecond;
      events.push_back(h->Make(at, nat, fmt::format("former{:02}", s)));
    }
  }
  return events;
}

// Observes events in time order (ties in the order given).
void ObserveSorted(Harness* h, std::vector<AuthEvent> events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const AuthEvent& a, const AuthEvent& b) { return a.time < b.time; });
  for (const AuthEvent& event : events) h->Observe(event);
}

TEST(SourceDetector, OfficeNatWithManySuccessesStaysQuiet) {
  Harness h;
  Lcg rng(42);
  for (int day = 0; day < 5; ++day)
    ObserveSorted(&h, OfficeDay(&h, kT0 + day * kDay, &rng, 300, 15));
  const auto& findings = h.Finish();
  EXPECT_TRUE(findings.empty()) << (findings.empty() ? "" : Dump(findings[0]));
}

TEST(SourceDetector, NatWithStalePasswordPhoneStaysQuiet) {
  Harness h;
  Lcg rng(7);
  std::vector<AuthEvent> events = OfficeDay(&h, kT0, &rng, 300, 15);
  // carol's phone retries her old password every 7 minutes all day; her laptop logs in fine.
  for (int i = 0; i < 120; ++i) {
    events.push_back(h.Make(kT0 + 8 * kHour + i * 7 * kMinute, "192.0.2.10", "carol"));
  }
  events.push_back(h.Make(kT0 + 9 * kHour, "192.0.2.10", "carol", kOk));
  ObserveSorted(&h, std::move(events));
  const auto& findings = h.Finish();
  EXPECT_TRUE(findings.empty()) << (findings.empty() ? "" : Dump(findings[0]));
}

TEST(SourceDetector, NatStillReportsHammeringOfAnAccountThatNeverLogsIn) {
  Harness h;
  Lcg rng(42);
  std::vector<AuthEvent> events = OfficeDay(&h, kT0, &rng, 300, 15);
  const Timestamp attack = kT0 + 12 * kHour + 30 * kSecond;
  for (int i = 0; i < 20; ++i) events.push_back(h.Make(attack + i * kSecond, "192.0.2.10", "root"));
  ObserveSorted(&h, std::move(events));
  const auto& findings = h.Finish();
  ASSERT_EQ(RuleIds(findings), std::vector<std::string>{"brute_force.burst"});
  EXPECT_EQ(findings[0].triggered, attack + 4 * kSecond);
  EXPECT_EQ(findings[0].related_users.front(), "root");
}

TEST(SourceDetector, HomeAddressWithStalePasswordPhoneStaysQuiet) {
  Harness h;
  for (int i = 0; i < 60; ++i) h.Add(kT0 + i * 6 * kMinute, "198.51.100.20", "dave");
  h.Add(kT0 + 5 * kHour, "198.51.100.20", "dave", kOk);
  EXPECT_TRUE(h.Finish().empty());
}

TEST(SourceDetector, SlowBruteForceBelowFail2banIsReported) {
  Harness h;
  for (int i = 0; i < 72; ++i) h.Add(kT0 + i * 5 * kMinute, "192.0.2.77", "root");
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, Rule::kBruteForce);
  EXPECT_EQ(f.rule_id, "brute_force.slow");
  EXPECT_EQ(f.severity, 2);
  EXPECT_EQ(f.triggered, kT0 + 95 * kMinute);  // the 20th failure, 1h35m after the first
  EXPECT_EQ(f.failures, 72u);
  EXPECT_EQ(f.user_name, "root");
  EXPECT_EQ(f.summary,
            "192.0.2.77 failed 72 times against 1 account (root 72) in 5h55m; never more than 3 "
            "within 10m (burst threshold 5), but 20 within 1d spread over 1h35m (threshold 20 "
            "over at least 1h)");
  ASSERT_EQ(f.evidence.size(), 3u);
  EXPECT_EQ(f.evidence[0].time, kT0);
  EXPECT_EQ(f.evidence[1].time, kT0 + 95 * kMinute);
  EXPECT_EQ(f.evidence[2].time, kT0 + 71 * 5 * kMinute);
}

TEST(SourceDetector, SlowFailuresOnAnAccountThatAlsoSucceededAreQuiet) {
  Harness h;
  for (int i = 0; i < 72; ++i) h.Add(kT0 + i * 5 * kMinute, "192.0.2.77", "root");
  h.Add(kT0 + 3 * kHour + kSecond, "192.0.2.77", "root", kOk);
  EXPECT_TRUE(h.Finish().empty());
}

TEST(SourceDetector, SlowCanCountAccountsWithSuccessWhenConfigured) {
  DetectorConfig config;
  config.slow.ignore_accounts_with_success = false;
  config.slow.max_success_ratio = 1.0;
  Harness h(config);
  for (int i = 0; i < 72; ++i) h.Add(kT0 + i * 5 * kMinute, "192.0.2.77", "root");
  h.Add(kT0 + 3 * kHour + kSecond, "192.0.2.77", "root", kOk);
  EXPECT_EQ(RuleIds(h.Finish()), std::vector<std::string>{"brute_force.slow"});
}

TEST(SourceDetector, DictionaryOnThreeAccountsIsBruteForceNotSpray) {
  Harness h;
  const char* accounts[] = {"root", "admin", "test"};
  for (int i = 0; i < 300; ++i) h.Add(kT0 + i * 2 * kSecond, "203.0.113.9", accounts[i % 3]);
  const auto& findings = h.Finish();
  ASSERT_EQ(RuleIds(findings), std::vector<std::string>{"brute_force.burst"});
  EXPECT_EQ(findings[0].distinct_accounts, 3u);
  EXPECT_EQ(findings[0].related_users, (std::vector<std::string>{"admin", "root", "test"}));
  EXPECT_EQ(findings[0].triggered, kT0 + 8 * kSecond);
}

TEST(SourceDetector, SourceThatSpraysThenHammersRootGetsBoth) {
  Harness h;
  for (int i = 0; i < 50; ++i)
    h.Add(kT0 + i * 10 * kSecond, "203.0.113.44", fmt::format("u{:02}", i));
  const Timestamp hammer = kT0 + 50 * 10 * kSecond;
  for (int i = 0; i < 100; ++i) h.Add(hammer + i * kSecond, "203.0.113.44", "root");
  const auto& findings = h.Finish();
  ASSERT_EQ(RuleIds(findings),
            (std::vector<std::string>{"single_source_spray.breadth", "brute_force.burst"}));
  EXPECT_EQ(findings[0].triggered, kT0 + 40 * kSecond);
  // Four root failures plus one sprayed account: the first burst against at most two accounts.
  EXPECT_EQ(findings[1].triggered, hammer + 3 * kSecond);
  EXPECT_EQ(findings[1].failures, 150u);
  EXPECT_EQ(findings[1].related_users.front(), "root");
}

TEST(SourceDetector, FastSprayWithoutConcentratedBurstHasNoBruteForce) {
  Harness h;
  for (int i = 0; i < 50; ++i) h.Add(kT0 + i * kSecond, "203.0.113.44", fmt::format("u{:02}", i));
  EXPECT_EQ(RuleIds(h.Finish()), std::vector<std::string>{"single_source_spray.breadth"});
}

TEST(SourceDetector, BruteForceThenSuccessIsSeverityThree) {
  Harness h;
  for (int i = 0; i < 8; ++i) h.Add(kT0 + i * kSecond, "203.0.113.5", "root");
  h.Add(kT0 + 20 * kSecond, "203.0.113.5", "root", kFail, Reason::kMfaRequired);
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, 3);
  EXPECT_EQ(findings[0].failures, 8u);  // the password-correct result is not a failure
  EXPECT_EQ(findings[0].successes, 1u);
  EXPECT_NE(findings[0].summary.find("; then succeeded for root"), std::string::npos);
  EXPECT_EQ(findings[0].evidence.back().why, "password correct for root (mfa_required)");
}

// The spray's guess that worked: a login, from the spraying address, to an account that had
// never logged in from it (o365spray's run in the blueteam0ps UAL sample ends this way).
TEST(SourceDetector, LoginFromASprayingSourceIsACompromise) {
  Harness h;
  for (int i = 0; i < 10; ++i) {
    h.Add(kT0 + i * kSecond, "2001:db8:820:8::1a:9c", fmt::format("user{:02}", i));
  }
  h.Add(kT0 + 11 * kSecond, "2001:db8:820:8::1a:9c", "henrietta", kOk);
  h.Add(kT0 + 12 * kSecond, "2001:db8:820:8::1a:9c", "henrietta", kOk);  // once is enough
  h.Add(kT0 + 13 * kSecond, "2001:db8:820:8::1a:9c", "user10", kFail, Reason::kMfaRequired);
  const auto& findings = h.Finish();
  EXPECT_EQ(RuleIds(findings),
            (std::vector<std::string>{"single_source_spray.breadth", "compromise.single_source",
                                      "compromise.single_source"}));
  ASSERT_EQ(findings.size(), 3u);
  const Finding& f = findings[1];
  EXPECT_EQ(f.rule, Rule::kCompromise);
  EXPECT_EQ(f.severity, 4);
  EXPECT_EQ(f.user_name, "henrietta");
  EXPECT_EQ(f.related_users, std::vector<std::string>{"henrietta"});
  EXPECT_EQ(f.source_ip, Ip("2001:db8:820:8::1a:9c"));
  EXPECT_EQ(f.start, kT0 + 11 * kSecond);
  EXPECT_EQ(f.end, kT0 + 11 * kSecond);
  EXPECT_EQ(f.triggered, kT0 + 11 * kSecond);
  EXPECT_EQ(f.summary,
            "henrietta logged in from 2001:db8:820:8::1a:9c, an address that had never logged in "
            "to it, while spraying: it failed 10 times against 10 accounts (user00 1, user01 1, "
            "user02 1 and 7 more) in 13s");
  ASSERT_EQ(f.evidence.size(), 2u);
  EXPECT_EQ(f.evidence[0].why, "failed password for user00");
  EXPECT_EQ(f.evidence[1].why, "accepted password for henrietta");
  EXPECT_EQ(f.evidence[1].where.line, 11u);
  // A password-correct result is a guess that worked too.
  EXPECT_EQ(findings[2].user_name, "user10");
  EXPECT_EQ(findings[2].evidence[1].why, "password correct for user10 (mfa_required)");
}

TEST(SourceDetector, SprayingSourceLoginsThatAreNoGuessStayQuiet) {
  Harness h;
  const std::string_view ip = "203.0.113.77";
  // Known at this address from an earlier episode (the owner's home, hours before).
  h.Add(kT0, ip, "owner", kOk);
  const Timestamp spray = kT0 + 2 * kDay;
  // A login before the spray's first failure: someone at the address, not a guess.
  h.Add(spray - kSecond, ip, "early", kOk);
  for (int i = 0; i < 10; ++i) h.Add(spray + i * kSecond, ip, fmt::format("user{:02}", i));
  h.Add(spray + 20 * kSecond, ip, "owner", kOk);
  AuthEvent key = h.Make(spray + 21 * kSecond, ip, "deploy", kOk);
  key.method = AuthMethod::kPublicKey;  // a key is not guessed
  h.Observe(key);
  h.Add(spray + 22 * kSecond, ip, "early", kOk);
  EXPECT_EQ(RuleIds(h.Finish()), std::vector<std::string>{"single_source_spray.breadth"});
}

TEST(SourceDetector, LoginAfterFailuresWithoutASprayIsNoCompromise) {
  Harness h;
  for (int i = 0; i < 3; ++i) h.Add(kT0 + i * kSecond, "192.0.2.9", fmt::format("user{}", i));
  h.Add(kT0 + 10 * kSecond, "192.0.2.9", "alice", kOk);
  EXPECT_TRUE(h.Finish().empty());
}

TEST(SourceDetector, AbortedAttemptsCountAsFailures) {
  Harness h;
  for (int i = 0; i < 5; ++i) {
    h.Add(kT0 + i * kSecond, "203.0.113.5", "admin", kFail, Reason::kAborted);
  }
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "brute_force.burst");
  EXPECT_EQ(findings[0].evidence[0].why, "password for admin aborted without a verdict");
}

TEST(SourceDetector, OutOfOrderEventsGiveExactCounts) {
  Harness h;
  std::vector<AuthEvent> events;
  for (int i = 0; i < 20; ++i) events.push_back(h.Make(kT0 + i * kSecond, "203.0.113.5", "root"));
  for (size_t i = 0; i + 1 < events.size(); i += 2) std::swap(events[i], events[i + 1]);
  // One attempt emitted three minutes late.
  events.push_back(h.Make(kT0 + 10 * kSecond + 500'000, "203.0.113.5", "admin"));
  std::rotate(events.begin() + 3, events.end() - 1, events.end());
  for (const AuthEvent& event : events) h.Observe(event);
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].failures, 21u);
  EXPECT_EQ(findings[0].start, kT0);
  EXPECT_EQ(findings[0].end, kT0 + 19 * kSecond);
  // Received 1, 0, 3, 10.5 (late admin), 2: the fifth failure received completed the burst.
  EXPECT_EQ(findings[0].triggered, kT0 + 2 * kSecond);
}

TEST(SourceDetector, LateSprayAttemptsStillCountTowardsBreadth) {
  Harness h;
  std::vector<AuthEvent> events;
  for (int i = 0; i < 10; ++i) {
    events.push_back(h.Make(kT0 + i * kMinute, "198.51.100.7", fmt::format("u{}", i)));
  }
  std::reverse(events.begin(), events.end());
  for (const AuthEvent& event : events) h.Observe(event);
  EXPECT_EQ(RuleIds(h.Finish()), std::vector<std::string>{"single_source_spray.breadth"});
}

TEST(SourceDetector, DisabledRulesAreSilent) {
  DetectorConfig no_burst;
  no_burst.brute_force.enabled = false;
  Harness burst(no_burst);
  for (int i = 0; i < 20; ++i) burst.Add(kT0 + i * kSecond, "203.0.113.5", "root");
  EXPECT_TRUE(burst.Finish().empty());

  DetectorConfig no_spray;
  no_spray.spray.enabled = false;
  Harness spray(no_spray);
  for (int i = 0; i < 50; ++i) spray.Add(kT0 + i * kMinute, "198.51.100.7", fmt::format("u{}", i));
  EXPECT_EQ(RuleIds(spray.Finish()), std::vector<std::string>{"brute_force.burst"});

  DetectorConfig no_slow;
  no_slow.slow.enabled = false;
  Harness slow(no_slow);
  for (int i = 0; i < 72; ++i) slow.Add(kT0 + i * 5 * kMinute, "192.0.2.77", "root");
  EXPECT_TRUE(slow.Finish().empty());
}

TEST(SourceDetector, HostNameSourcesAreKeyedAndEventsWithoutSourceIgnored) {
  Harness h;
  for (int i = 0; i < 6; ++i) h.Add(kT0 + i * kSecond, "attacker.example.net", "root");
  for (int i = 0; i < 6; ++i) h.Add(kT0 + i * kSecond, "", "root");
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_FALSE(findings[0].source_ip.has_value());
  EXPECT_TRUE(findings[0].related_ips.empty());
  EXPECT_EQ(findings[0].summary.rfind("attacker.example.net failed 6 times", 0), 0u);
}

TEST(SourceDetector, AccountCapKeepsCountingTotals) {
  DetectorConfig config;
  config.episodes.max_accounts_per_source = 10;
  Harness h(config);
  for (int i = 0; i < 50; ++i) h.Add(kT0 + i * kSecond, "198.51.100.7", fmt::format("u{:02}", i));
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].failures, 50u);
  EXPECT_EQ(findings[0].distinct_accounts, 10u);
  EXPECT_NE(findings[0].summary.find("against at least 10 accounts"), std::string::npos);
}

// Many sources, interleaved: brute forces, sprays, slow attackers and benign users.
std::vector<std::string> RunMixed() {
  Harness h;
  std::vector<AuthEvent> events;
  for (int s = 0; s < 60; ++s) {
    const std::string ip = fmt::format("10.0.{}.{}", s / 10, s % 10);
    for (int i = 0; i < 40; ++i) {
      const std::string user = s % 3 == 0 ? "root" : fmt::format("u{}", (i + s) % 25);
      const Micros step = s % 3 == 2 ? 7 * kMinute : 3 * kSecond;
      events.push_back(h.Make(kT0 + (s % 4) * kSecond + i * step, ip, user));
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const AuthEvent& a, const AuthEvent& b) { return a.time < b.time; });
  for (const AuthEvent& event : events) {
    h.Observe(event);
    h.Advance(event.time);
  }
  std::vector<std::string> dumps;
  for (const Finding& f : h.Finish()) dumps.push_back(Dump(f));
  return dumps;
}

TEST(SourceDetector, FindingsAreDeterministicAndOrdered) {
  const std::vector<std::string> first = RunMixed();
  const std::vector<std::string> second = RunMixed();
  ASSERT_EQ(first.size(), 60u);
  EXPECT_EQ(first, second);
  Harness h;
  for (int s = 9; s >= 0; --s) {
    for (int i = 0; i < 5; ++i) h.Add(kT0 + i * kSecond, fmt::format("10.9.9.{}", s), "root");
  }
  const auto& findings = h.Finish();
  ASSERT_EQ(findings.size(), 10u);
  for (size_t i = 1; i < findings.size(); ++i) {
    EXPECT_LT(*findings[i - 1].source_ip, *findings[i].source_ip);
  }
}

TEST(SourceDetector, EvictionKeepsMemoryBounded) {
  Harness h;
  for (uint32_t i = 0; i < 200'000; ++i) {
    AuthEvent event = h.Make(kT0 + i * 10'000, "", "root");
    event.source_ip = IpAddress::FromV4(0x0A000000u + i);
    event.has_source_ip = true;
    h.Observe(event);
  }
  EXPECT_EQ(h.detector().size(), 200'000u);
  h.Advance(kT0 + 2 * kHour);  // nothing idle long enough yet
  EXPECT_EQ(h.detector().size(), 200'000u);
  h.Advance(kT0 + 30 * kDay);
  EXPECT_EQ(h.detector().size(), 0u);
  EXPECT_TRUE(h.findings().empty());
}

TEST(SourceDetector, AdvanceTimeIsThrottled) {
  Harness h;
  h.Add(kT0, "203.0.113.5", "root");
  h.Advance(kT0 + 5 * kHour + 50 * kMinute);  // scans: nothing idle
  h.Advance(kT0 + 6 * kHour + kSecond);       // within idle_gap / 8 of that scan: no scan
  EXPECT_EQ(h.detector().size(), 1u);
  h.Advance(kT0 + 8 * kHour);
  EXPECT_EQ(h.detector().size(), 0u);
}

// The idle queue against a plain model: an episode is open until a look at least idle_gap after
// its last event (or the source's next event after that long). Sources come back, events arrive
// up to an hour late, and some sources stay busy across many looks.
TEST(SourceDetector, EpisodesCloseExactlyWhenIdleWhateverTheirHistory) {
  Harness h;
  const Micros gap = DetectorConfig().episodes.idle_gap;
  std::vector<Timestamp> model_end(64, -1);  // -1: no open episode
  Lcg random(7);
  Timestamp now = kT0;
  for (int step = 0; step < 400; ++step) {
    for (int i = 0; i < 20; ++i) {
      const auto source = static_cast<uint32_t>(random.Next(step % 50 < 25 ? 64 : 8));
      const Timestamp time = now - static_cast<Micros>(random.Next(60)) * kMinute;
      AuthEvent event = h.Make(time, "", "root");
      event.source_ip = IpAddress::FromV4(0x0A000000u + source);
      event.has_source_ip = true;
      h.Observe(event);
      Timestamp& end = model_end[source];
      end = (end < 0 || end < time - gap) ? time : std::max(end, time);
    }
    now += static_cast<Micros>(46 + random.Next(120)) * kMinute;  // past idle_gap / 8: a look
    h.Advance(now);
    size_t open = 0;
    for (Timestamp& end : model_end) {
      if (end >= 0 && end < now - gap) end = -1;
      open += end >= 0 ? 1 : 0;
    }
    ASSERT_EQ(h.detector().size(), open) << "step " << step;
  }
}

// Most covert-network nodes send one guess per episode: such an episode is kept as its event
// until a second comes. It must read as any other episode: its findings (a threshold of one
// failure), its login remembered at the time it happened (the next episode's failures are then
// a known device's), and its second event joining it.
TEST(SourceDetector, OneEventEpisodesAreEpisodesLikeAnyOther) {
  DetectorConfig config;
  config.brute_force.max_failures = 1;
  Harness h(config);
  h.Add(kT0, "203.0.113.9", "root");
  h.Advance(kT0 + 7 * kHour);
  ASSERT_EQ(h.findings().size(), 1u);
  EXPECT_EQ(h.findings()[0].rule_id, "brute_force.burst");
  EXPECT_EQ(h.findings()[0].failures, 1u);
  EXPECT_EQ(h.findings()[0].triggered, kT0);
  ASSERT_FALSE(h.findings()[0].evidence.empty());
  EXPECT_EQ(h.findings()[0].evidence[0].where.line, 1u);

  Harness quiet;                                 // default thresholds
  quiet.Add(kT0, "198.51.100.20", "erin", kOk);  // an episode of one login, closed by the gap
  quiet.Advance(kT0 + 7 * kHour);
  EXPECT_EQ(quiet.detector().size(), 0u);
  for (int i = 0; i < 8; ++i) quiet.Add(kT0 + 8 * kHour + i * kMinute, "198.51.100.20", "erin");
  EXPECT_TRUE(quiet.Finish().empty());  // erin's own address: a stale password, not a burst

  Harness joined;
  joined.Add(kT0, "203.0.113.7", "root");
  for (int i = 1; i < 5; ++i) joined.Add(kT0 + i * kMinute, "203.0.113.7", "admin");
  EXPECT_EQ(joined.detector().size(), 1u);
  const auto& findings = joined.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].failures, 5u);
  EXPECT_EQ(findings[0].start, kT0);
  EXPECT_EQ(findings[0].distinct_accounts, 2u);
}

// Closing a one-event episode skips building it when no rule can fire on it (SingleMayReport).
// A snapshot saves singles as full episodes, which close by the full path: for every kind of
// event and the thresholds around one failure, both ways must report the same.
TEST(SourceDetector, OneEventEpisodesCloseAsTheFullEpisodeWould) {
  const auto describe = [](const std::vector<Finding>& findings) {
    std::string out;
    for (const Finding& f : findings) {
      out += fmt::format("{} {} {} {}\n", f.rule_id, f.triggered, f.failures, f.summary);
    }
    return out;
  };
  size_t reported = 0;
  for (const int max_failures : {1, 2, 5}) {
    for (const bool burst : {true, false}) {
      DetectorConfig config;
      config.brute_force.max_failures = max_failures;
      config.brute_force.enabled = burst;
      config.slow.min_failures = 2;
      config.spray.min_failed_accounts = 2;
      ASSERT_TRUE(config.Validate().ok());
      for (int r = 0; r <= static_cast<int>(kLastReason); ++r) {
        for (const Outcome outcome : {kFail, kOk}) {
          SCOPED_TRACE(fmt::format("max_failures {} burst {} reason {} outcome {}", max_failures,
                                   burst, r, static_cast<int>(outcome)));
          StringPool pool;
          FileTable files;
          AuthEvent event;
          event.time = kT0;
          event.source_ip = *IpAddress::Parse("203.0.113.50");
          event.has_source_ip = true;
          event.user = pool.Intern("root");
          event.user_canonical = event.user;
          event.outcome = outcome;
          event.reason = static_cast<Reason>(r);
          event.method = AuthMethod::kPassword;
          event.where = {0, 1, 0};
          SourceDetector single(config, &pool);
          CollectingFindingSink closed;
          single.Observe(event, &closed);
          store::StateEncoder out(&pool, &files);
          single.Save(kT0, &out);
          const std::string body = std::move(out).Finish();
          SourceDetector restored(config, &pool);
          store::StateDecoder in(body, &pool, &files);
          ASSERT_TRUE(restored.Load(&in)) << in.error();
          CollectingFindingSink full;
          restored.Finish(&full);
          single.Finish(&closed);
          EXPECT_EQ(describe(closed.findings), describe(full.findings));
          reported += full.findings.size();
        }
      }
    }
  }
  EXPECT_GT(reported, 0u);  // the burst at one failure: the fast path must not skip it
}

}  // namespace
}  // namespace spraytrace::detect
