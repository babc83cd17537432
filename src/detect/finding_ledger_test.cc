// FindingLedger across runs, as `scan --state` drives it: a run reports what is still open at
// its end early (OnReportedEarly), saves the ledger with the state, and the next run, loaded
// from that save, marks the same finding's final report continued (OnReported). Only unmarked
// findings are new (the CLI's exit 1); identity survives the evidence growing, a different
// finding never matches, and entries are bounded by `keep`.
#include "detect/finding_ledger.h"

#include <gtest/gtest.h>

#include <string>

#include "detect/detect_test_support.h"
#include "event/file_table.h"

namespace spraytrace::detect {
namespace {

using testing::kDay;
using testing::kHour;
using testing::kMinute;
using testing::kT0;

Finding SourceFinding(std::string_view rule_id, std::string_view ip, Timestamp triggered) {
  Finding f;
  f.rule =
      rule_id.rfind("single_source_spray", 0) == 0 ? Rule::kSingleSourceSpray : Rule::kBruteForce;
  f.rule_id = std::string(rule_id);
  f.source_ip = *IpAddress::Parse(ip);
  f.triggered = triggered;
  f.start = triggered - 10 * kMinute;
  f.end = triggered;
  f.failures = 20;
  return f;
}

Finding Compromise(std::string_view rule_id, std::string_view ip, std::string_view user,
                   Timestamp login, Timestamp judged) {
  Finding f;
  f.rule = Rule::kCompromise;
  f.rule_id = std::string(rule_id);
  f.severity = 4;
  f.source_ip = *IpAddress::Parse(ip);
  f.user_name = std::string(user);
  f.start = login;
  f.end = login;  // the login: what KeyOf anchors on
  f.triggered = judged;
  return f;
}

Finding Targeted(std::string_view user, Timestamp triggered) {
  Finding f;
  f.rule = Rule::kAccountTargeted;
  f.rule_id = "account_targeted.sources";
  f.user_name = std::string(user);
  f.triggered = triggered;
  f.start = triggered - 20 * kHour;
  f.end = triggered;
  return f;
}

Finding Campaign(std::string_view id, Timestamp period_start, Timestamp end) {
  Finding f;
  f.rule = Rule::kDistributedSpray;
  f.rule_id = "distributed_spray.collective";
  f.campaign = std::string(id);
  f.triggered = period_start;
  f.start = period_start;
  f.end = end;
  return f;
}

// The ledger as the next run sees it: saved at `now` with `keep`, loaded into a fresh ledger.
class Runs {
 public:
  FindingLedger Next(const FindingLedger& done, Timestamp now, Micros keep = 3 * kDay) {
    store::StateEncoder out(&pool_, &files_);
    done.Save(now, keep, &out);
    const std::string body = std::move(out).Finish();
    FindingLedger next;
    store::StateDecoder in(body, &pool_, &files_);
    EXPECT_TRUE(next.Load(&in)) << in.error();
    EXPECT_TRUE(in.ok() && in.AtEnd()) << in.error();
    return next;
  }

 private:
  StringPool pool_;
  FileTable files_;
};

TEST(FindingLedger, EarlyReportAtRunEndIsContinuedWhenItClosesInTheNextRun) {
  Runs runs;
  FindingLedger first;
  // Run 1 ends while a slow brute force is still open: reported early, a new finding.
  Finding early = SourceFinding("brute_force.slow", "192.0.2.77", kT0 + 20 * kHour);
  EXPECT_FALSE(first.OnReportedEarly(&early));
  EXPECT_FALSE(early.continued);
  EXPECT_EQ(first.size(), 1u);

  FindingLedger second = runs.Next(first, kT0 + kDay);
  EXPECT_EQ(second.size(), 1u);
  // Run 2: the episode closes with more evidence (end, counts): the same finding, continued.
  Finding closed = SourceFinding("brute_force.slow", "192.0.2.77", kT0 + 20 * kHour);
  closed.end = kT0 + kDay + 6 * kHour;
  closed.failures = 36;
  EXPECT_TRUE(second.OnReported(&closed));
  EXPECT_TRUE(closed.continued);
  // Matched once: the same key reported again later in the run is new (a later episode).
  Finding again = SourceFinding("brute_force.slow", "192.0.2.77", kT0 + 20 * kHour);
  EXPECT_FALSE(second.OnReported(&again));
  EXPECT_EQ(second.size(), 0u);
}

TEST(FindingLedger, OtherFindingsAreNew) {
  Runs runs;
  FindingLedger first;
  Finding early = SourceFinding("brute_force.slow", "192.0.2.77", kT0 + 20 * kHour);
  first.OnReportedEarly(&early);
  FindingLedger second = runs.Next(first, kT0 + kDay);

  // Another source, another variant of the rule, another trigger time (a new episode).
  Finding other_source = SourceFinding("brute_force.slow", "192.0.2.78", kT0 + 20 * kHour);
  Finding other_variant = SourceFinding("brute_force.burst", "192.0.2.77", kT0 + 20 * kHour);
  Finding later_episode = SourceFinding("brute_force.slow", "192.0.2.77", kT0 + 30 * kHour);
  EXPECT_FALSE(second.OnReported(&other_source));
  EXPECT_FALSE(second.OnReported(&other_variant));
  EXPECT_FALSE(second.OnReported(&later_episode));
  EXPECT_FALSE(other_source.continued || other_variant.continued || later_episode.continued);
  // The same address written IPv4-mapped is the same source (canonical form): it matches.
  Finding mapped = SourceFinding("brute_force.slow", "::ffff:192.0.2.77", kT0 + 20 * kHour);
  EXPECT_TRUE(second.OnReported(&mapped));
}

TEST(FindingLedger, CompromiseMatchesByItsLoginWhateverItsVariantBecomes) {
  Runs runs;
  FindingLedger first;
  const Timestamp login = kT0 + 23 * kHour;
  // Judged at run 1's end as `sprayed`; run 2 sees the node attributed: `distributed`.
  Finding early = Compromise("compromise.sprayed", "2001:db8:4::9", "jsmith", login, login);
  first.OnReportedEarly(&early);
  FindingLedger second = runs.Next(first, kT0 + kDay);
  Finding other_login =
      Compromise("compromise.distributed", "2001:db8:4::9", "jsmith", login + 1, login + kHour);
  EXPECT_FALSE(second.OnReported(&other_login));
  Finding other_user =
      Compromise("compromise.distributed", "2001:db8:4::9", "jdoe", login, login + kHour);
  EXPECT_FALSE(second.OnReported(&other_user));
  Finding final_report =
      Compromise("compromise.distributed", "2001:db8:4::9", "jsmith", login, login + 2 * kHour);
  EXPECT_TRUE(second.OnReported(&final_report));
}

TEST(FindingLedger, AccountTargetedMatchesWithinItsWindowOnly) {
  Runs runs;
  FindingLedger first;
  Finding early = Targeted("mwilson", kT0 + 22 * kHour);
  first.OnReportedEarly(&early);
  FindingLedger second = runs.Next(first, kT0 + kDay);
  // Judged again at a later tick with more sources: the same report, its trigger time moved.
  Finding beyond = Targeted("mwilson", kT0 + 22 * kHour + 72 * kHour + kMinute);
  EXPECT_FALSE(second.OnReported(&beyond));
  Finding other_account = Targeted("mwilsom", kT0 + 23 * kHour);
  EXPECT_FALSE(second.OnReported(&other_account));
  Finding within = Targeted("mwilson", kT0 + 30 * kHour);
  EXPECT_TRUE(second.OnReported(&within));
}

TEST(FindingLedger, StillOpenAcrossSeveralRunsIsContinuedEachTimeAndRemembered) {
  Runs runs;
  const Timestamp period = kT0 + kHour;
  FindingLedger day1;
  Finding c1 = Campaign("campaign-1", period, kT0 + 23 * kHour);
  EXPECT_FALSE(day1.OnReportedEarly(&c1));
  FindingLedger day2 = runs.Next(day1, kT0 + kDay);
  // Still open at day 2's end: reported early again, an update of day 1's report.
  Finding c2 = Campaign("campaign-1", period, kT0 + kDay + 23 * kHour);
  EXPECT_TRUE(day2.OnReportedEarly(&c2));
  EXPECT_EQ(day2.size(), 1u);
  FindingLedger day3 = runs.Next(day2, kT0 + 2 * kDay);
  Finding c3 = Campaign("campaign-1", period, kT0 + 2 * kDay + 2 * kHour);
  EXPECT_TRUE(day3.OnReported(&c3));
}

TEST(FindingLedger, EarlyReportsNotSeenAgainAreForgottenAfterKeep) {
  Runs runs;
  FindingLedger first;
  Finding a = SourceFinding("brute_force.slow", "198.51.100.1", kT0 + 2 * kHour);
  Finding b = SourceFinding("brute_force.slow", "198.51.100.2", kT0 + 20 * kHour);
  first.OnReportedEarly(&a);
  first.OnReportedEarly(&b);
  // This run's own early reports are always saved, however old (a's is older than keep here).
  FindingLedger second = runs.Next(first, kT0 + kDay + 12 * kHour, /*keep=*/kDay);
  EXPECT_EQ(second.size(), 2u);
  // Carried on unseen, an earlier run's entry lasts while younger than now - keep: a's evidence
  // ended at 02:00 of day 1, b's at 20:00, the cut is 12:00.
  FindingLedger third = runs.Next(second, kT0 + kDay + 12 * kHour, /*keep=*/kDay);
  EXPECT_EQ(third.size(), 1u);
  EXPECT_TRUE(third.OnReported(&b));
  EXPECT_FALSE(third.OnReported(&a));
}

TEST(FindingLedger, LoadFailsOnAStateWithoutItsSection) {
  StringPool pool;
  FileTable files;
  store::StateEncoder out(&pool, &files);
  out.BeginSection("something_else");
  out.PutU64(1);
  out.EndSection();
  const std::string body = std::move(out).Finish();
  store::StateDecoder in(body, &pool, &files);
  FindingLedger ledger;
  EXPECT_FALSE(ledger.Load(&in));
  EXPECT_FALSE(in.ok());
  EXPECT_EQ(ledger.size(), 0u);
}

}  // namespace
}  // namespace spraytrace::detect
