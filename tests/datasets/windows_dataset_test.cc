// The Windows datasets in ../shared/datasets read in place, in each rendering they exist in,
// checked against GROUND_TRUTH.json there: what the parser reads (attempts, reasons, accounts,
// sources) and what `spraytrace scan` finds (brute force vs spray).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/scan_runner.h"
#include "ingest/line_reader.h"
#include "parse/log_parser.h"
#include "parse/windows/evtx_reader.h"
#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;

// The attempts one file holds, with the strings they refer to.
struct Read {
  StringPool strings;
  Diagnostics diagnostics;
  std::vector<AuthEvent> events;

  std::string_view S(StringId id) const { return strings.View(id); }
  std::string Source(const AuthEvent& e) const {
    return e.has_source_ip ? e.source_ip.ToString() : std::string(S(e.source_host));
  }
  size_t Count(Outcome outcome, Reason reason) const {
    return std::count_if(events.begin(), events.end(), [&](const AuthEvent& e) {
      return e.outcome == outcome && e.reason == reason;
    });
  }
  // Canonical accounts of the events with this outcome and reason.
  std::set<std::string> Accounts(Outcome outcome, Reason reason) const {
    std::set<std::string> out;
    for (const AuthEvent& e : events) {
      if (e.outcome == outcome && e.reason == reason) out.emplace(S(e.user_canonical));
    }
    return out;
  }
  std::map<std::string, size_t> PerAccount() const {
    std::map<std::string, size_t> out;
    for (const AuthEvent& e : events) ++out[std::string(S(e.user_canonical))];
    return out;
  }
  std::set<std::string> Sources() const {
    std::set<std::string> out;
    for (const AuthEvent& e : events) out.insert(Source(e));
    return out;
  }
};

// Reads a line-based rendering through the front door, as a scan does.
void ReadLines(const fs::path& path, Read* read) {
  auto reader = ingest::LineReader::Open(path.string(), {}, &read->diagnostics);
  ASSERT_TRUE(reader) << path;
  parse::LogParser parser(&read->strings, &read->diagnostics);
  parse::CollectingSink sink;
  parser.BeginFile(0, path.string(), parse::YearHint{2024, 12, false});
  ingest::Line line;
  while ((*reader)->Next(&line)) parser.ParseLine(line.text, line.number, line.offset, &sink);
  parser.EndFile(&sink);
  read->events = std::move(sink.events);
}

std::set<std::string> Lower(std::initializer_list<std::string> names) {
  std::set<std::string> out;
  for (std::string name : names) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.insert(name);
  }
  return out;
}

// rule ids per source (address or host) that `spraytrace scan` reports for one file.
std::map<std::string, std::set<std::string>> Scan(const fs::path& path) {
  cli::ScanOptions options;
  options.inputs = {path.string()};
  cli::ScanContext context;
  detect::CollectingFindingSink sink;
  EXPECT_TRUE(cli::RunScan(options, &context, &sink).ok());
  std::map<std::string, std::set<std::string>> rules;
  for (const auto& f : sink.findings) {
    rules[f.source_ip ? f.source_ip->ToString() : f.source_host].insert(f.rule_id);
  }
  return rules;
}

class WindowsDataset : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!fs::exists(testing::DatasetsDir())) {
      GTEST_SKIP() << "shared datasets not found at " << testing::DatasetsDir()
                   << " (they sit beside the checkout in CI)";
    }
  }
  // The dataset file `stem` + the rendering under test (".jsonl", ".jsonl.gz", ".evtx").
  // The JSON rendering of a large file is gzipped.
  fs::path File(const std::string& stem) const {
    const fs::path path = testing::DatasetsDir() / (stem + GetParam());
    if (!fs::exists(path) && GetParam() == ".jsonl") return path.string() + ".gz";
    return path;
  }
  std::unique_ptr<Read> Load(const std::string& stem) {
    auto read = std::make_unique<Read>();
    const fs::path path = File(stem);
    if (!fs::exists(path)) return nullptr;
    ReadFile(path, read.get());
    return read;
  }
  // .evtx through the EVTX reader, as a scan does (by the file's magic), the rest by lines.
  void ReadFile(const fs::path& path, Read* read) {
    if (!parse::IsEvtxFile(path.string())) {
      ReadLines(path, read);
      return;
    }
    parse::EvtxReader reader(&read->strings, &read->diagnostics);
    parse::CollectingSink sink;
    ASSERT_TRUE(reader.ReadFile(path.string(), 0, path.string(), &sink));
    read->events = std::move(sink.events);
    EXPECT_EQ(read->diagnostics.Count(DiagnosticKind::kCorruptEvtx), 0u);
  }
};

// PurpleSharp "Local Domain Brute Force" (LogonUser API, NTLM) from WORKSTATION5: seven users,
// no source address; each guess logged as 4625 on the workstation and 4776 on the DC.
TEST(WindowsDatasetNxlog, OtrfPurpleSharpSprayFromAHostWithoutAddress) {
  const fs::path dir = testing::DatasetsDir() / "otrf-purplesharp-ad-playbook-I";
  if (!fs::exists(dir)) GTEST_SKIP() << "shared datasets not found at " << dir;
  const std::set<std::string> targeted = {"lrodriguez", "pgustavo", "sysmonsvc", "sbeavers",
                                          "mscott",     "pbeesly",  "nxlogsvc"};
  for (const char* name :
       {"security_auth_events.jsonl", "purplesharp_ad_playbook_I_2020-10-22042947.json.gz"}) {
    SCOPED_TRACE(name);
    Read read;
    ReadLines(dir / name, &read);
    // 7 guesses, not 14: the DC's 4776 echoes the workstation's 4625.
    EXPECT_EQ(read.Count(Outcome::kFailure, Reason::kBadPassword), 7u);
    EXPECT_EQ(read.Accounts(Outcome::kFailure, Reason::kBadPassword), targeted);
    for (const AuthEvent& e : read.events) {
      if (e.outcome != Outcome::kFailure) continue;
      EXPECT_EQ(read.Source(e), "WORKSTATION5");
      EXPECT_FALSE(e.has_source_ip);
      // Ground truth window: 2020-10-22T08:29:53Z .. 08:29:56Z (EventTime is local, UTC-4).
      EXPECT_GE(e.time, ToTimestamp(CivilTime{2020, 10, 22, 8, 29, 53}));
      EXPECT_LE(e.time, ToTimestamp(CivilTime{2020, 10, 22, 8, 29, 56}));
    }
    EXPECT_EQ(read.diagnostics.Total(), 0u);
    const auto rules = Scan(dir / name);
    ASSERT_TRUE(rules.count("WORKSTATION5"));
    EXPECT_TRUE(rules.at("WORKSTATION5").count("single_source_spray.breadth"));
    EXPECT_EQ(rules.size(), 1u);  // nothing else in 26k events of other activity
  }
}

TEST_P(WindowsDataset, DeepBlueExplicitCredentialSprayFromTheAttackingHost) {
  const auto read = Load("deepbluecli/password-spray");
  if (!read) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(read->events.size(), 294u);  // every 4648; the 1102 is not an attempt
  EXPECT_EQ(read->Sources(), (std::set<std::string>{"DESKTOP-JR78RLP"}));
  const auto per_account = read->PerAccount();
  EXPECT_EQ(per_account.size(), 41u);
  EXPECT_EQ(per_account.at("smisenar"), 14u);
  EXPECT_EQ(per_account.at("administrator"), 7u);
  const std::set<std::string> expected = Lower(
      {"Administrator", "baker",      "bgalbraith",  "bgreenwood", "bhostetler",  "bking",
       "cdavis",        "celgee",     "cfleener",    "cmoody",     "cragoso",     "cspizor",
       "dmashburn",     "dpendolino", "drook",       "ebooth",     "econrad",     "edygert",
       "eskoudis",      "gsalinas",   "jkulikowski", "jlake",      "jleytevidal", "jorchilles",
       "jwright",       "kperryman",  "lpesce",      "lschifano",  "mdouglas",    "melliott",
       "mtoussain",     "psmith",     "rbowes",      "sanson",     "sarmstrong",  "smisenar",
       "ssims",         "tbennett",   "thessman",    "wstrzelec",  "zmathis"});
  std::set<std::string> accounts;
  for (const auto& [account, count] : per_account) accounts.insert(account);
  EXPECT_EQ(accounts, expected);
  // TargetServerName as logged (here the host's own name; IpAddress 172.16.144.128:445).
  EXPECT_EQ(read->S(read->events.front().target_host), "DESKTOP-JR78RLP");
  const auto rules = Scan(File("deepbluecli/password-spray"));
  ASSERT_TRUE(rules.count("DESKTOP-JR78RLP"));
  EXPECT_TRUE(rules.at("DESKTOP-JR78RLP").count("single_source_spray.breadth"));
}

TEST_P(WindowsDataset, DeepBlueSmbGuessingIsABruteForceNotASpray) {
  const auto read = Load("deepbluecli/smb-password-guessing-security");
  if (!read) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(read->events.size(), 3561u);
  EXPECT_EQ(read->Sources(), (std::set<std::string>{"192.168.198.149"}));
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kBadPassword), 3558u);
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kDisabled), 2u);
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kUnknownUser), 1u);
  const auto per_account = read->PerAccount();
  EXPECT_EQ(per_account.at("administrator"), 3560u);
  EXPECT_EQ(per_account.at("jcdfcztc"), 1u);
  const auto rules = Scan(File("deepbluecli/smb-password-guessing-security"));
  ASSERT_TRUE(rules.count("192.168.198.149"));
  EXPECT_TRUE(rules.at("192.168.198.149").count("brute_force.burst"));
  EXPECT_FALSE(rules.at("192.168.198.149").count("single_source_spray.breadth"));
}

TEST_P(WindowsDataset, KerberosSprayUnknownUsersBadPasswordsAndTheSuccess) {
  const auto read = Load("evtx-attack-samples/kerberos_pwd_spray_4771");
  if (!read) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(read->Accounts(Outcome::kFailure, Reason::kUnknownUser),
            Lower({"HD01", "admin", "svc-02", "HD02", "svc-01", "bob", "admin02"}));
  EXPECT_EQ(read->Accounts(Outcome::kFailure, Reason::kBadPassword),
            Lower({"Administrator", "backdoor"}));
  EXPECT_EQ(read->Accounts(Outcome::kSuccess, Reason::kNone), Lower({"normal"}));
  EXPECT_EQ(read->Count(Outcome::kSuccess, Reason::kNone), 2u);  // one as ::ffff:172.16.66.1
  EXPECT_EQ(read->Sources(), (std::set<std::string>{"172.16.66.1"}));
  const auto rules = Scan(File("evtx-attack-samples/kerberos_pwd_spray_4771"));
  ASSERT_TRUE(rules.count("172.16.66.1"));
  EXPECT_TRUE(rules.at("172.16.66.1").count("single_source_spray.breadth"));
}

TEST_P(WindowsDataset, EvtxToMitreKerberosUsernameGuessing) {
  const auto read = Load("evtx-to-mitre/ID4768-4771-Kerberos_brutforce_with_non_existing_users");
  if (!read) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kUnknownUser), 46u);
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kDisabled), 1u);     // 0x12
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kBadPassword), 2u);  // 4771 0x18
  // Ground truth: three 4768 0x0. admin-test's had PreAuthType 0 (no pre-authentication, an
  // AS-REP roastable account): no secret was checked, so it is not a login.
  EXPECT_EQ(read->Accounts(Outcome::kSuccess, Reason::kNone),
            Lower({"admmig", "HealthMailboxf49e2c8"}));
  const auto rules =
      Scan(File("evtx-to-mitre/ID4768-4771-Kerberos_brutforce_with_non_existing_users"));
  ASSERT_TRUE(rules.count("10.23.123.11"));
  EXPECT_TRUE(rules.at("10.23.123.11").count("single_source_spray.breadth"));
  EXPECT_FALSE(rules.count("10.23.42.16"));  // the unrelated background success
}

TEST_P(WindowsDataset, EvtxToMitreKerberosBruteForceOnOneAccount) {
  const auto read = Load("evtx-to-mitre/ID4771-Kerberos_brutforce_with_valid_user");
  if (!read) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kBadPassword), 54u);
  EXPECT_EQ(read->Accounts(Outcome::kFailure, Reason::kBadPassword), Lower({"admin-hacker"}));
  EXPECT_EQ(read->Sources(), (std::set<std::string>{"10.23.123.11"}));
  const auto rules = Scan(File("evtx-to-mitre/ID4771-Kerberos_brutforce_with_valid_user"));
  ASSERT_TRUE(rules.count("10.23.123.11"));
  EXPECT_TRUE(rules.at("10.23.123.11").count("brute_force.burst"));
  EXPECT_FALSE(rules.at("10.23.123.11").count("single_source_spray.breadth"));
}

TEST_P(WindowsDataset, EvtxToMitreLocalBruteForce) {
  const auto read = Load("evtx-to-mitre/ID_4776_4625-AccountRestore_local_bruteforce");
  if (!read) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kBadPassword), 16u);
  EXPECT_EQ(read->PerAccount(),
            (std::map<std::string, size_t>{{"admin", 8}, {"administrator", 8}}));
  EXPECT_EQ(read->Sources(), (std::set<std::string>{"WIN"}));
  const auto rules = Scan(File("evtx-to-mitre/ID_4776_4625-AccountRestore_local_bruteforce"));
  ASSERT_TRUE(rules.count("WIN"));
  EXPECT_TRUE(rules.at("WIN").count("brute_force.burst"));
}

// Win32-OpenSSH: the Security log sees LogonUser on the server itself (LogonType 8, IpAddress
// "-"), so the source is the server's own name; the attacker's address is only in the
// OpenSSH/Operational log.
TEST_P(WindowsDataset, EvtxToMitreOpenSshBruteForceSeenFromTheServer) {
  const auto unknown = Load("evtx-to-mitre/ID4625-OpenSSH_brutforce_with_non_existing_users");
  if (!unknown) GTEST_SKIP() << "no " << GetParam() << " rendering";
  // 5 guesses, each logged as 4625 and 4776 on fs01: counted once.
  EXPECT_EQ(unknown->Count(Outcome::kFailure, Reason::kUnknownUser), 5u);
  EXPECT_EQ(unknown->events.size(), 5u);
  EXPECT_EQ(unknown->Sources(), (std::set<std::string>{"FS01"}));
  const auto valid = Load("evtx-to-mitre/ID4625-OpenSSH_brutforce_with_valid_users");
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid->Count(Outcome::kFailure, Reason::kBadPassword), 5u);
  EXPECT_EQ(valid->Accounts(Outcome::kFailure, Reason::kBadPassword), Lower({"admmig"}));
  const auto rules = Scan(File("evtx-to-mitre/ID4625-OpenSSH_brutforce_with_non_existing_users"));
  ASSERT_TRUE(rules.count("FS01"));
  EXPECT_TRUE(rules.at("FS01").count("brute_force.burst"));
}

// The same two attacks in Win32-OpenSSH's own log (OpenSSH/Operational event 4, formats.md 1.7):
// sshd's messages name the attacker, so the guesses are his, one attempt per guess.
TEST_P(WindowsDataset, EvtxToMitreOpenSshOperationalLogNamesTheAttacker) {
  const auto unknown =
      Load("evtx-to-mitre/ID4-OpenSSH_brutforce_with_non_existing_users_sshd_logs_");
  if (!unknown) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(unknown->diagnostics.Total(), 0u);
  // "Invalid user hacker" then 5 x "Failed password for invalid user hacker": 5 guesses, the
  // Security log's 5 x 4625; the closing "Too many authentication failures" adds none.
  EXPECT_EQ(unknown->Count(Outcome::kFailure, Reason::kUnknownUser), 5u);
  EXPECT_EQ(unknown->events.size(), 5u);
  EXPECT_EQ(unknown->Sources(), (std::set<std::string>{"10.23.23.9"}));
  EXPECT_EQ(unknown->PerAccount(), (std::map<std::string, size_t>{{"hacker", 5}}));
  const auto valid = Load("evtx-to-mitre/ID4-OpenSSH_brutforce_with_valid_users");
  ASSERT_TRUE(valid);
  // 5 wrong passwords (the Security log's 5 x 4625 SubStatus 0xc000006a), and one earlier
  // connection closed while authenticating, which sshd's rules count as an abandoned guess.
  EXPECT_EQ(valid->Count(Outcome::kFailure, Reason::kBadPassword), 5u);
  EXPECT_EQ(valid->events.size(), 6u);
  EXPECT_EQ(valid->Sources(), (std::set<std::string>{"10.23.23.9"}));
  for (const AuthEvent& e : valid->events) EXPECT_EQ(valid->S(e.target_host), "fs01.offsec.lan");
  const auto rules = Scan(File("evtx-to-mitre/ID4-OpenSSH_brutforce_with_valid_users"));
  ASSERT_TRUE(rules.count("10.23.23.9"));
  EXPECT_TRUE(rules.at("10.23.23.9").count("brute_force.burst"));
}

TEST_P(WindowsDataset, EvtxToMitreRdpAccountRestriction) {
  const auto read = Load("evtx-to-mitre/ID4625-failed_login_account_restriction");
  if (!read) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kDisabled), 2u);  // 0xC000006E, SubStatus 0
  EXPECT_EQ(read->Sources(), (std::set<std::string>{"10.23.23.9"}));
}

TEST_P(WindowsDataset, BenignTypoThenLoginStaysQuiet) {
  const auto read = Load("evtx-attack-samples/CA_4624_4625_LogonType2_LogonProc_chrome");
  if (!read) GTEST_SKIP() << "no " << GetParam() << " rendering";
  EXPECT_EQ(read->Count(Outcome::kFailure, Reason::kBadPassword), 1u);
  EXPECT_EQ(read->Count(Outcome::kSuccess, Reason::kNone), 2u);  // SYSTEM's service logon ignored
  EXPECT_TRUE(Scan(File("evtx-attack-samples/CA_4624_4625_LogonType2_LogonProc_chrome")).empty());
}

// The same events from both renderings: the original EVTX and its JSON lines.
INSTANTIATE_TEST_SUITE_P(Renderings, WindowsDataset, ::testing::Values(".jsonl", ".evtx"),
                         [](const auto& rendering) { return rendering.param.substr(1); });

// CrowdSec's Windows fixture: 6 x 4625 (unknown user asdfasdf) from 192.168.9.212 in 6 s, one
// event XML per line; the hub's scenario test expects a ban of that address.
TEST(WindowsDatasetXml, CrowdSecWindowsBruteForce) {
  const fs::path path = testing::DatasetsDir() / "crowdsec-hub-tests" / "windows-bf.log";
  if (!fs::exists(path)) GTEST_SKIP() << "no " << path;
  Read read;
  ReadLines(path, &read);
  EXPECT_EQ(read.Count(Outcome::kFailure, Reason::kUnknownUser), 6u);
  EXPECT_EQ(read.events.size(), 6u);
  EXPECT_EQ(read.Sources(), (std::set<std::string>{"192.168.9.212"}));
  EXPECT_EQ(read.diagnostics.Total(), 0u);
  const auto rules = Scan(path);
  ASSERT_TRUE(rules.count("192.168.9.212"));
  EXPECT_TRUE(rules.at("192.168.9.212").count("brute_force.burst"));
}

}  // namespace
}  // namespace spraytrace
