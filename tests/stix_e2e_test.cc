// STIX 2.1 indicators end to end: the simulator's covert-network scenario (a CovertNetwork-1658-
// like campaign of residential routers) is scanned with --stix, the bundle is validated against a
// JSON schema written from the STIX 2.1 specification (tests/stix/stix21-bundle.schema.json, by
// python3-jsonschema), its content is checked against the findings and the blocklist policy, and
// a second organisation reads it back as threat intel (--intel) and sees every campaign source
// tagged known-bad.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "event/ip_network.h"
#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

struct Ran {
  int exit_code = -1;
  std::string out;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Ran Shell(const std::string& command, const fs::path& scratch) {
  const fs::path out = scratch / "shell.out";
  const int status = std::system((command + " >'" + out.string() + "' 2>&1 </dev/null").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(out)};
}

std::string Str(object o, std::string_view key) {
  std::string_view v;
  return o[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

class StixE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    binary_ = new std::string(testing::SpraytraceBinary());
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("spraytrace_stix_test_" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    if (!fs::exists(*binary_)) return;
    simulate_ = new Ran(
        Spraytrace("simulate --preset covert-network --days 3 --users 300 --seed 2 --out '" +
                   Path("sim") + "'"));
    scan_ = new Ran(Spraytrace("scan '" + Path("sim/auth.log") + "' --no-summary --findings '" +
                               Path("findings.jsonl") + "' --stix '" + Path("first.json") +
                               "' --blocklist '" + Path("ban.txt") + "'"));
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
  static std::string Path(const std::string& name) { return (*dir_ / name).string(); }
  static Ran Spraytrace(const std::string& args) {
    return Shell("'" + *binary_ + "' " + args, *dir_);
  }
  static Ran Validate(const std::string& bundle) {
    const fs::path stix = testing::SourceDir() / "tests" / "stix";
    return Shell("python3 '" + (stix / "validate.py").string() + "' '" +
                     (stix / "stix21-bundle.schema.json").string() + "' '" + bundle + "'",
                 *dir_);
  }

  static std::string* binary_;
  static fs::path* dir_;
  static Ran* simulate_;
  static Ran* scan_;
};

std::string* StixE2e::binary_ = nullptr;
fs::path* StixE2e::dir_ = nullptr;
Ran* StixE2e::simulate_ = nullptr;
Ran* StixE2e::scan_ = nullptr;

// The bundle's objects by type, parsed once per test.
struct Bundle {
  simdjson::dom::parser parser;
  std::string text;
  std::map<std::string, std::vector<object>> by_type;
  std::map<std::string, object> by_id;

  explicit Bundle(const std::string& path) : text(ReadFile(path)) {
    object root;
    EXPECT_EQ(parser.parse(text).get(root), simdjson::SUCCESS) << text.substr(0, 300);
    array objects;
    EXPECT_EQ(root["objects"].get(objects), simdjson::SUCCESS);
    for (element e : objects) {
      object o;
      EXPECT_EQ(e.get(o), simdjson::SUCCESS);
      by_type[Str(o, "type")].push_back(o);
      by_id[Str(o, "id")] = o;
    }
  }
};

// One finding line: what the policy selects it by and the addresses it attributes.
struct FindingLine {
  std::string rule;
  std::string campaign;
  double confidence = 0;
  int64_t severity = 0;
  std::vector<IpAddress> addresses;
};

std::vector<FindingLine> ReadFindings(const std::string& path) {
  std::vector<FindingLine> findings;
  std::istringstream lines(ReadFile(path));
  simdjson::dom::parser parser;
  for (std::string line; std::getline(lines, line);) {
    object o;
    EXPECT_EQ(parser.parse(line).get(o), simdjson::SUCCESS) << line;
    FindingLine f;
    f.rule = std::string(std::string_view(o["rule"]["name"]));
    std::string_view campaign;
    if (o["spraytrace"]["campaign"].get(campaign) == simdjson::SUCCESS) f.campaign = campaign;
    double confidence = 0;
    int64_t whole = 0;
    if (o["spraytrace"]["confidence"].get(confidence) == simdjson::SUCCESS) {
      f.confidence = confidence;
    } else if (o["spraytrace"]["confidence"].get(whole) == simdjson::SUCCESS) {
      f.confidence = static_cast<double>(whole);
    }
    EXPECT_EQ(o["event"]["severity"].get(f.severity), simdjson::SUCCESS);
    array ips;
    if (o["related"]["ip"].get(ips) == simdjson::SUCCESS) {
      for (element ip : ips) f.addresses.push_back(*IpAddress::Parse(std::string_view(ip)));
    }
    std::string_view source;
    if (o["source"]["ip"].get(source) == simdjson::SUCCESS) {
      f.addresses.push_back(*IpAddress::Parse(source));
    }
    findings.push_back(std::move(f));
  }
  return findings;
}

// The default [blocklist] policy, restated: rules, confidence >= 0.5, severity >= 2.
bool Selected(const FindingLine& f) {
  static const std::set<std::string> kRules = {"brute_force", "single_source_spray",
                                               "distributed_spray", "compromise"};
  return kRules.count(f.rule) > 0 && f.confidence >= 0.5 && f.severity >= 2;
}

IpNetwork IndicatorNetwork(object indicator) {
  const std::string pattern = Str(indicator, "pattern");
  const size_t open = pattern.find('\''), close = pattern.rfind('\'');
  EXPECT_NE(open, std::string::npos) << pattern;
  auto network = IpNetwork::Parse(pattern.substr(open + 1, close - open - 1));
  EXPECT_TRUE(network.has_value()) << pattern;
  const std::string path = network->is_v4() ? "[ipv4-addr:value " : "[ipv6-addr:value ";
  EXPECT_EQ(pattern.rfind(path + (network->is_host() ? "= '" : "ISSUBSET '"), 0), 0u) << pattern;
  return *network;
}

TEST_F(StixE2e, BundleIsValidAgainstTheStixSchemaAndTheCheckIsReal) {
  const Ran valid = Validate(Path("first.json"));
  ASSERT_NE(valid.exit_code, 2) << valid.out;
  if (valid.out.find("No module named 'jsonschema'") != std::string::npos) {
    FAIL() << "python3-jsonschema missing: run scripts/install-deps.sh";
  }
  EXPECT_EQ(valid.exit_code, 0) << valid.out;
  EXPECT_EQ(valid.out, "valid\n");

  // The schema refuses what STIX refuses: each broken copy must fail. Copies of a small bundle
  // (only the compromising sources: all four object types, a few indicators) keep this quick.
  const Ran small =
      Spraytrace("blocklist --quiet --findings '" + Path("findings.jsonl") +
                 "' --set blocklist.rules=compromise --stix '" + Path("small.json") + "'");
  ASSERT_EQ(small.exit_code, 0) << small.out;
  EXPECT_EQ(Validate(Path("small.json")).out, "valid\n");
  const std::string good = ReadFile(Path("small.json"));
  for (const char* type : {"identity", "campaign", "indicator", "relationship"}) {
    ASSERT_NE(good.find(std::string(R"({"type":")") + type + "\""), std::string::npos) << type;
  }
  const std::vector<std::pair<std::string, std::string>> breaks = {
      {R"("spec_version":"2.1")", R"("spec_version":"2.0")"},
      {R"("pattern_type":"stix",)", ""},
      {R"("name":"spraytrace campaign)", R"("title":"spraytrace campaign)"},
      {R"("created":")", R"("created":"2026-11-02 10:00:00Z","x_created":")"},
      {R"(.000Z")", R"(Z")"},
      {R"("confidence":)", R"("confidence":1)"},
      {R"("id":"indicator--)", R"("id":"indicator--x)"},
      {R"("relationship_type":"indicates",)", ""},
  };
  for (const auto& [from, to] : breaks) {
    const size_t at = good.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    std::string broken = good;
    broken.replace(at, from.size(), to);
    std::ofstream(Path("broken.json"), std::ios::binary) << broken;
    const Ran r = Validate(Path("broken.json"));
    EXPECT_EQ(r.exit_code, 1) << "schema accepted a bundle with " << from << " -> " << to << "\n"
                              << r.out;
  }
}

TEST_F(StixE2e, IndicatorsAreThePolicysAddressesAndIndicateTheCampaign) {
  Bundle bundle(Path("first.json"));
  const std::vector<FindingLine> findings = ReadFindings(Path("findings.jsonl"));
  std::vector<IpAddress> selected;
  std::set<std::string> campaigns;
  std::vector<IpAddress> campaign_sources;
  for (const FindingLine& f : findings) {
    if (!Selected(f)) continue;
    selected.insert(selected.end(), f.addresses.begin(), f.addresses.end());
    if (f.rule == "distributed_spray") {
      campaigns.insert(f.campaign);
      campaign_sources.insert(campaign_sources.end(), f.addresses.begin(), f.addresses.end());
    }
  }
  ASSERT_EQ(campaigns.size(), 1u) << "the scenario is one campaign";
  ASSERT_GT(campaign_sources.size(), 500u);

  ASSERT_EQ(bundle.by_type["identity"].size(), 1u);
  ASSERT_EQ(bundle.by_type["campaign"].size(), 1u);
  const object campaign = bundle.by_type["campaign"][0];
  EXPECT_EQ(Str(campaign, "name"), "spraytrace campaign " + *campaigns.begin());
  EXPECT_NE(Str(campaign, "description").find("addresses that never logged in"), std::string::npos)
      << Str(campaign, "description");
  EXPECT_LT(Str(campaign, "first_seen"), Str(campaign, "last_seen"));

  // Every indicator holds an address a selected finding attributes, and every such address is in
  // exactly one indicator (the default scope: the IPv4 address, the IPv6 /64).
  const auto& indicators = bundle.by_type["indicator"];
  std::vector<IpNetwork> networks;
  for (const object i : indicators) {
    const IpNetwork n = IndicatorNetwork(i);
    networks.push_back(n);
    EXPECT_TRUE(std::any_of(selected.begin(), selected.end(),
                            [&](const IpAddress& a) { return n.Contains(a); }))
        << n.ToString() << " is no selected finding's address";
    EXPECT_EQ(n.prefix_len(), n.is_v4() ? 32 : 64) << n.ToString();
    EXPECT_LT(Str(i, "valid_from"), Str(i, "valid_until")) << n.ToString();
    EXPECT_LE(Str(i, "created"), Str(i, "modified")) << n.ToString();
    EXPECT_EQ(Str(i, "created_by_ref"), Str(bundle.by_type["identity"][0], "id"));
  }
  for (const IpAddress& a : selected) {
    EXPECT_EQ(std::count_if(networks.begin(), networks.end(),
                            [&](const IpNetwork& n) { return n.Contains(a); }),
              1)
        << a.ToString();
  }
  // The same entries as the plain blocklist of the same run.
  std::istringstream plain(ReadFile(Path("ban.txt")));
  size_t entries = 0;
  for (std::string line; std::getline(plain, line);) entries += !line.empty() && line[0] != '#';
  EXPECT_EQ(indicators.size(), entries);

  // Each indicator holding a campaign source indicates the campaign.
  std::set<std::string> indicating;
  for (const object r : bundle.by_type["relationship"]) {
    EXPECT_EQ(Str(r, "relationship_type"), "indicates");
    EXPECT_EQ(Str(r, "target_ref"), Str(campaign, "id"));
    ASSERT_TRUE(bundle.by_id.count(Str(r, "source_ref")));
    indicating.insert(Str(r, "source_ref"));
  }
  for (size_t k = 0; k < indicators.size(); ++k) {
    const bool in_campaign =
        std::any_of(campaign_sources.begin(), campaign_sources.end(),
                    [&](const IpAddress& a) { return networks[k].Contains(a); });
    if (in_campaign) {
      EXPECT_TRUE(indicating.count(Str(indicators[k], "id"))) << networks[k].ToString();
    }
  }
  EXPECT_GE(indicating.size(), 500u);
}

TEST_F(StixE2e, IdsAndBytesAreStableAcrossRunsAndAsOfIsHonoured) {
  const Ran again = Spraytrace("scan '" + Path("sim/auth.log") + "' --no-summary --findings '" +
                               Path("again.jsonl") + "' --stix '" + Path("second.json") + "'");
  ASSERT_EQ(again.exit_code, 1) << again.out;
  EXPECT_EQ(ReadFile(Path("second.json")), ReadFile(Path("first.json"))) << "scan twice";
  const std::string findings = "--findings '" + Path("findings.jsonl") + "'";
  Ran r = Spraytrace("blocklist --quiet " + findings + " --format stix");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out, ReadFile(Path("first.json"))) << "from the saved findings";
  r = Spraytrace("blocklist --quiet " + findings + " --out '" + Path("third.stix.json") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(ReadFile(Path("third.stix.json")), ReadFile(Path("first.json"))) << ".stix.json";

  // Long after the last evidence every indicator has expired: identity alone, still valid.
  r = Spraytrace("blocklist " + findings + " --stix '" + Path("late.json") +
                 "' --as-of 2030-01-01T00:00:00Z");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("0 stix entries, 0 campaigns"), std::string::npos) << r.out;
  Bundle late(Path("late.json"));
  EXPECT_EQ(late.by_id.size(), 1u);
  EXPECT_EQ(Validate(Path("late.json")).exit_code, 0);
  r = Spraytrace("blocklist " + findings + " --format stix --as-of yesterday");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("invalid --as-of 'yesterday'"), std::string::npos) << r.out;
  r = Spraytrace("scan '" + Path("sim/auth.log") + "' --stix - --blocklist -");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("only one blocklist or STIX bundle can go to stdout"), std::string::npos)
      << r.out;
}

TEST_F(StixE2e, AnotherOrganisationReadsItAsIntelAndTagsEveryCampaignSource) {
  // The second organisation saw the same network: its scan of the same logs, with our bundle
  // as its threat-intel list.
  const Ran r = Spraytrace("scan '" + Path("sim/auth.log") + "' --no-summary --intel '" +
                           Path("first.json") + "' --findings '" + Path("enriched.jsonl") + "'");
  ASSERT_EQ(r.exit_code, 1) << r.out;
  std::istringstream lines(ReadFile(Path("enriched.jsonl")));
  simdjson::dom::parser parser;
  std::set<std::string> campaigns;
  size_t periods = 0, compromises = 0;
  for (std::string line; std::getline(lines, line);) {
    object o;
    ASSERT_EQ(parser.parse(line).get(o), simdjson::SUCCESS);
    const std::string_view rule = o["rule"]["name"];
    if (rule == "distributed_spray") {
      ++periods;  // a campaign is reported once per period, each with its own sources
      campaigns.insert(std::string(std::string_view(o["spraytrace"]["campaign"])));
      object sources;
      ASSERT_EQ(o["spraytrace"]["sources"].get(sources), simdjson::SUCCESS) << line.substr(0, 300);
      const uint64_t looked_up = sources["looked_up"];
      EXPECT_GT(looked_up, 200u);
      EXPECT_EQ(uint64_t(sources["known_bad"]), looked_up) << "every campaign source is listed";
    } else if (rule == "compromise") {
      ++compromises;
      array intel;
      ASSERT_EQ(o["spraytrace"]["intel"].get(intel), simdjson::SUCCESS) << line.substr(0, 300);
      ASSERT_EQ(intel.size(), 1u);
      EXPECT_EQ(std::string_view(intel.at(0)), "first:malicious-activity");
    }
  }
  EXPECT_EQ(campaigns.size(), 1u);
  EXPECT_GE(periods, 1u);
  EXPECT_GT(compromises, 0u);
}

}  // namespace
}  // namespace spraytrace
