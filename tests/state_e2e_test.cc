// `spraytrace scan --state` end to end, as a daily job runs it: the covert-network simulation
// split into one log per day and scanned one day per run, chained through the state file, must
// report what one scan of every day reports (exactly: the detectors are restored as they stood
// after the last event, so the only extra findings are the early reports at each run's end,
// each followed by its final report marked continued). Scans without the state find less: the
// last days alone do not know the campaign (no start date, a later campaign of their own), and
// each day alone misses a compromise that needs the earlier days' logins. Also the exit codes
// (1 only for new findings), the events-before-the-clock warning and the refusals (other
// settings, damage; enrichment and blocklist settings may change), on hand-written sshd lines.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// What the comparisons need of one finding.
struct Seen {
  std::string line;  // as written, "continued":true taken out
  std::string rule_name;
  std::string rule_id;
  std::string campaign;
  std::string user;
  std::string source;
  std::string timestamp;
  std::string rate_start;  // spraytrace.rate_change.start; empty when null or absent
  bool continued = false;
  std::vector<std::string> related_ips;
};

// The string at a path, empty when it is absent or not a string (null).
std::string Text(simdjson::simdjson_result<simdjson::dom::element> element) {
  std::string_view text;
  return element.get(text) == simdjson::SUCCESS ? std::string(text) : std::string();
}

std::vector<Seen> ReadFindings(const fs::path& path) {
  std::vector<Seen> out;
  simdjson::dom::parser parser;
  for (std::string line : Lines(ReadFile(path))) {
    Seen seen;
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
    if (!doc.is_object()) continue;
    seen.rule_name = Text(doc["rule"]["name"]);
    seen.rule_id = Text(doc["rule"]["id"]);
    seen.campaign = Text(doc["spraytrace"]["campaign"]);
    seen.user = Text(doc["user"]["name"]);
    seen.source = Text(doc["source"]["ip"]);
    seen.timestamp = Text(doc["@timestamp"]);
    seen.rate_start = Text(doc["spraytrace"]["rate_change"]["start"]);
    bool continued = false;
    seen.continued =
        doc["spraytrace"]["continued"].get(continued) == simdjson::SUCCESS && continued;
    simdjson::dom::array ips;
    if (doc["related"]["ip"].get(ips) == simdjson::SUCCESS) {
      for (simdjson::dom::element ip : ips) {
        seen.related_ips.push_back(
            Text(simdjson::simdjson_result<simdjson::dom::element>(std::move(ip))));
      }
    }
    const std::string mark = "\"continued\":true,";
    if (const size_t at = line.find(mark); at != std::string::npos) line.erase(at, mark.size());
    seen.line = std::move(line);
    out.push_back(std::move(seen));
  }
  return out;
}

std::set<std::string> IpsOf(const std::vector<Seen>& findings, std::string_view rule) {
  std::set<std::string> out;
  for (const Seen& f : findings) {
    if (f.rule_name == rule) out.insert(f.related_ips.begin(), f.related_ips.end());
  }
  return out;
}

// "user from source, login at" of each compromise finding.
std::set<std::string> CompromisedAccounts(const std::vector<Seen>& findings) {
  std::set<std::string> out;
  for (const Seen& f : findings) {
    if (f.rule_name == "compromise") out.insert(f.user);
  }
  return out;
}

class StateEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = testing::SpraytraceBinary();
    if (!fs::exists(binary_)) GTEST_SKIP() << "spraytrace binary not built: " << binary_;
    dir_ = fs::temp_directory_path() /
           ("spraytrace_state_e2e_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  int Run(const std::string& args, std::string* err = nullptr) {
    const fs::path out = dir_ / "stdout", errors = dir_ / "stderr";
    const std::string command = "'" + binary_ + "' " + args + " </dev/null >'" + out.string() +
                                "' 2>'" + errors.string() + "'";
    const int status = std::system(command.c_str());
    if (err) *err = ReadFile(errors);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // The simulated log split by its syslog date ("Nov  3"), one file per day, in order.
  std::vector<std::string> SimulateDays(const std::string& args) {
    const std::string sim = (dir_ / "sim").string();
    std::string err;
    EXPECT_EQ(Run("simulate " + args + " --out '" + sim + "' --quiet", &err), 0) << err;
    std::vector<std::string> files;
    std::string day, text;
    const auto flush = [&] {
      if (text.empty()) return;
      files.push_back(Write("day" + std::to_string(files.size() + 1) + ".log", text));
      text.clear();
    };
    for (const std::string& line : Lines(ReadFile(sim + "/auth.log"))) {
      if (line.compare(0, 6, day) != 0) {
        flush();
        day = line.substr(0, 6);
      }
      text += line + "\n";
    }
    flush();
    return files;
  }

  static std::string Quoted(const std::vector<std::string>& files, size_t from = 0) {
    std::string out;
    for (size_t i = from; i < files.size(); ++i) out += " '" + files[i] + "'";
    return out;
  }

  std::string binary_;
  fs::path dir_;
};

TEST_F(StateEndToEnd, DailyRunsChainedByStateReportWhatOneScanReports) {
  // 4 days x 300 people; the spray from day 2 (every person is a target, and 30% more names
  // that do not exist), its 3 compromises on day 2. A fifth file holds the closing lines of
  // sessions still open at the last midnight.
  const std::vector<std::string> days =
      SimulateDays("--preset covert-network --days 4 --users 300 --seed 2");
  ASSERT_EQ(days.size(), 5u);
  std::string err;
  const std::string whole = (dir_ / "whole.jsonl").string();
  ASSERT_EQ(
      Run("scan" + Quoted(days) + " --year 2026 --no-summary --findings '" + whole + "'", &err), 1)
      << err;
  const std::vector<Seen> one_scan = ReadFindings(whole);

  const std::string state = (dir_ / "spraytrace.state").string();
  std::vector<std::vector<Seen>> runs;
  std::vector<Seen> chained;
  std::vector<int> exits;
  for (size_t i = 0; i < days.size(); ++i) {
    const std::string out = (dir_ / ("run" + std::to_string(i) + ".jsonl")).string();
    exits.push_back(Run("scan '" + days[i] + "' --year 2026 --no-summary --state '" + state +
                            "' --findings '" + out + "'",
                        &err));
    EXPECT_EQ(err.find("warning"), std::string::npos) << "run " << i << ": " << err;
    runs.push_back(ReadFindings(out));
    chained.insert(chained.end(), runs.back().begin(), runs.back().end());
  }
  // Day 1 is benign; every later day has a new campaign period (or a compromise); the closing
  // lines are no authentication event: nothing new, the state left as it is.
  EXPECT_EQ(exits, (std::vector<int>{0, 1, 1, 1, 0}));
  EXPECT_NE(err.find("nothing new was read"), std::string::npos) << err;

  // The campaign and the compromises are there, and the same in both.
  const std::set<std::string> attributed = IpsOf(one_scan, "distributed_spray");
  EXPECT_GT(attributed.size(), 900u);
  EXPECT_EQ(IpsOf(chained, "distributed_spray"), attributed);
  EXPECT_EQ(IpsOf(chained, "compromise"), IpsOf(one_scan, "compromise"));
  EXPECT_EQ(CompromisedAccounts(one_scan),
            (std::set<std::string>{"ctaylor", "jadams", "rwilson"}));  // truth.json's three
  EXPECT_EQ(CompromisedAccounts(chained), CompromisedAccounts(one_scan));

  // Exactly: every finding of the one scan, byte for byte but for the continued mark, and the
  // chained runs' extra findings are as many as their continued ones (the early reports).
  std::multiset<std::string> chained_lines;
  size_t continued = 0;
  for (const Seen& f : chained) {
    chained_lines.insert(f.line);
    continued += f.continued;
  }
  for (const Seen& f : one_scan) {
    const auto it = chained_lines.find(f.line);
    EXPECT_NE(it, chained_lines.end()) << "not reported by the chained runs: " << f.line;
    if (it != chained_lines.end()) chained_lines.erase(it);
  }
  EXPECT_GT(continued, 0u);
  EXPECT_EQ(chained_lines.size(), continued);
  // A continued finding continues one the run before reported: same rule, campaign, account,
  // source and trigger time; that early report is not final (the one scan has no such line).
  for (size_t i = 1; i < runs.size(); ++i) {
    for (const Seen& f : runs[i]) {
      if (!f.continued) continue;
      const auto early = std::find_if(runs[i - 1].begin(), runs[i - 1].end(), [&](const Seen& e) {
        return e.rule_id == f.rule_id && e.campaign == f.campaign && e.user == f.user &&
               e.source == f.source && e.timestamp == f.timestamp;
      });
      ASSERT_NE(early, runs[i - 1].end()) << "continues nothing: " << f.line;
      EXPECT_TRUE(std::none_of(one_scan.begin(), one_scan.end(),
                               [&](const Seen& s) { return s.line == early->line; }));
    }
  }

  // Cold, the last two days alone: the same sources show up, but the campaign is not known.
  const std::string cold = (dir_ / "cold.jsonl").string();
  ASSERT_EQ(
      Run("scan" + Quoted(days, 2) + " --year 2026 --no-summary --findings '" + cold + "'", &err),
      1)
      << err;
  const std::vector<Seen> cold_findings = ReadFindings(cold);
  std::string chained_campaign, chained_start;
  for (const Seen& f : runs[3]) {
    if (f.rule_name != "distributed_spray") continue;
    chained_campaign = f.campaign;
    chained_start = f.rate_start;
  }
  // With the state the last day's report is the campaign that began on day 2, dated to its
  // start by the rate change (CUSUM, which needs a day of history).
  EXPECT_EQ(chained_campaign.rfind("distributed-2026-11-03", 0), 0u) << chained_campaign;
  EXPECT_EQ(chained_start.rfind("2026-11-03T00:", 0), 0u) << chained_start;
  size_t cold_campaigns = 0;
  for (const Seen& f : cold_findings) {
    if (f.rule_name != "distributed_spray") continue;
    ++cold_campaigns;
    EXPECT_NE(f.campaign, chained_campaign);
    EXPECT_EQ(f.rate_start, "") << "no baseline, no start date";
  }
  EXPECT_GT(cold_campaigns, 0u);
  EXPECT_TRUE(CompromisedAccounts(cold_findings).empty());

  // Cold, each day alone (a daily job without --state): ctaylor's compromise is a rotating
  // password (two residential addresses hours apart), which needs to know that ctaylor logged in
  // before from elsewhere: day 1's logins, which day 2 alone does not have.
  std::vector<Seen> cold_daily;
  for (size_t i = 0; i < days.size(); ++i) {
    const std::string out = (dir_ / ("cold" + std::to_string(i) + ".jsonl")).string();
    Run("scan '" + days[i] + "' --year 2026 --no-summary --findings '" + out + "'");
    const std::vector<Seen> day = ReadFindings(out);
    cold_daily.insert(cold_daily.end(), day.begin(), day.end());
  }
  EXPECT_EQ(CompromisedAccounts(cold_daily), (std::set<std::string>{"jadams", "rwilson"}));
}

// Hand-written sshd lines (Debian 12 OpenSSH shape).
std::string SshdLine(std::string_view when, int pid, std::string_view message) {
  return std::string(when) + " bastion sshd[" + std::to_string(pid) + "]: " + std::string(message) +
         "\n";
}

// `count` failures for root from ip, 30 s apart from hh:mm:00 on "Nov  N".
std::string Burst(std::string_view day, int hour, int minute, std::string_view ip, int count,
                  int pid) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    const int seconds = i * 30;
    char when[32];
    std::snprintf(when, sizeof when, "%s %02d:%02d:%02d", std::string(day).c_str(), hour,
                  minute + seconds / 60, seconds % 60);
    out += SshdLine(when, pid + i,
                    "Failed password for root from " + std::string(ip) + " port " +
                        std::to_string(40000 + i) + " ssh2");
  }
  return out;
}

TEST_F(StateEndToEnd, ExitOneOnlyForNewFindingsAndTheStateIsCheckedFirst) {
  const std::string accepted = "Accepted password for alice from 192.0.2.10 port 50110 ssh2";
  // Day 1 ends inside a burst's episode (it closes after 6 h quiet): reported early.
  const std::string day1 = Write("day1.log", SshdLine("Nov  2 09:00:00", 100, accepted) +
                                                 Burst("Nov  2", 23, 50, "203.0.113.45", 12, 200));
  // Day 2: only alice; the burst's episode has been idle for over episodes.idle_gap (6 h): it
  // closes in this run (at its end: one event is too few for the periodic check).
  const std::string day2 = Write("day2.log", SshdLine("Nov  3 09:00:00", 300, accepted));
  // Day 3: a new burst, from IPv6.
  const std::string day3 = Write("day3.log", SshdLine("Nov  4 09:00:00", 400, accepted) +
                                                 Burst("Nov  4", 10, 0, "2001:db8:77::5", 8, 500));
  const std::string state = (dir_ / "spraytrace.state").string();
  const auto scan = [&](const std::string& log, const std::string& findings,
                        const std::string& extra, std::string* err) {
    return Run("scan '" + log + "' --year 2026 --no-summary --state '" + state + "' --findings '" +
                   (dir_ / findings).string() + "'" + extra,
               err);
  };

  std::string err;
  ASSERT_EQ(scan(day1, "1.jsonl", "", &err), 1) << err;
  EXPECT_NE(err.find("does not exist yet: starting a fresh state"), std::string::npos) << err;
  const std::vector<Seen> first = ReadFindings(dir_ / "1.jsonl");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].rule_id, "brute_force.burst");
  EXPECT_EQ(first[0].source, "203.0.113.45");
  EXPECT_FALSE(first[0].continued);

  // The same finding, final now: continued, not new, so exit 0.
  EXPECT_EQ(scan(day2, "2.jsonl", "", &err), 0) << err;
  EXPECT_NE(err.find("1 findings continue ones an earlier run reported"), std::string::npos) << err;
  const std::vector<Seen> second = ReadFindings(dir_ / "2.jsonl");
  ASSERT_EQ(second.size(), 1u);
  EXPECT_TRUE(second[0].continued);
  EXPECT_EQ(second[0].rule_id, first[0].rule_id);
  EXPECT_EQ(second[0].source, first[0].source);
  EXPECT_EQ(second[0].timestamp, first[0].timestamp);

  EXPECT_EQ(scan(day3, "3.jsonl", "", &err), 1) << err;
  const std::vector<Seen> third = ReadFindings(dir_ / "3.jsonl");
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].source, "2001:db8:77::5");
  EXPECT_FALSE(third[0].continued);
  const std::string saved = ReadFile(state);
  ASSERT_FALSE(saved.empty());

  // Day 1 again: its events are at or before the state's clock, counted, warned about and not
  // detected again; nothing new, the state file left as it is.
  EXPECT_EQ(scan(day1, "again.jsonl", "", &err), 0) << err;
  EXPECT_NE(err.find("warning: 13 events from 2026-11-02T09:00:00Z on are at or before the "
                     "state's clock (2026-11-04T10:03:30Z)"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("nothing new was read"), std::string::npos) << err;
  EXPECT_TRUE(ReadFindings(dir_ / "again.jsonl").empty());
  EXPECT_EQ(ReadFile(state), saved);

  // Other detector settings: refused before any output is opened, the file untouched.
  const std::string day4 = Write("day4.log", Burst("Nov  5", 10, 0, "198.51.100.7", 4, 600));
  EXPECT_EQ(scan(day4, "4.jsonl", " --set brute_force.max_failures=3", &err), 2);
  EXPECT_NE(err.find("was built with other detector settings (brute_force.max_failures = 5 "
                     "there, 3 now)"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("--state-reset"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir_ / "4.jsonl"));
  EXPECT_EQ(ReadFile(state), saved);

  // A damaged file: refused the same way, and left as it is.
  std::string damaged = saved;
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x5a);
  Write("spraytrace.state", damaged);
  EXPECT_EQ(scan(day4, "4.jsonl", "", &err), 2);
  EXPECT_NE(err.find("is damaged"), std::string::npos) << err;
  EXPECT_EQ(ReadFile(state), damaged);

  // --state-reset starts afresh with the new settings: 4 failures are a burst now, and new.
  EXPECT_EQ(scan(day4, "4.jsonl", " --set brute_force.max_failures=3 --state-reset", &err), 1)
      << err;
  EXPECT_NE(err.find("--state-reset: starting a fresh state"), std::string::npos) << err;
  EXPECT_EQ(ReadFindings(dir_ / "4.jsonl").size(), 1u);
  EXPECT_NE(ReadFile(state), damaged);
  EXPECT_EQ(scan(day4, "5.jsonl", " --set brute_force.max_failures=3", &err), 0) << err;
  // What a blocklist holds and what findings are annotated with are no detector settings: a
  // new threat-intel feed or blocklist scope keeps the state (nothing new here: exit 0).
  const std::string intel = Write("intel.txt", "198.51.100.0/24  # a feed added later\n");
  EXPECT_EQ(
      scan(day4, "6.jsonl",
           " --set brute_force.max_failures=3 --set blocklist.scope_v4=24 --intel '" + intel + "'",
           &err),
      0)
      << err;
  EXPECT_NE(err.find("continuing from"), std::string::npos) << err;
}

}  // namespace
}  // namespace spraytrace
