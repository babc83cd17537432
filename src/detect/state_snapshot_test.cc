// State across runs: every detector's Save / Load round-trips its state, and, the property that
// matters, a run split in two at any point (save after the first part, load into a fresh run with
// a new string pool and file table, read the rest) reports exactly what one run over everything
// reports. The scenario has what crosses a split: a burst straddling it, a slow brute force over
// a day, a covert spray over three days with a compromise, and people logging in.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "detect/detect_test_support.h"
#include "detect/detector_set.h"
#include "detect/distributed_detector.h"
#include "detect/source_detector.h"
#include "detect/state_codec.h"
#include "event/file_table.h"

namespace spraytrace::detect {
namespace {

using testing::kDay;
using testing::kFail;
using testing::kHour;
using testing::kMinute;
using testing::kOk;
using testing::kSecond;
using testing::kT0;

// An event by its strings, so it can be replayed into any run's pool.
struct Line {
  Timestamp time = 0;
  std::string ip;
  std::string user;
  Outcome outcome = kFail;
  Reason reason = Reason::kBadPassword;
};

std::vector<Line> Scenario() {
  std::vector<Line> lines;
  std::mt19937 random(5);
  const auto add = [&](Timestamp t, std::string ip, std::string user, Outcome o = kFail,
                       Reason r = Reason::kBadPassword) {
    lines.push_back(Line{t, std::move(ip), std::move(user), o, o == kOk ? Reason::kNone : r});
  };
  for (int day = 0; day < 3; ++day) {
    const Timestamp base = kT0 + day * kDay;
    // People log in from home every day; some mistype first.
    for (int u = 0; u < 60; ++u) {
      const Timestamp t = base + 8 * kHour + u * 7 * kMinute;
      const std::string home = fmt::format("81.{}.{}.{}", 10 + u % 5, u, 20 + u % 7);
      if (random() % 5 == 0) add(t - 20 * kSecond, home, fmt::format("user{}", u));
      add(t, home, fmt::format("user{}", u), kOk);
    }
    // The covert network: 80 nodes a day, one guess each on two of 100 accounts, hours apart.
    for (int j = 0; j < 80; ++j) {
      const std::string node = fmt::format("{}.{}.{}.7", 100 + (j + day * 31) % 90, j, day + 3);
      const Timestamp t = base + j * 17 * kMinute;
      add(t, node, fmt::format("user{}", (j + day * 13) % 100), kFail,
          j % 3 == 0 ? Reason::kUnknownUser : Reason::kBadPassword);
      add(t + 3 * kHour, node, fmt::format("user{}", (j * 7 + day) % 100));
      // On day 2 one node's guess works on a person's account: a compromise.
      if (day == 1 && j == 40) add(t + 4 * kHour, node, "user7", kOk);
    }
  }
  // A slow brute force: one guess every 40 minutes for a day from noon of day 1.
  for (int i = 0; i < 36; ++i) add(kT0 + 12 * kHour + i * 40 * kMinute, "192.0.2.77", "admin");
  // A burst straddling midnight between day 1 and day 2.
  for (int i = 0; i < 12; ++i)
    add(kT0 + kDay - 5 * kMinute + i * 50 * kSecond, "203.0.113.45", "root");
  // A source known only by host name.
  for (int i = 0; i < 8; ++i)
    add(kT0 + kDay + 2 * kHour + i * kMinute, "scanner.example", "oracle");
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.time < b.time; });
  return lines;
}

// One run as the CLI builds it: a shared login memory and both detectors.
class Pipeline {
 public:
  Pipeline() : set_(&known_) {
    set_.Add(std::make_unique<SourceDetector>(config_, &pool_, &known_));
    set_.Add(std::make_unique<DistributedDetector>(config_, &pool_, &known_));
  }

  void Read(const std::vector<Line>& lines, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      const Line& l = lines[i];
      AuthEvent event;
      event.time = l.time;
      if (auto ip = IpAddress::Parse(l.ip)) {
        event.source_ip = *ip;
        event.has_source_ip = true;
      } else {
        event.source_host = pool_.Intern(l.ip);
      }
      event.user = pool_.Intern(l.user);
      event.user_canonical = event.user;
      event.outcome = l.outcome;
      event.reason = l.reason;
      event.method = AuthMethod::kPassword;
      event.where = {FileOfDay(l.time), i + 1, i * 90};
      set_.Observe(event, &sink_);
      set_.AdvanceTime(event.time, &sink_);
    }
  }
  std::string Save(Timestamp now) const {
    store::StateEncoder out(&pool_, &files_);
    set_.Save(now, &out);
    return std::move(out).Finish();
  }
  std::string Load(const std::string& body) {
    store::StateDecoder in(body, &pool_, &files_);
    set_.Load(&in);
    if (in.ok() && !in.AtEnd()) in.Fail("bytes after the state");
    return in.error();
  }
  void Finish() { set_.Finish(&sink_); }

  // Findings as text, with every field a consumer reads.
  std::vector<std::string> Findings() const {
    std::vector<std::string> out;
    for (const Finding& f : sink_.findings) {
      std::string ips;
      for (const IpAddress& ip : f.related_ips) ips += ip.ToString() + ",";
      std::string users;
      for (const std::string& u : f.related_users) users += u + ",";
      std::string evidence;
      for (const Evidence& e : f.evidence) {
        evidence += fmt::format("{}:{}@{} {};", files_.Path(e.where.file), e.where.line,
                                e.where.offset, e.why);
      }
      out.push_back(fmt::format(
          "{} sev{} conf{:.3f} @{} [{},{}] src={}{} user={} ips={} users={} f={} s={} a={} "
          "u={} campaign={} rate={},{} | {} | {}",
          f.rule_id, f.severity, f.confidence, FormatIso8601(f.triggered), FormatIso8601(f.start),
          FormatIso8601(f.end), f.source_ip ? f.source_ip->ToString() : "", f.source_host,
          f.user_name, ips, users, f.failures, f.successes, f.distinct_accounts,
          f.unknown_account_failures, f.campaign, f.rate_change.start, f.rate_change.end, f.summary,
          evidence));
    }
    return out;
  }
  const KnownDevices& known() const { return known_; }
  StringPool* pool() { return &pool_; }

 private:
  uint32_t FileOfDay(Timestamp time) {
    const std::string name = fmt::format("day{}.log", (time - kT0) / kDay + 1);
    for (uint32_t id = 0; id < files_.size(); ++id) {
      if (files_.Path(id) == name) return id;
    }
    return files_.Add(name);
  }
  DetectorConfig config_;
  StringPool pool_;
  FileTable files_;
  KnownDevices known_{config_.known_devices};
  DetectorSet set_;
  CollectingFindingSink sink_;
};

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(StateSnapshot, SplitRunReportsExactlyWhatOneRunReports) {
  const std::vector<Line> lines = Scenario();
  Pipeline whole;
  whole.Read(lines, 0, lines.size());
  whole.Finish();
  const std::vector<std::string> expected = whole.Findings();
  ASSERT_GE(expected.size(), 5u);
  const auto has = [&](std::string_view rule) {
    return std::any_of(expected.begin(), expected.end(),
                       [&](const std::string& f) { return f.rfind(rule, 0) == 0; });
  };
  // The scenario exercises what crosses a split.
  EXPECT_TRUE(has("brute_force.burst"));
  EXPECT_TRUE(has("brute_force.slow"));
  EXPECT_TRUE(has("distributed_spray.collective"));
  EXPECT_TRUE(has("compromise."));

  // Splits at day boundaries, inside the straddling burst, inside the slow brute force and
  // inside the spray.
  for (const Timestamp at : {kT0 + kDay, kT0 + kDay - 2 * kMinute, kT0 + 20 * kHour,
                             kT0 + kDay + 9 * kHour, kT0 + 2 * kDay, kT0 + 5 * kHour}) {
    const size_t split = static_cast<size_t>(
        std::lower_bound(lines.begin(), lines.end(), at,
                         [](const Line& l, Timestamp t) { return l.time < t; }) -
        lines.begin());
    Pipeline first;
    first.Read(lines, 0, split);
    const std::string body = first.Save(lines[split - 1].time);
    Pipeline second;
    second.pool()->Intern("a string the old run never had, so ids differ");
    ASSERT_EQ(second.Load(body), "") << "split at " << FormatIso8601(at);
    second.Read(lines, split, lines.size());
    second.Finish();
    const std::vector<std::string> got = Concat(first.Findings(), second.Findings());
    EXPECT_EQ(got, expected) << "split at " << FormatIso8601(at);
  }
}

TEST(StateSnapshot, ThreeRunsReportWhatOneRunReports) {
  const std::vector<Line> lines = Scenario();
  Pipeline whole;
  whole.Read(lines, 0, lines.size());
  whole.Finish();
  std::vector<std::string> got;
  std::string body;
  size_t from = 0;
  for (int day = 1; day <= 3; ++day) {
    const auto to = static_cast<size_t>(
        std::lower_bound(lines.begin(), lines.end(), kT0 + day * kDay,
                         [](const Line& l, Timestamp t) { return l.time < t; }) -
        lines.begin());
    Pipeline run;
    if (!body.empty()) {
      ASSERT_EQ(run.Load(body), "");
    }
    run.Read(lines, from, to);
    body = run.Save(lines[to - 1].time);
    if (day == 3) run.Finish();
    got = Concat(std::move(got), run.Findings());
    from = to;
  }
  EXPECT_EQ(got, whole.Findings());
}

// Each detector on its own (with a login memory of its own), loaded into the same pool so ids
// compare: every field comes back.
template <typename D>
void ExpectRoundTrip(const std::vector<Line>& lines, size_t count) {
  DetectorConfig config;
  StringPool pool;
  FileTable files;
  files.Add("day1.log");
  D detector(config, &pool);
  CollectingFindingSink sink;
  for (size_t i = 0; i < count; ++i) {
    const Line& l = lines[i];
    AuthEvent event;
    event.time = l.time;
    if (auto ip = IpAddress::Parse(l.ip)) {
      event.source_ip = *ip;
      event.has_source_ip = true;
    } else {
      event.source_host = pool.Intern(l.ip);
    }
    event.user = pool.Intern(l.user);
    event.user_canonical = event.user;
    event.outcome = l.outcome;
    event.reason = l.reason;
    event.method = AuthMethod::kPassword;
    event.where = {0, i + 1, i * 90};
    detector.Observe(event, &sink);
  }
  store::StateEncoder out(&pool, &files);
  detector.Save(lines[count - 1].time, &out);
  const std::string body = std::move(out).Finish();
  D restored(config, &pool);
  FileTable next_files;  // the next run's: evidence file 0 is again day1.log
  store::StateDecoder in(body, &pool, &next_files);
  ASSERT_TRUE(restored.Load(&in)) << in.error();
  EXPECT_TRUE(in.AtEnd());
  EXPECT_TRUE(restored.SameState(detector));
  // And the state is not trivially empty.
  D empty(config, &pool);
  EXPECT_FALSE(empty.SameState(detector));
}

TEST(StateSnapshot, SourceDetectorRoundTripsEveryField) {
  const std::vector<Line> lines = Scenario();
  // Mid-episode for the slow brute force, the burst and the host-named scanner.
  for (const size_t count : {lines.size() / 2, lines.size() * 2 / 3 + 7, lines.size()}) {
    ExpectRoundTrip<SourceDetector>(lines, count);
  }
}

TEST(StateSnapshot, DistributedDetectorRoundTripsEveryField) {
  const std::vector<Line> lines = Scenario();
  for (const size_t count : {lines.size() / 3, lines.size() / 2, lines.size()}) {
    ExpectRoundTrip<DistributedDetector>(lines, count);
  }
}

TEST(StateSnapshot, SavedStateLoadsBackEqual) {
  const std::vector<Line> lines = Scenario();
  Pipeline first;
  first.Read(lines, 0, lines.size() * 2 / 3);
  const Timestamp now = lines[lines.size() * 2 / 3 - 1].time;
  const std::string body = first.Save(now);
  Pipeline second;
  ASSERT_EQ(second.Load(body), "");
  // Hash maps iterate in their own order, so the bytes may differ, not their size.
  EXPECT_EQ(second.Save(now).size(), body.size());
  EXPECT_GT(second.known().size(), 60u);
}

TEST(StateSnapshot, IdleStateIsLeftOutOfTheSave) {
  const std::vector<Line> lines = Scenario();
  Pipeline run;
  run.Read(lines, 0, lines.size());
  const std::string now = run.Save(lines.back().time);
  // Forty days later everything the scenario left is past the 30-day memory.
  const std::string later = run.Save(lines.back().time + 40 * kDay);
  EXPECT_LT(later.size(), now.size() / 2);
  Pipeline restored;
  ASSERT_EQ(restored.Load(later), "");
  EXPECT_EQ(restored.known().size(), 0u);
}

TEST(StateSnapshot, DamagedStateFailsWithAReasonAndNeverCrashes) {
  const std::vector<Line> lines = Scenario();
  Pipeline run;
  run.Read(lines, 0, lines.size() / 3);
  const std::string body = run.Save(lines[lines.size() / 3 - 1].time);
  for (size_t cut = 0; cut < body.size(); cut += 1 + cut / 8) {
    Pipeline other;
    EXPECT_NE(other.Load(body.substr(0, cut)), "") << "cut at " << cut;
  }
  // Flipped bytes either fail with a reason or load something the detectors can run on.
  std::mt19937 random(3);
  for (int i = 0; i < 300; ++i) {
    std::string bad = body;
    const size_t at = random() % bad.size();
    bad[at] = static_cast<char>(bad[at] ^ static_cast<char>(1 + random() % 255));
    Pipeline other;
    if (other.Load(bad).empty()) {
      other.Read(lines, lines.size() / 3, lines.size() / 2);
      other.Finish();
    }
  }
}

}  // namespace
}  // namespace spraytrace::detect
