// The evaluator's arithmetic on hand-made truth and findings.
#include "eval/scorer.h"

#include <gtest/gtest.h>

namespace spraytrace::eval {
namespace {

using simulate::GroundTruth;
using simulate::Scenario;
using simulate::ScenarioKind;

constexpr Timestamp kT0 = 1'800'000'000 * kMicrosPerSecond;

IpAddress Ip(std::string_view text) { return *IpAddress::Parse(text); }

Scenario MakeScenario(std::string id, ScenarioKind kind, std::vector<std::string> sources,
                      std::vector<std::string> accounts = {}, Timestamp start = kT0) {
  Scenario s;
  s.id = std::move(id);
  s.kind = kind;
  s.start = start;
  s.end = start + kMicrosPerDay;
  s.attempts = 100;
  for (const std::string& ip : sources) s.sources.push_back(Ip(ip));
  s.targeted_accounts = std::move(accounts);
  return s;
}

FindingRecord MakeFinding(std::string rule, std::vector<std::string> ips, Timestamp at = kT0,
                          std::vector<std::string> users = {}) {
  FindingRecord f;
  f.rule_name = std::move(rule);
  f.timestamp = at;
  for (const std::string& ip : ips) f.related_ips.push_back(Ip(ip));
  f.related_users = std::move(users);
  return f;
}

FindingsFile File(std::vector<FindingRecord> findings) {
  FindingsFile file;
  file.lines = findings.size();
  file.findings = std::move(findings);
  return file;
}

std::vector<std::string> Addresses(std::string_view prefix, int count) {
  std::vector<std::string> ips;
  for (int i = 1; i <= count; ++i) ips.push_back(std::string(prefix) + std::to_string(i));
  return ips;
}

TEST(Scorer, PerfectDetectionHasPrecisionAndRecallOne) {
  GroundTruth truth;
  truth.scenarios = {MakeScenario("bf", ScenarioKind::kBruteForce, {"203.0.113.5"}),
                     MakeScenario("spray", ScenarioKind::kSingleSourceSpray, {"198.51.100.7"})};
  const Results r = Score(truth, File({MakeFinding("brute_force", {"203.0.113.5"}),
                                       MakeFinding("single_source_spray", {"198.51.100.7"})}));
  EXPECT_EQ(r.all.flagged, 2u);
  EXPECT_EQ(r.all.true_positives, 2u);
  EXPECT_DOUBLE_EQ(r.all.precision, 1.0);
  EXPECT_DOUBLE_EQ(r.all.recall, 1.0);
  EXPECT_DOUBLE_EQ(r.targeted.recall, 1.0);
  EXPECT_EQ(r.false_positive_count, 0u);
  ASSERT_EQ(r.scenarios.size(), 2u);
  EXPECT_DOUBLE_EQ(r.scenarios[0].recall, 1.0);
  EXPECT_EQ(r.scenarios[0].rules.at("brute_force"), 1u);
  EXPECT_EQ(r.scenarios[1].rules.count("brute_force"), 0u);
}

TEST(Scorer, OneFalsePositiveOfFourFlaggedGivesPrecisionThreeQuarters) {
  GroundTruth truth;
  truth.scenarios = {MakeScenario("spray", ScenarioKind::kSingleSourceSpray,
                                  {"10.0.0.1", "10.0.0.2", "10.0.0.3"})};
  const Results r =
      Score(truth, File({MakeFinding("x", {"10.0.0.1", "10.0.0.2"}), MakeFinding("x", {"10.0.0.3"}),
                         MakeFinding("x", {"192.0.2.99"}), MakeFinding("y", {"192.0.2.99"})}));
  EXPECT_EQ(r.all.flagged, 4u);
  EXPECT_DOUBLE_EQ(r.all.precision, 0.75);
  EXPECT_DOUBLE_EQ(r.all.recall, 1.0);
  EXPECT_EQ(r.false_positive_count, 1u);
  ASSERT_EQ(r.false_positives.size(), 1u);
  EXPECT_EQ(r.false_positives[0].ip, Ip("192.0.2.99"));
  EXPECT_EQ(r.false_positives[0].findings, 2u);
}

TEST(Scorer, ThreeOfTenSourcesFlaggedGivesRecallPointThree) {
  GroundTruth truth;
  truth.scenarios = {
      MakeScenario("covert", ScenarioKind::kCovertNetwork, Addresses("198.18.0.", 10))};
  const Results r = Score(truth, File({MakeFinding("x", {"198.18.0.1", "198.18.0.2"}),
                                       MakeFinding("x", {"198.18.0.3", "198.18.0.1"})}));
  EXPECT_EQ(r.scenarios[0].sources, 10u);
  EXPECT_EQ(r.scenarios[0].flagged, 3u);
  EXPECT_DOUBLE_EQ(r.scenarios[0].recall, 0.3);
  EXPECT_DOUBLE_EQ(r.all.recall, 0.3);
  EXPECT_EQ(r.scenarios[0].rules.at("x"), 2u);
}

TEST(Scorer, SourceIpCountsAsFlagged) {
  GroundTruth truth;
  truth.scenarios = {MakeScenario("bf", ScenarioKind::kBruteForce, {"203.0.113.5"})};
  FindingRecord f = MakeFinding("brute_force", {});
  f.source_ip = Ip("203.0.113.5");
  const Results r = Score(truth, File({f}));
  EXPECT_EQ(r.scenarios[0].flagged, 1u);
}

TEST(Scorer, BackgroundNoiseIsLeftOutOfTheTargetedMetrics) {
  GroundTruth truth;
  truth.scenarios = {
      MakeScenario("spray", ScenarioKind::kSingleSourceSpray, {"10.0.0.1", "10.0.0.2"}),
      MakeScenario("noise", ScenarioKind::kBackgroundNoise, Addresses("192.0.2.", 8))};
  // One spray source, all noise sources and one benign address flagged.
  std::vector<std::string> flagged = Addresses("192.0.2.", 8);
  flagged.push_back("10.0.0.1");
  flagged.push_back("172.16.0.1");
  const Results r = Score(truth, File({MakeFinding("brute_force", flagged)}));
  EXPECT_EQ(r.all.malicious, 10u);
  EXPECT_EQ(r.all.true_positives, 9u);
  EXPECT_DOUBLE_EQ(r.all.recall, 0.9);
  EXPECT_DOUBLE_EQ(r.all.precision, 0.9);
  EXPECT_EQ(r.targeted.malicious, 2u);
  EXPECT_EQ(r.targeted.flagged, 2u);  // 10.0.0.1 and the benign one
  EXPECT_DOUBLE_EQ(r.targeted.recall, 0.5);
  EXPECT_DOUBLE_EQ(r.targeted.precision, 0.5);
}

TEST(Scorer, SourceInBothNoiseAndCampaignCountsAsTargeted) {
  GroundTruth truth;
  truth.scenarios = {MakeScenario("spray", ScenarioKind::kSingleSourceSpray, {"10.0.0.1"}),
                     MakeScenario("noise", ScenarioKind::kBackgroundNoise, {"10.0.0.1"})};
  const Results r = Score(truth, File({MakeFinding("x", {"10.0.0.1"})}));
  EXPECT_EQ(r.all.malicious, 1u);
  EXPECT_EQ(r.targeted.malicious, 1u);
  EXPECT_DOUBLE_EQ(r.targeted.recall, 1.0);
  EXPECT_EQ(r.scenarios[0].flagged, 1u);
  EXPECT_EQ(r.scenarios[1].flagged, 1u);
}

TEST(Scorer, TimeToFirstFindingIsTheEarliestAtOrAfterStartNamingASource) {
  GroundTruth truth;
  truth.scenarios = {
      MakeScenario("a", ScenarioKind::kSingleSourceSpray, {"10.0.0.1", "10.0.0.2"}),
      MakeScenario("b", ScenarioKind::kBruteForce, {"10.9.9.9"}, {}, kT0 - kMicrosPerHour)};
  const Results r =
      Score(truth, File({MakeFinding("x", {"10.0.0.2"}, kT0 + 30 * kMicrosPerMinute),
                         MakeFinding("x", {"10.0.0.1"}, kT0 - kMicrosPerMinute),   // before start
                         MakeFinding("x", {"10.9.9.9"}, kT0 + kMicrosPerMinute),   // other scenario
                         MakeFinding("x", {"192.0.2.1"}, kT0 + kMicrosPerSecond),  // benign
                         MakeFinding("x", {"10.0.0.1"}, kT0 + 10 * kMicrosPerMinute)}));
  ASSERT_TRUE(r.scenarios[0].time_to_first_finding.has_value());
  EXPECT_EQ(*r.scenarios[0].time_to_first_finding, 10 * kMicrosPerMinute);
  EXPECT_EQ(*r.scenarios[0].first_finding, kT0 + 10 * kMicrosPerMinute);
  EXPECT_EQ(*r.scenarios[1].time_to_first_finding, kMicrosPerHour + kMicrosPerMinute);
}

TEST(Scorer, FindingAtExactlyTheStartCountsAndNoFindingMeansNever) {
  GroundTruth truth;
  truth.scenarios = {MakeScenario("a", ScenarioKind::kBruteForce, {"10.0.0.1"}),
                     MakeScenario("b", ScenarioKind::kBruteForce, {"10.0.0.2"})};
  const Results r = Score(
      truth, File({MakeFinding("x", {"10.0.0.1"}, kT0), MakeFinding("x", {"10.0.0.2"}, kT0 - 1)}));
  EXPECT_EQ(*r.scenarios[0].time_to_first_finding, 0);
  EXPECT_FALSE(r.scenarios[1].time_to_first_finding.has_value());
  EXPECT_EQ(r.scenarios[1].flagged, 1u);  // flagged all the same
}

TEST(Scorer, Ipv6TextFormsMatch) {
  GroundTruth truth;
  truth.scenarios = {
      MakeScenario("v6", ScenarioKind::kCovertNetwork, {"2001:db8:9:1::a", "1.2.3.4"})};
  const Results r = Score(truth, File({MakeFinding("x", {"2001:DB8:9:1:0:0:0:A"}),
                                       MakeFinding("x", {"::ffff:1.2.3.4"})}));
  EXPECT_EQ(r.scenarios[0].flagged, 2u);
  EXPECT_EQ(r.false_positive_count, 0u);
}

TEST(Scorer, AccountsCountOnlyViaFindingsNamingTheScenarioSources) {
  GroundTruth truth;
  truth.scenarios = {
      MakeScenario("a", ScenarioKind::kSingleSourceSpray, {"10.0.0.1"}, {"alice", "bob", "carol"}),
      MakeScenario("b", ScenarioKind::kBruteForce, {"10.0.0.2"}, {"dave"}),
      MakeScenario("noise", ScenarioKind::kBackgroundNoise, {"10.0.0.3"}, {"root"})};
  FindingRecord named = MakeFinding("x", {"10.0.0.1"}, kT0, {"alice", "Bob"});
  named.user_name = "alice";
  const Results r =
      Score(truth, File({named, MakeFinding("x", {"192.0.2.1"}, kT0, {"carol", "dave"}),
                         MakeFinding("x", {"10.0.0.3"}, kT0, {"root"})}));
  EXPECT_EQ(r.scenarios[0].targeted_accounts, 3u);
  EXPECT_EQ(r.scenarios[0].accounts_found, 1u);           // alice; "Bob" is not bob
  EXPECT_EQ(r.scenarios[0].accounts_found_anywhere, 2u);  // alice, carol
  EXPECT_EQ(r.scenarios[1].accounts_found, 0u);
  EXPECT_EQ(r.scenarios[1].accounts_found_anywhere, 1u);
  EXPECT_EQ(r.scenarios[2].accounts_found, 1u);
  EXPECT_EQ(r.accounts.targeted, 4u);  // noise left out
  EXPECT_EQ(r.accounts.found, 1u);
  EXPECT_EQ(r.accounts.found_anywhere, 3u);
}

TEST(Scorer, CompromisesFoundLateNeverAndFalseAlerts) {
  GroundTruth truth;
  truth.scenarios = {MakeScenario("c", ScenarioKind::kCovertNetwork, {"10.0.0.1"})};
  const auto compromise = [](std::string account, Timestamp at) {
    return simulate::Compromise{std::move(account), Ip("10.0.0.1"), at, "c"};
  };
  truth.compromises = {compromise("alice", kT0), compromise("bob", kT0), compromise("carol", kT0),
                       compromise("dave", kT0 + kMicrosPerHour)};
  FindingRecord alice = MakeFinding("compromise", {"10.0.0.1"}, kT0 + 60 * kMicrosPerSecond);
  alice.user_name = "alice";
  FindingRecord alice_again = alice;
  alice_again.timestamp = kT0 + kMicrosPerHour;
  FindingRecord bob = MakeFinding("compromise", {}, kT0 + 10 * kMicrosPerHour, {"bob"});
  FindingRecord dave_early = MakeFinding("compromise", {}, kT0, {"dave"});  // before it happened
  FindingRecord wrong = MakeFinding("compromise", {}, kT0, {"mallory"});
  FindingRecord not_compromise = MakeFinding("brute_force", {}, kT0 + 1, {"carol"});
  const Results r =
      Score(truth, File({alice_again, alice, bob, dave_early, wrong, not_compromise}));
  const CompromiseMetrics& m = r.compromises;
  EXPECT_EQ(m.total, 4u);
  EXPECT_EQ(m.found, 2u);
  EXPECT_DOUBLE_EQ(m.recall, 0.5);
  EXPECT_EQ(*m.items[0].time_to_find, 60 * kMicrosPerSecond);
  EXPECT_EQ(*m.items[1].time_to_find, 10 * kMicrosPerHour);
  EXPECT_FALSE(m.items[2].found_at.has_value());
  EXPECT_FALSE(m.items[3].found_at.has_value());  // its only alert came before
  EXPECT_EQ(*m.median_time_to_find, (60 * kMicrosPerSecond + 10 * kMicrosPerHour) / 2);
  EXPECT_EQ(*m.max_time_to_find, 10 * kMicrosPerHour);
  EXPECT_EQ(m.alerts, 5u);
  EXPECT_EQ(m.false_alerts, 1u);
  EXPECT_EQ(m.false_alert_accounts, std::vector<std::string>{"mallory"});
}

TEST(Scorer, NoCompromiseFindingsGiveRecallZeroWithoutTimes) {
  GroundTruth truth;
  truth.compromises = {{"alice", Ip("10.0.0.1"), kT0, "c"}};
  const Results r = Score(truth, File({}));
  EXPECT_EQ(r.compromises.found, 0u);
  EXPECT_DOUBLE_EQ(r.compromises.recall, 0.0);
  EXPECT_FALSE(r.compromises.median_time_to_find.has_value());
  EXPECT_FALSE(r.compromises.max_time_to_find.has_value());
  EXPECT_EQ(r.compromises.false_alerts, 0u);
}

TEST(Scorer, MedianOfOddAndEvenCounts) {
  EXPECT_FALSE(Median({}).has_value());
  EXPECT_EQ(*Median({7}), 7);
  EXPECT_EQ(*Median({9, 1, 5}), 5);
  EXPECT_EQ(*Median({10, 1, 4, 100}), 7);  // (4 + 10) / 2
}

TEST(Scorer, EmptyFindingsScoreZeroRecallAndPrecisionOneByDefinition) {
  GroundTruth truth;
  truth.scenarios = {MakeScenario("bf", ScenarioKind::kBruteForce, {"203.0.113.5"})};
  const Results r = Score(truth, File({}));
  EXPECT_EQ(r.findings, 0u);
  EXPECT_EQ(r.all.flagged, 0u);
  EXPECT_DOUBLE_EQ(r.all.precision, 1.0);
  EXPECT_DOUBLE_EQ(r.all.recall, 0.0);
  EXPECT_FALSE(r.scenarios[0].time_to_first_finding.has_value());
}

TEST(Scorer, FalsePositiveSampleIsCappedAndSortedByFindings) {
  GroundTruth truth;
  std::vector<FindingRecord> findings;
  for (int i = 1; i <= 30; ++i)
    findings.push_back(MakeFinding("x", {"192.0.2." + std::to_string(i)}));
  findings.push_back(MakeFinding("x", {"192.0.2.30"}));
  const Results r = Score(truth, File(findings));
  EXPECT_EQ(r.false_positive_count, 30u);
  ASSERT_EQ(r.false_positives.size(), kMaxSample);
  EXPECT_EQ(r.false_positives[0].ip, Ip("192.0.2.30"));
  EXPECT_EQ(r.false_positives[1].ip, Ip("192.0.2.1"));
  EXPECT_DOUBLE_EQ(r.all.precision, 0.0);
}

TEST(Scorer, FloorJustMissedShowsEveryDigit) {
  Results r;
  r.all.recall = 0.89999;
  const auto unmet = UnmetFloors(r, {0.9, std::nullopt});
  ASSERT_EQ(unmet.size(), 1u);
  EXPECT_EQ(unmet[0].rfind("recall 0.89999 ", 0), 0u) << unmet[0];
}

TEST(Scorer, FloorsNameWhatIsUnmet) {
  GroundTruth truth;
  truth.scenarios = {MakeScenario("c", ScenarioKind::kCovertNetwork, Addresses("198.18.0.", 10))};
  const Results r = Score(
      truth, File({MakeFinding("x", {"198.18.0.1", "198.18.0.2", "198.18.0.3", "192.0.2.1"})}));
  EXPECT_TRUE(UnmetFloors(r, {}).empty());
  EXPECT_TRUE(UnmetFloors(r, {0.3, 0.75}).empty());  // exactly at the floor is met
  const auto unmet = UnmetFloors(r, {0.9, 0.8});
  ASSERT_EQ(unmet.size(), 2u);
  EXPECT_EQ(unmet[0], "recall 0.300 (3 of 10 attacking sources flagged) is below --min-recall 0.9");
  EXPECT_EQ(unmet[1],
            "precision 0.750 (3 of 4 flagged sources attacking) is below --min-precision 0.8");
}

}  // namespace
}  // namespace spraytrace::eval
