// Blocklists end to end: a simulated CovertNetwork-1658-like campaign is scanned, and the files
// spraytrace writes are handed to the tools that consume them: `nft -c -f` (nftables' own
// check), `ipset restore` inside a private network namespace, and the JSON shape `cscli
// decisions import` reads. The `blocklist` subcommand must rebuild the same files from the
// saved findings.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "event/ip_network.h"
#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;

struct Ran {
  int exit_code = -1;
  std::string out;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a shell command, stdout and stderr together.
Ran Shell(const std::string& command, const fs::path& scratch) {
  const fs::path out = scratch / "shell.out";
  const int status = std::system((command + " >'" + out.string() + "' 2>&1 </dev/null").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(out)};
}

std::vector<std::string> Entries(const std::string& plain) {
  std::vector<std::string> entries;
  std::istringstream in(plain);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') entries.push_back(line);
  }
  return entries;
}

// One simulation and scan for the whole suite: the covert-network scenario of the brief.
class BlocklistCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    binary_ = new std::string(testing::SpraytraceBinary());
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("spraytrace_blocklist_test_" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    if (!fs::exists(*binary_)) return;
    const std::string b = "'" + *binary_ + "'";
    const std::string d = dir_->string();
    simulate_ = new Ran(Shell(b +
                                  " simulate --preset covert-network --days 3 --users 300 --seed 2 "
                                  "--out '" +
                                  d + "/sim'",
                              *dir_));
    scan_ = new Ran(Shell(b + " scan '" + d + "/sim/auth.log' --findings '" + d +
                              "/findings.jsonl' --no-summary --blocklist '" + d +
                              "/ban.txt' --blocklist '" + d + "/ban.cidr' --blocklist '" + d +
                              "/ban.nft' --blocklist '" + d + "/ban.ipset' --blocklist '" + d +
                              "/ban.json'",
                          *dir_));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete simulate_;
    delete scan_;
    delete dir_;
    delete binary_;
  }
  void SetUp() override {
    if (!fs::exists(*binary_)) GTEST_SKIP() << "spraytrace binary not built: " << *binary_;
    ASSERT_EQ(simulate_->exit_code, 0) << simulate_->out;
    ASSERT_EQ(scan_->exit_code, 1) << "findings expected: " << scan_->out;
  }
  static fs::path File(const std::string& name) { return *dir_ / name; }
  static Ran Spraytrace(const std::string& args) {
    return Shell("'" + *binary_ + "' " + args, *dir_);
  }

  static std::string* binary_;
  static fs::path* dir_;
  static Ran* simulate_;
  static Ran* scan_;
};

std::string* BlocklistCli::binary_ = nullptr;
fs::path* BlocklistCli::dir_ = nullptr;
Ran* BlocklistCli::simulate_ = nullptr;
Ran* BlocklistCli::scan_ = nullptr;

TEST_F(BlocklistCli, PlainListHoldsTheCampaignsAddressesAndCidrCoversTheSame) {
  const auto plain = Entries(ReadFile(File("ban.txt")));
  const auto cidr = Entries(ReadFile(File("ban.cidr")));
  ASSERT_GT(plain.size(), 500u) << "the covert campaign attributes hundreds of routers";
  EXPECT_LE(cidr.size(), plain.size());
  std::vector<IpNetwork> merged;
  for (const std::string& line : cidr) {
    auto n = IpNetwork::Parse(line);
    ASSERT_TRUE(n.has_value()) << line;
    merged.push_back(*n);
  }
  size_t v6 = 0;
  for (const std::string& line : plain) {
    auto n = IpNetwork::Parse(line);
    ASSERT_TRUE(n.has_value()) << line;
    EXPECT_EQ(n->prefix_len(), n->is_v4() ? 32 : 64) << "default scope: v4 address, v6 /64";
    v6 += !n->is_v4();
    EXPECT_TRUE(std::any_of(merged.begin(), merged.end(),
                            [&](const IpNetwork& m) { return m.Contains(*n); }))
        << line << " is missing from the aggregated list";
  }
  EXPECT_GT(v6, 0u) << "the scenario's IPv6 routers are listed as /64s";
}

TEST_F(BlocklistCli, NftablesAcceptsTheSetFile) {
  // nft -c parses and evaluates against the kernel without changing the ruleset. Inside a
  // private network namespace it cannot meet an existing table of the same name.
  const std::string in_namespace =
      Shell("unshare -n true", *dir_).exit_code == 0 ? "unshare -n " : "";
  const Ran probe =
      Shell(in_namespace + "sh -c 'echo add table inet spraytrace_probe | nft -c -f -'", *dir_);
  if (probe.exit_code != 0 && (probe.out.find("Operation not permitted") != std::string::npos ||
                               probe.out.find("Protocol not supported") != std::string::npos)) {
    GTEST_SKIP() << "the kernel refuses nftables here: " << probe.out;
  }
  ASSERT_EQ(probe.exit_code, 0) << "nft missing? run scripts/install-deps.sh: " << probe.out;
  const Ran check = Shell(in_namespace + "nft -c -f '" + File("ban.nft").string() + "'", *dir_);
  EXPECT_EQ(check.exit_code, 0) << check.out;

  // And the check is real: an overlapping element is refused.
  std::ofstream(File("overlap.nft"))
      << "add table inet t\nadd set inet t s { type ipv4_addr; flags interval; }\n"
         "add element inet t s { 10.0.0.0/8, 10.1.0.0/16 }\n";
  EXPECT_NE(
      Shell(in_namespace + "nft -c -f '" + File("overlap.nft").string() + "'", *dir_).exit_code, 0);
}

TEST_F(BlocklistCli, IpsetRestoresTheSetsInAPrivateNamespace) {
  if (Shell("unshare -n true", *dir_).exit_code != 0) {
    GTEST_SKIP() << "no private network namespace here (unshare -n refused): ipset is checked "
                    "by its parse-back unit test only";
  }
  const Ran restore = Shell(
      "unshare -n sh -c \"ipset restore -f '" + File("ban.ipset").string() + "' && ipset list -t\"",
      *dir_);
  if (restore.exit_code != 0 && restore.out.find("Kernel error") != std::string::npos) {
    GTEST_SKIP() << "the kernel refuses ipset here: " << restore.out;
  }
  ASSERT_EQ(restore.exit_code, 0) << "ipset missing? run scripts/install-deps.sh: " << restore.out;
  const auto plain = Entries(ReadFile(File("ban.txt")));
  size_t v4 = 0;
  for (const std::string& line : plain) v4 += line.find(':') == std::string::npos;
  // The ipset file holds the aggregated list (blocklist.aggregate); on this scenario nothing
  // merges, so it has as many entries as the plain list.
  const auto cidr = Entries(ReadFile(File("ban.cidr")));
  ASSERT_EQ(cidr.size(), plain.size());
  EXPECT_NE(restore.out.find("Name: spraytrace_v4"), std::string::npos) << restore.out;
  EXPECT_NE(restore.out.find("Number of entries: " + std::to_string(v4) + "\n"), std::string::npos)
      << restore.out;
  EXPECT_NE(restore.out.find("Number of entries: " + std::to_string(plain.size() - v4) + "\n"),
            std::string::npos)
      << restore.out;
}

TEST_F(BlocklistCli, CrowdsecDecisionsHaveTheImportShape) {
  simdjson::dom::parser parser;
  simdjson::dom::array decisions;
  const std::string json = ReadFile(File("ban.json"));
  ASSERT_EQ(parser.parse(json).get(decisions), simdjson::SUCCESS) << json.substr(0, 300);
  ASSERT_EQ(decisions.size(), Entries(ReadFile(File("ban.cidr"))).size());
  for (simdjson::dom::element d : decisions) {
    simdjson::dom::object o;
    ASSERT_EQ(d.get(o), simdjson::SUCCESS);
    std::string_view value, scope, type, duration, reason, origin;
    ASSERT_EQ(o["value"].get(value), simdjson::SUCCESS);
    ASSERT_EQ(o["scope"].get(scope), simdjson::SUCCESS);
    ASSERT_EQ(o["type"].get(type), simdjson::SUCCESS);
    ASSERT_EQ(o["duration"].get(duration), simdjson::SUCCESS);
    ASSERT_EQ(o["reason"].get(reason), simdjson::SUCCESS);
    ASSERT_EQ(o["origin"].get(origin), simdjson::SUCCESS);
    EXPECT_EQ(type, "ban");
    EXPECT_EQ(origin, "spraytrace");
    EXPECT_EQ(scope, value.find('/') == std::string_view::npos ? "Ip" : "Range") << value;
    EXPECT_TRUE(IpNetwork::Parse(value).has_value()) << value;
    // Go durations: hours, minutes, seconds; cscli has no day unit.
    size_t h = duration.find('h'), m = duration.find('m');
    EXPECT_TRUE(h != std::string_view::npos && m > h && duration.back() == 's') << duration;
    EXPECT_EQ(reason.rfind("spraytrace: ", 0), 0u) << reason;
  }
}

TEST_F(BlocklistCli, BlocklistCommandRebuildsTheSameFilesFromSavedFindings) {
  for (const char* name : {"ban.txt", "ban.cidr", "ban.nft", "ban.ipset", "ban.json"}) {
    const std::string again = std::string("again-") + name;
    const Ran r = Spraytrace("blocklist --findings '" + File("findings.jsonl").string() +
                             "' --out '" + File(again).string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(ReadFile(File(again)), ReadFile(File(name))) << name;
  }
  const Ran stdout_list = Spraytrace("blocklist --quiet --findings '" +
                                     File("findings.jsonl").string() + "' --format cidr");
  EXPECT_EQ(stdout_list.out, ReadFile(File("ban.cidr")));
}

TEST_F(BlocklistCli, PolicyChangesTheListAndMistakesAreUsageErrors) {
  const std::string findings = "--findings '" + File("findings.jsonl").string() + "'";
  Ran r = Spraytrace("blocklist --quiet " + findings +
                     " --set blocklist.scope_v4=24 --set blocklist.min_confidence=0.95");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Entries(r.out).empty()) << "no finding reaches 0.95:\n" << r.out.substr(0, 400);
  r = Spraytrace("blocklist --quiet " + findings + " --set blocklist.rules=compromise");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_LT(Entries(r.out).size(), 10u) << "only the compromising sources";
  EXPECT_GT(Entries(r.out).size(), 0u);
  r = Spraytrace("blocklist --quiet " + findings + " --as-of 2027-01-01T00:00:00Z");
  EXPECT_TRUE(Entries(r.out).empty()) << "every entry expired by then";

  r = Spraytrace("blocklist " + findings + " --format pf");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("invalid blocklist format 'pf'"), std::string::npos) << r.out;
  r = Spraytrace("blocklist " + findings + " --out '" + File("list.dat").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("cannot tell the blocklist format"), std::string::npos) << r.out;
  r = Spraytrace("blocklist " + findings + " --set blocklist.allow=10.1.2.3/8");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("invalid blocklist.allow '10.1.2.3/8'"), std::string::npos) << r.out;
  r = Spraytrace("blocklist " + findings + " --as-of yesterday");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("invalid --as-of 'yesterday'"), std::string::npos) << r.out;
  r = Spraytrace("scan '" + File("sim/auth.log").string() + "' --blocklist-format nft");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("--blocklist-format needs --blocklist FILE"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace spraytrace
