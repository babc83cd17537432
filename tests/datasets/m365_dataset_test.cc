// The Office 365 Unified Audit Log files of blueteam0ps/det-eng-samples in ../shared/datasets,
// read in place, checked against GROUND_TRUTH.json there: what the parser reads (attempts,
// accounts, IPv6 sources, the tenant) and what `spraytrace scan` finds (the sprays, the login
// that ended one, and nothing for the MFA sweep).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/scan_runner.h"
#include "ingest/line_reader.h"
#include "parse/log_parser.h"
#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTenant = "8d4121ed-0008-406d-bff9-0d5bb312183c";

struct Read {
  StringPool strings;
  Diagnostics diagnostics;
  std::vector<AuthEvent> events;
  parse::ParseStats stats;

  std::string S(StringId id) const { return std::string(strings.View(id)); }
  size_t Count(Outcome outcome) const {
    return std::count_if(events.begin(), events.end(),
                         [&](const AuthEvent& e) { return e.outcome == outcome; });
  }
  std::set<std::string> Accounts(Outcome outcome) const {
    std::set<std::string> out;
    for (const AuthEvent& e : events) {
      if (e.outcome == outcome) out.insert(S(e.user_canonical));
    }
    return out;
  }
  std::set<std::string> Sources() const {
    std::set<std::string> out;
    for (const AuthEvent& e : events) out.insert(e.source_ip.ToString());
    return out;
  }
};

class M365Dataset : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Dir())) GTEST_SKIP() << "shared datasets not found at " << Dir();
  }
  static fs::path Dir() { return testing::DatasetsDir() / "blueteam0ps-det-eng-samples-o365"; }

  // Through the front door, as a scan reads it.
  static void ReadFile(const fs::path& path, Read* read) {
    auto reader = ingest::LineReader::Open(path.string(), {}, &read->diagnostics);
    ASSERT_TRUE(reader) << path;
    parse::LogParser parser(&read->strings, &read->diagnostics);
    parse::CollectingSink sink;
    parser.BeginFile(0, path.string(), parse::YearHint{2023, 12, false});
    ingest::Line line;
    while ((*reader)->Next(&line)) parser.ParseLine(line.text, line.number, line.offset, &sink);
    parser.EndFile(&sink);
    read->events = std::move(sink.events);
    read->stats = parser.stats();
  }

  // rule ids per source address and the accounts of compromise findings, from `spraytrace scan`.
  struct Scanned {
    std::map<std::string, std::set<std::string>> rules;
    std::set<std::string> compromised;
  };
  static Scanned Scan(const fs::path& path) {
    cli::ScanOptions options;
    options.inputs = {path.string()};
    cli::ScanContext context;
    detect::CollectingFindingSink sink;
    EXPECT_TRUE(cli::RunScan(options, &context, &sink).ok());
    EXPECT_EQ(context.diagnostics.Total(), 0u);
    Scanned out;
    for (const auto& f : sink.findings) {
      out.rules[f.source_ip ? f.source_ip->ToString() : f.source_host].insert(f.rule_id);
      if (f.rule == detect::Rule::kCompromise) out.compromised.insert(f.user_name);
    }
    return out;
  }
};

void ExpectWithin(const Read& read, Timestamp from, Timestamp to) {
  for (const AuthEvent& e : read.events) {
    EXPECT_GE(e.time, from);
    EXPECT_LE(e.time, to);
  }
}

// o365spray's default run: 9 users, one failure each, from one IPv6 address; Henrietta's
// failure is the tool's 500011 artefact, the rest bad passwords. No login.
TEST_F(M365Dataset, O365SprayDefaultIsASingleSourceSprayWithoutSuccess) {
  Read read;
  ReadFile(Dir() / "t1110.003_o365spray_default.json", &read);
  EXPECT_EQ(read.diagnostics.Total(), 0u);
  ASSERT_EQ(read.events.size(), 9u);
  EXPECT_EQ(read.Count(Outcome::kFailure), 9u);
  EXPECT_EQ(read.Accounts(Outcome::kFailure),
            (std::set<std::string>{"henrietta", "lidia", "adele", "matt", "johanna", "miriam",
                                   "megan", "alex", "lynne"}));
  EXPECT_EQ(read.Sources(), (std::set<std::string>{"2a09:bac5:114:105::1a:9b"}));
  size_t bad_password = 0;
  for (const AuthEvent& e : read.events) {
    bad_password += e.reason == Reason::kBadPassword;
    EXPECT_EQ(read.S(e.tenant), kTenant);
    EXPECT_EQ(e.service, Service::kEntra);
  }
  EXPECT_EQ(bad_password, 8u);
  ExpectWithin(read, ToTimestamp(CivilTime{2023, 7, 23, 12, 13, 33}),
               ToTimestamp(CivilTime{2023, 7, 23, 12, 13, 34}));
  const Scanned scanned = Scan(Dir() / "t1110.003_o365spray_default.json");
  ASSERT_TRUE(scanned.rules.count("2a09:bac5:114:105::1a:9b"));
  EXPECT_TRUE(scanned.rules.at("2a09:bac5:114:105::1a:9b").count("single_source_spray.breadth"));
  EXPECT_TRUE(scanned.compromised.empty());
  EXPECT_EQ(scanned.rules.size(), 1u);
}

// o365spray with reporting: 12 failures over 10 accounts (4 of them mistyped UPNs without the
// '@'), and two logins for Henrietta from the same address: the guess that worked.
TEST_F(M365Dataset, O365SprayReportingEndsInACompromise) {
  Read read;
  ReadFile(Dir() / "t1110.003_o365spray_reporting.json", &read);
  EXPECT_EQ(read.diagnostics.Total(), 0u);
  ASSERT_EQ(read.events.size(), 14u);
  EXPECT_EQ(read.Count(Outcome::kFailure), 12u);
  EXPECT_EQ(read.Accounts(Outcome::kFailure).size(), 10u);
  EXPECT_TRUE(read.Accounts(Outcome::kFailure).count("adelecontoso.onmicrosoft.com"));
  EXPECT_EQ(read.Accounts(Outcome::kSuccess), (std::set<std::string>{"henrietta"}));
  EXPECT_EQ(read.Count(Outcome::kSuccess), 2u);
  EXPECT_EQ(read.Sources(), (std::set<std::string>{"2a09:bac1:820:8::1a:9c"}));
  ExpectWithin(read, ToTimestamp(CivilTime{2023, 7, 23, 9, 17, 44}),
               ToTimestamp(CivilTime{2023, 7, 23, 9, 17, 45}));
  const Scanned scanned = Scan(Dir() / "t1110.003_o365spray_reporting.json");
  ASSERT_TRUE(scanned.rules.count("2a09:bac1:820:8::1a:9c"));
  const auto& rules = scanned.rules.at("2a09:bac1:820:8::1a:9c");
  EXPECT_TRUE(rules.count("single_source_spray.breadth"));
  EXPECT_TRUE(rules.count("compromise.single_source"));
  EXPECT_EQ(scanned.compromised, (std::set<std::string>{"Henrietta@contoso.onmicrosoft.com"}));
}

// MFASweep: eight logins for Lidia from two addresses trying every endpoint; nothing failed,
// so nothing is a spray. The Purview CSV export, with AuditData in a quoted column.
TEST_F(M365Dataset, MfaSweepPurviewExportIsQuiet) {
  Read read;
  ReadFile(Dir() / "t1592.004_mfa_sweep.csv", &read);
  EXPECT_EQ(read.diagnostics.Total(), 0u);
  ASSERT_EQ(read.events.size(), 8u);
  EXPECT_EQ(read.Count(Outcome::kSuccess), 8u);
  EXPECT_EQ(read.Accounts(Outcome::kSuccess), (std::set<std::string>{"lidia"}));
  EXPECT_EQ(read.Sources(), (std::set<std::string>{"104.28.196.199", "2a09:bac5:117:105::1a:de"}));
  // AuditData's CreationTime (UTC), not the CSV's local-time CreationDate: 11:48:57 .. 12:02:54.
  ExpectWithin(read, ToTimestamp(CivilTime{2023, 6, 18, 11, 48, 57}),
               ToTimestamp(CivilTime{2023, 6, 18, 12, 2, 54}));
  ASSERT_FALSE(read.stats.by_family.empty());
  EXPECT_EQ(read.stats.by_family.front().first, "m365-purview-csv");
  const Scanned scanned = Scan(Dir() / "t1592.004_mfa_sweep.csv");
  EXPECT_TRUE(scanned.rules.empty());
}

}  // namespace
}  // namespace spraytrace
