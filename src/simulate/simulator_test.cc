// The simulator's promises about its output: deterministic bytes, ordered timestamps, one pid
// per connection, and the covert network's rates and shares as configured.
#include "simulate/simulator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "simulate/simulation_test_support.h"

namespace spraytrace::simulate {
namespace {

TEST(Simulator, SameSeedSameBytesOtherSeedOtherBytes) {
  SimulationConfig config = SmallConfig("mixed", 200, 2);
  const SimulatedLog a = SimulateToMemory(config);
  const SimulatedLog b = SimulateToMemory(config);
  EXPECT_GT(a.text.size(), 100000u);
  EXPECT_TRUE(a.text == b.text);
  EXPECT_EQ(GroundTruthToJson(a.truth), GroundTruthToJson(b.truth));
  config.seed = 2;
  const SimulatedLog c = SimulateToMemory(config);
  EXPECT_FALSE(a.text == c.text);
  EXPECT_EQ(a.truth.lines, static_cast<uint64_t>(std::count(a.text.begin(), a.text.end(), '\n')));
}

// "Nov  2 10:00:01" -> a key that orders within one year.
int64_t SyslogKey(std::string_view line) {
  static const std::string kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const int64_t month = static_cast<int64_t>(kMonths.find(line.substr(0, 3))) / 3;
  const int64_t day = std::stoi(std::string(line.substr(4, 2)));
  const int64_t h = std::stoi(std::string(line.substr(7, 2)));
  const int64_t m = std::stoi(std::string(line.substr(10, 2)));
  const int64_t s = std::stoi(std::string(line.substr(13, 2)));
  return (((month * 32 + day) * 24 + h) * 60 + m) * 60 + s;
}

TEST(Simulator, LinesAreInTimeOrderAndEachPidIsOneConnection) {
  const SimulatedLog log = SimulateToMemory(SmallConfig("mixed", 200, 3));
  int64_t last = 0;
  std::unordered_map<std::string, std::string> port_of_pid;
  size_t pos = 0;
  while (pos < log.text.size()) {
    const size_t end = log.text.find('\n', pos);
    const std::string_view line(log.text.data() + pos, end - pos);
    pos = end + 1;
    const int64_t key = SyslogKey(line);
    ASSERT_GE(key, last) << line;
    last = key;
    const size_t open = line.find("sshd[");
    const std::string pid(line.substr(open + 5, line.find(']', open) - open - 5));
    const size_t port_at = line.find(" port ");
    if (port_at == std::string_view::npos) continue;
    const std::string port(
        line.substr(port_at + 6, line.find_first_of(":  ", port_at + 6) - port_at - 6));
    auto [it, fresh] = port_of_pid.emplace(pid, port);
    ASSERT_TRUE(fresh || it->second == port) << "pid " << pid << " reused: " << line;
  }
  EXPECT_GT(port_of_pid.size(), 1000u);
}

struct CovertDay {
  uint64_t attempts = 0;
  std::unordered_map<IpAddress, int> per_node;
};

// Parses a covert-network run and groups the covert sources' guesses by day.
struct CovertRun {
  explicit CovertRun(const SimulationConfig& config) {
    const SimulatedLog log = SimulateToMemory(config);
    truth = log.truth;
    ParseText(log.text, 2026, &parsed);
    const Scenario& covert = truth.scenarios.at(0);
    sources.insert(covert.sources.begin(), covert.sources.end());
    for (const AuthEvent& e : parsed.sink.events) {
      if (!sources.count(e.source_ip)) continue;
      CovertDay& day = days[(e.time - truth.start) / kMicrosPerDay];
      ++day.attempts;
      ++day.per_node[e.source_ip];
      if (e.reason == Reason::kUnknownUser) unknown.insert(e.user);
      accounts.insert(e.user);
    }
  }
  GroundTruth truth;
  ParsedLog parsed;
  std::unordered_set<IpAddress> sources;
  std::map<int64_t, CovertDay> days;
  std::set<StringId> unknown;
  std::set<StringId> accounts;
};

TEST(CovertNetwork, RatesAndSharesMatchTheConfig) {
  SimulationConfig config = SmallConfig("covert-network", 2000, 5);
  const CovertRun run(config);
  const Scenario& covert = run.truth.scenarios.at(0);
  ASSERT_EQ(covert.kind, ScenarioKind::kCovertNetwork);
  EXPECT_EQ(covert.targeted_accounts.size(), 2000u);
  ASSERT_EQ(run.days.size(), 4u);  // days 2..5
  EXPECT_EQ(run.days.begin()->first, 1);
  const double pool = static_cast<double>(config.covert.pool_size);
  for (const auto& [index, day] : run.days) {
    const double per_account = static_cast<double>(day.attempts) / 2000.0;
    EXPECT_NEAR(per_account, 1.0, 0.15) << "day " << index;
    const double active = static_cast<double>(day.per_node.size()) / pool;
    EXPECT_NEAR(active, 0.2, 0.05) << "day " << index;
    for (const auto& [ip, n] : day.per_node) EXPECT_LE(n, 3) << ip.ToString();
  }
  const double nonexistent =
      static_cast<double>(run.unknown.size()) / static_cast<double>(run.accounts.size());
  EXPECT_NEAR(nonexistent, 0.3, 0.03);
  EXPECT_EQ(run.truth.compromises.size(), 3u);
}

TEST(CovertNetwork, ConfiguredRateAndChurn) {
  SimulationConfig config = SmallConfig("covert-network", 1000, 6);
  ASSERT_TRUE(ApplySimulationSetting("covert.rate=0.5", &config).ok());
  ASSERT_TRUE(ApplySimulationSetting("covert.targets=1000", &config).ok());
  ASSERT_TRUE(ApplySimulationSetting("covert.node_lifetime_days=7", &config).ok());
  const CovertRun run(config);
  std::set<IpAddress> first;
  for (const auto& [ip, n] : run.days.begin()->second.per_node) first.insert(ip);
  for (const auto& [index, day] : run.days) {
    EXPECT_NEAR(static_cast<double>(day.attempts) / 1000.0, 0.5, 0.075) << "day " << index;
  }
  // With week-long stints, by the last day most of the first day's nodes have left.
  size_t still = 0;
  for (const auto& [ip, n] : run.days.rbegin()->second.per_node) still += first.count(ip);
  EXPECT_LT(static_cast<double>(still), 0.7 * static_cast<double>(first.size()));
}

TEST(CovertNetwork, PoolHasIpv6AndOneCrowded64) {
  const CovertRun run(SmallConfig("covert-network", 2000, 4));
  const Scenario& covert = run.truth.scenarios.at(0);
  size_t v6 = 0;
  std::map<IpAddress, size_t> per64;
  for (const IpAddress& ip : covert.sources) {
    if (ip.is_v4()) continue;
    ++v6;
    ++per64[ip.Masked(64)];
  }
  const double share = static_cast<double>(v6) / static_cast<double>(covert.sources.size());
  EXPECT_NEAR(share, 0.1, 0.04);
  size_t biggest = 0;
  for (const auto& [prefix, n] : per64) biggest = std::max(biggest, n);
  EXPECT_GT(biggest, 40u);
  std::set<uint32_t> v4_16s;
  for (const IpAddress& ip : covert.sources) {
    if (ip.is_v4()) v4_16s.insert(ip.v4() >> 16);
  }
  EXPECT_GT(v4_16s.size(), 200u);
}

}  // namespace
}  // namespace spraytrace::simulate
