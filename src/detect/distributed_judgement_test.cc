// The judgement DistributedDetector keeps between ticks (distributed_judgement.cc), and the pending
// logins it looks at again (distributed_compromise.cc), equal those judged afresh at every tick
// from every recent and pending source: random event streams with what moves a verdict (scanners
// turning loud and quiet again, sprayers, logins clearing hits from an address or its network,
// shared addresses, accounts retrying from one network, events minutes out of order (a source's
// last failure logged before its previous one), the maps filling up and dropping their idlest half)
// are fed to a detector that keeps it and to one that rebuilds it at every tick. Their whole state
// is compared as they go, and their findings at the end.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "detect/detect_test_support.h"
#include "detect/distributed_detector.h"

namespace spraytrace::detect {
namespace {

using testing::kDay;
using testing::kFail;
using testing::kHour;
using testing::kMinute;
using testing::kOk;
using testing::kT0;

std::string Describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += fmt::format("{} t={} {}..{} ip={} user={} related={} failures={} accounts={} | {}\n",
                       f.rule_id, f.triggered, f.start, f.end,
                       f.source_ip ? f.source_ip->ToString() : "-", f.user_name,
                       f.related_ips.size(), f.failures, f.distinct_accounts, f.summary);
  }
  return out;
}

struct Stream {
  StringPool pool;
  std::vector<AuthEvent> events;
};

// Five days of a covert spray under background noise, drawn from `seed`.
void Generate(uint32_t seed, Stream* stream) {
  std::mt19937 random(seed);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<uint32_t>(n)); };
  const auto add = [&](Timestamp time, const std::string& ip, int account, Outcome outcome) {
    AuthEvent event;
    event.time = time;
    event.source_ip = *IpAddress::Parse(ip);
    event.has_source_ip = true;
    event.user = stream->pool.Intern(fmt::format("user{}", account));
    event.user_canonical = event.user;
    event.outcome = outcome;
    event.reason = outcome == kOk ? Reason::kNone : Reason::kBadPassword;
    event.method = AuthMethod::kPassword;
    event.where = {0, stream->events.size() + 1, stream->events.size() * 100};
    stream->events.push_back(event);
  };
  constexpr int kAccounts = 120;
  int one_offs = 0;
  Timestamp t = kT0;
  const Timestamp end = kT0 + 5 * kDay;
  while (t < end) {
    t += pick(4) * kMinute + pick(60) * testing::kSecond;
    // Up to five minutes out of order.
    const Timestamp at = t - (pick(10) == 0 ? pick(5) * kMinute : 0);
    const int kind = pick(100);
    if (kind < 3) {
      // A one-off prober never seen again, whose last guess is logged before its first: the
      // key's last failure moves back (the forget queue must still forget it in time).
      const int n = one_offs++;
      const std::string ip = fmt::format("150.{}.{}.{}", n / 256 % 256, n % 256, 1 + pick(250));
      add(at, ip, pick(kAccounts), kFail);
      add(at - (1 + pick(4)) * kMinute, ip, pick(kAccounts), kFail);
    } else if (kind < 45) {
      // A covert node: one of 400 addresses in 40 /24s, a guess on one account; now and then
      // its guess is right (a login a tick judges again while the node goes on spraying).
      const int node = pick(400);
      add(at, fmt::format("100.{}.{}.{}", node % 40, node % 40, 10 + node / 40), pick(kAccounts),
          pick(25) == 0 ? kOk : kFail);
    } else if (kind < 55) {
      // A scanner running through names in a quick run: loud, then quiet again days later.
      const std::string scanner = fmt::format("45.9.{}.1", pick(6));
      const int first = pick(kAccounts);
      for (int i = 0; i < 3 + pick(3); ++i) add(at + i * kMinute, scanner, (first + i) % 20, kFail);
    } else if (kind < 62) {
      // A sprayer, slowly over many accounts.
      add(at, fmt::format("62.1.{}.5", pick(3)), pick(kAccounts), kFail);
    } else if (kind < 70) {
      // Someone's phone retrying an old password across its carrier's pool.
      const int account = pick(10);
      add(at, fmt::format("77.{}.{}.{}", account, pick(4), pick(200)), account, kFail);
    } else if (kind < 90) {
      // People logging in from home, sometimes from a node's /24 (clearing its hits there).
      const int account = pick(kAccounts);
      const std::string home = pick(8) == 0
                                   ? fmt::format("100.{}.{}.{}", pick(40), pick(40), 200 + pick(50))
                                   : fmt::format("81.{}.{}.{}", account % 7, account, 20);
      add(at, home, account, kOk);
    } else {
      // A shared address (NAT) where several accounts log in and fail.
      add(at, fmt::format("90.0.{}.1", pick(4)), pick(kAccounts), pick(2) == 0 ? kOk : kFail);
    }
  }
}

DetectorConfig TestConfig(int max_sources) {
  DetectorConfig config;
  config.distributed.min_accounts = 10;
  config.distributed.min_sources = 8;
  config.distributed.hot_sources = 5;
  config.distributed.targeted_sources = 6;
  config.distributed.max_sources = max_sources;
  EXPECT_TRUE(config.Validate().ok());
  return config;
}

void ExpectSameJudgement(uint32_t seed, int max_sources) {
  SCOPED_TRACE(fmt::format("seed {} max_sources {}", seed, max_sources));
  Stream stream;
  Generate(seed, &stream);
  const DetectorConfig config = TestConfig(max_sources);
  DistributedDetector kept(config, &stream.pool);
  DistributedDetector afresh(config, &stream.pool);
  afresh.JudgeAfreshEveryTick();
  CollectingFindingSink kept_findings;
  CollectingFindingSink afresh_findings;
  for (size_t i = 0; i < stream.events.size(); ++i) {
    kept.Observe(stream.events[i], &kept_findings);
    afresh.Observe(stream.events[i], &afresh_findings);
    if (i % 5 == 0) {
      ASSERT_TRUE(kept.SameState(afresh)) << "after event " << i;
    }
  }
  kept.Finish(&kept_findings);
  afresh.Finish(&afresh_findings);
  EXPECT_TRUE(kept.SameState(afresh));
  EXPECT_EQ(Describe(kept_findings.findings), Describe(afresh_findings.findings));
  // The stream must reach what is judged: a campaign with attributed nodes.
  size_t campaigns = 0;
  for (const Finding& f : kept_findings.findings) campaigns += f.rule == Rule::kDistributedSpray;
  EXPECT_GT(campaigns, 0u);
  // And logins judged compromises, at the login or at a later tick.
  size_t compromises = 0;
  for (const Finding& f : kept_findings.findings) {
    compromises += f.rule == Rule::kCompromise;
  }
  EXPECT_GT(compromises, 0u);
}

TEST(DistributedJudgementTest, KeptEqualsAfreshOnRandomStreams) {
  for (uint32_t seed = 1; seed <= 4; ++seed) ExpectSameJudgement(seed, 1'000'000);
}

TEST(DistributedJudgementTest, KeptEqualsAfreshWhileTheMapsDropTheirIdlestHalf) {
  for (uint32_t seed = 11; seed <= 12; ++seed) ExpectSameJudgement(seed, 150);
}

}  // namespace
}  // namespace spraytrace::detect
