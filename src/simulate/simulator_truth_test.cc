// The ground truth agrees with the log as spraytrace's own parser reads it, every line is
// understood, and the journal rendering carries the same events as the syslog one.
#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <unordered_map>

#include "simulate/simulation_test_support.h"

namespace spraytrace::simulate {
namespace {

class TruthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    log_ = new SimulatedLog(SimulateToMemory(SmallConfig("mixed", 300, 3)));
    parsed_ = new ParsedLog;
    ParseText(log_->text, 2026, parsed_);
  }
  static void TearDownTestSuite() {
    delete log_;
    delete parsed_;
  }
  // Scenario index of each attacking source.
  static std::unordered_map<IpAddress, size_t> SourceScenario() {
    std::unordered_map<IpAddress, size_t> out;
    for (size_t i = 0; i < log_->truth.scenarios.size(); ++i) {
      for (const IpAddress& ip : log_->truth.scenarios[i].sources) {
        EXPECT_TRUE(out.emplace(ip, i).second) << ip.ToString() << " in two scenarios";
      }
    }
    return out;
  }
  static SimulatedLog* log_;
  static ParsedLog* parsed_;
};
SimulatedLog* TruthTest::log_ = nullptr;
ParsedLog* TruthTest::parsed_ = nullptr;

TEST_F(TruthTest, EveryLineIsUnderstood) {
  EXPECT_EQ(parsed_->stats.lines, log_->truth.lines);
  EXPECT_EQ(parsed_->stats.relevant_lines, log_->truth.lines);
  EXPECT_EQ(parsed_->stats.not_understood, 0u);
  EXPECT_EQ(parsed_->diagnostics.Count(DiagnosticKind::kUnknownSshdMessage), 0u);
  EXPECT_EQ(parsed_->diagnostics.Total(), 0u);
}

TEST_F(TruthTest, ScenarioEventsMatchTheTruth) {
  const auto scenario_of = SourceScenario();
  const std::vector<Scenario>& scenarios = log_->truth.scenarios;
  ASSERT_EQ(scenarios.size(), 5u);  // 2 brute force, 1 spray, covert, noise
  std::vector<uint64_t> attempts(scenarios.size());
  for (const AuthEvent& e : parsed_->sink.events) {
    ASSERT_TRUE(e.has_source_ip);
    const auto it = scenario_of.find(e.source_ip);
    if (it == scenario_of.end()) continue;
    const Scenario& s = scenarios[it->second];
    ++attempts[it->second];
    EXPECT_GE(e.time, s.start) << s.id;
    EXPECT_LE(e.time, s.end) << s.id;
  }
  for (size_t i = 0; i < scenarios.size(); ++i) {
    EXPECT_EQ(attempts[i], scenarios[i].attempts) << scenarios[i].id;
    EXPECT_GT(scenarios[i].attempts, 0u) << scenarios[i].id;
  }
  EXPECT_EQ(scenarios[2].targeted_accounts.size(), 300u);  // the spray
}

TEST_F(TruthTest, EveryCompromiseHasItsLogin) {
  ASSERT_EQ(log_->truth.compromises.size(), 3u);
  for (const Compromise& c : log_->truth.compromises) {
    bool found = false;
    for (const AuthEvent& e : parsed_->sink.events) {
      found |= e.outcome == Outcome::kSuccess && e.source_ip == c.source && e.time == c.time &&
               parsed_->strings.View(e.user) == c.account;
    }
    EXPECT_TRUE(found) << c.account << " from " << c.source.ToString();
  }
}

TEST_F(TruthTest, BenignPeopleRarelyFail) {
  const auto scenario_of = SourceScenario();
  uint64_t events = 0, failures = 0;
  for (const AuthEvent& e : parsed_->sink.events) {
    if (scenario_of.count(e.source_ip)) continue;
    if (e.source_ip.is_v4() && e.source_ip.v4() >> 24 == 10) continue;  // service hosts
    ++events;
    failures += e.outcome == Outcome::kFailure;
  }
  EXPECT_GT(events, 1000u);
  EXPECT_LT(static_cast<double>(failures), 0.1 * static_cast<double>(events));
  EXPECT_GT(failures, 0u);
  EXPECT_GT(log_->truth.benign_sources, 300u);
}

using EventKey = std::tuple<Timestamp, IpAddress, std::string, Outcome, Reason, AuthMethod>;

std::vector<EventKey> Keys(const ParsedLog& parsed) {
  std::vector<EventKey> keys;
  for (const AuthEvent& e : parsed.sink.events) {
    keys.emplace_back(e.time - e.time % kMicrosPerSecond, e.source_ip,
                      std::string(parsed.strings.View(e.user)), e.outcome, e.reason, e.method);
  }
  return keys;
}

TEST_F(TruthTest, JournalCarriesTheSameEvents) {
  SimulationConfig config = SmallConfig("mixed", 300, 3);
  config.format = LogFormat::kSshdJournal;
  const SimulatedLog journal = SimulateToMemory(config);
  EXPECT_EQ(journal.truth.lines, log_->truth.lines);
  EXPECT_EQ(journal.truth.scenarios.size(), log_->truth.scenarios.size());
  ParsedLog parsed;
  ParseText(journal.text, 2026, &parsed);
  EXPECT_EQ(parsed.stats.not_understood, 0u);
  EXPECT_EQ(parsed.diagnostics.Total(), 0u);
  EXPECT_TRUE(Keys(parsed) == Keys(*parsed_));
  EXPECT_EQ(journal.text.find("{\"__REALTIME_TIMESTAMP\":\""), 0u);
}

}  // namespace
}  // namespace spraytrace::simulate
