// Enrichment end to end, as a user runs it: `spraytrace simulate` writes the covert-network
// scenario (CovertNetwork-1658-like residential routers), the test writes an ip2asn file covering
// its address space and a threat-intel list, and `spraytrace scan` must name the campaign's ASNs
// and countries, with counts that match the campaign's own related.ip. Also: the [enrichment]
// config section with relative paths, MaxMind databases on the command line, and bad files.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>

#include "correlate/testing/mmdb_test_writer.h"
#include "event/ip_address.h"
#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;

// The AS plan of the generated ip2asn file: one AS per IPv4 /8 (except private and reserved
// space, left unrouted), one per residential IPv6 /32 the simulator draws from.
constexpr std::array<const char*, 12> kCountries = {"US", "DE", "BR", "JP", "FR", "GB",
                                                    "IN", "KR", "IT", "ES", "NL", "PL"};
constexpr std::array<const char*, 8> kIsp6 = {"2001:4ca0", "2a02:c7f", "2600:170c", "2601:8a00",
                                              "2a01:e0a0", "2409:10",  "2003:a",    "2a0a:100"};

bool Routed(int first_octet) {
  return first_octet != 0 && first_octet != 10 && first_octet != 127 && first_octet < 224;
}

struct AsPlan {
  uint32_t asn = 0;
  std::string country;
};

// What the file says for ip (asn 0: not in it): the independent answer the scan must match.
AsPlan PlanFor(const IpAddress& ip) {
  if (ip.is_v4()) {
    const int first = static_cast<int>(ip.v4() >> 24);
    if (!Routed(first)) return {};
    return {65000u + static_cast<uint32_t>(first), kCountries[first % kCountries.size()]};
  }
  const auto& b = ip.bytes();
  for (size_t i = 0; i < kIsp6.size(); ++i) {
    const IpAddress prefix = *IpAddress::Parse(std::string(kIsp6[i]) + "::");
    if (std::equal(b.begin(), b.begin() + 4, prefix.bytes().begin())) {
      return {64600u + static_cast<uint32_t>(i), kCountries[i]};
    }
  }
  return {};
}

std::string Ip2asnText() {
  std::string text;
  for (int o = 0; o < 256; ++o) {
    if (!Routed(o)) {
      text += std::to_string(o) + ".0.0.0\t" + std::to_string(o) +
              ".255.255.255\t0\tNone\tNot routed\n";
      continue;
    }
    text += std::to_string(o) + ".0.0.0\t" + std::to_string(o) + ".255.255.255\t" +
            std::to_string(65000 + o) + "\t" + kCountries[o % kCountries.size()] + "\tSIM-ISP-" +
            std::to_string(o) + " Residential Broadband\n";
  }
  for (size_t i = 0; i < kIsp6.size(); ++i) {
    text += std::string(kIsp6[i]) + "::\t" + kIsp6[i] + ":ffff:ffff:ffff:ffff:ffff:ffff\t" +
            std::to_string(64600 + i) + "\t" + kCountries[i] + "\tSIM-V6-" + std::to_string(i) +
            "\n";
  }
  return text;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class EnrichmentEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = testing::SpraytraceBinary();
    if (!fs::exists(binary_)) GTEST_SKIP() << "spraytrace binary not built: " << binary_;
    dir_ = fs::temp_directory_path() /
           ("spraytrace_enrichment_e2e_" + std::to_string(::getpid()) + "_" +
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
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // Simulates the covert-network scenario into dir_/sim and returns the log's path.
  std::string Simulate() {
    const std::string sim = (dir_ / "sim").string();
    std::string err;
    EXPECT_EQ(
        Run("simulate --preset covert-network --days 3 --users 300 --seed 2 --out '" + sim + "'",
            &err),
        0)
        << err;
    return sim + "/auth.log";
  }

  std::string binary_;
  fs::path dir_;
};

struct Counted {
  std::map<uint32_t, uint64_t> asns;
  std::map<std::string, uint64_t> countries;
  uint64_t known_bad = 0;
};

TEST_F(EnrichmentEndToEnd, CovertCampaignNamesItsAsnsAndCountries) {
  const std::string log = Simulate();
  const std::string ip2asn = Write("ip2asn-combined.tsv", Ip2asnText());
  // Known-bad: all of 87.0.0.0/8 and 89.0.0.0/8 (blocks the simulated routers are drawn from)
  // and one address no one uses.
  const std::string intel =
      Write("quad7.txt", "# honeypot\n87.0.0.0/8\n89.0.0.0/8  # second block\n203.0.113.99\n");
  const std::string findings = (dir_ / "findings.jsonl").string();
  std::string err;
  ASSERT_EQ(Run("scan '" + log + "' --ip2asn '" + ip2asn + "' --intel '" + intel +
                    "' --findings '" + findings + "'",
                &err),
            1)
      << err;

  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  const simdjson::padded_string text(ReadFile(findings));
  ASSERT_EQ(parser.parse_many(text).get(stream), simdjson::SUCCESS);
  int campaigns = 0;
  int single_source = 0;
  uint64_t total_known_bad = 0;
  for (auto doc_result : stream) {
    simdjson::dom::element doc;
    ASSERT_EQ(doc_result.get(doc), simdjson::SUCCESS);
    const std::string_view rule = doc["rule"]["name"];
    // Findings about one source carry its AS and country in ECS names.
    simdjson::dom::element source;
    if (doc["source"]["ip"].get(source) == simdjson::SUCCESS) {
      const AsPlan plan = PlanFor(*IpAddress::Parse(std::string_view(source)));
      if (plan.asn != 0) {
        ++single_source;
        EXPECT_EQ(uint64_t(doc["source"]["as"]["number"]), plan.asn);
        EXPECT_EQ(std::string_view(doc["source"]["geo"]["country_iso_code"]), plan.country);
      }
    }
    if (rule != "distributed_spray") continue;
    ++campaigns;
    // Count the campaign's related.ip by the plan, independently of spraytrace.
    Counted want;
    uint64_t addresses = 0;
    for (std::string_view ip_text : doc["related"]["ip"].get_array()) {
      const IpAddress ip = *IpAddress::Parse(ip_text);
      ++addresses;
      const AsPlan plan = PlanFor(ip);
      if (plan.asn == 0) continue;
      ++want.asns[plan.asn];
      ++want.countries[plan.country];
      if (ip.is_v4() && ((ip.v4() >> 24) == 87 || (ip.v4() >> 24) == 89)) ++want.known_bad;
    }
    const auto sources = doc["spraytrace"]["sources"];
    ASSERT_EQ(uint64_t(sources["looked_up"]), addresses);
    EXPECT_GT(addresses, 100u);  // a campaign of many routers
    EXPECT_EQ(uint64_t(sources["asn_count"]), want.asns.size());
    EXPECT_EQ(uint64_t(sources["country_count"]), want.countries.size());
    EXPECT_EQ(uint64_t(sources["known_bad"]), want.known_bad);
    total_known_bad += want.known_bad;
    // The top lists: each named ASN with its true count, most first, and nothing bigger left out.
    const auto asns = sources["asns"].get_array();
    ASSERT_GT(asns.size(), 0u);
    uint64_t previous = UINT64_MAX;
    uint64_t smallest_listed = UINT64_MAX;
    for (simdjson::dom::element row : asns) {
      const auto asn = static_cast<uint32_t>(uint64_t(row["number"]));
      const uint64_t count = row["count"];
      EXPECT_EQ(count, want.asns[asn]) << "AS" << asn;
      EXPECT_LE(count, previous);
      previous = smallest_listed = count;
      if (asn < 65000) continue;  // the IPv6 ASes have no IPv4 name
      EXPECT_EQ(std::string_view(row["organization"]),
                "SIM-ISP-" + std::to_string(asn - 65000) + " Residential Broadband");
    }
    uint64_t larger_unlisted = 0;
    for (const auto& [asn, count] : want.asns) {
      bool listed = false;
      for (simdjson::dom::element row : asns) listed = listed || uint64_t(row["number"]) == asn;
      if (!listed && count > smallest_listed) ++larger_unlisted;
    }
    EXPECT_EQ(larger_unlisted, 0u);
    for (simdjson::dom::element row : sources["countries"].get_array()) {
      const std::string code{std::string_view(row["iso_code"])};
      EXPECT_EQ(uint64_t(row["count"]), want.countries[code]) << code;
    }
  }
  EXPECT_GE(campaigns, 1);
  EXPECT_GT(total_known_bad, 0u);
  EXPECT_GE(single_source, 1);  // the campaign's compromises
}

TEST_F(EnrichmentEndToEnd, ConfigSectionWithRelativePathsAndTheSummaryShowsAsns) {
  const std::string log = Simulate();
  Write("conf/data/ip2asn.tsv", Ip2asnText());
  Write("conf/lists/quad7.txt", "87.0.0.0/8\n");
  const std::string config = Write("conf/spraytrace.toml",
                                   "[enrichment]\n"
                                   "ip2asn = \"data/ip2asn.tsv\"\n"
                                   "intel = [\"lists/quad7.txt\"]\n");
  std::string err;
  ASSERT_EQ(Run("scan '" + log + "' --config '" + config + "' --findings - --summary", &err), 1)
      << err;
  // The summary (on stderr when findings go to stdout) lists what was loaded and names each top
  // source's AS.
  EXPECT_NE(err.find("Enrichment --ip2asn"), std::string::npos) << err;
  EXPECT_NE(err.find("--intel"), std::string::npos) << err;
  EXPECT_NE(err.find("SIM-ISP-"), std::string::npos) << err;
  EXPECT_NE(err.find(" ASNs ("), std::string::npos) << err;  // the campaign's line
  const std::string out = ReadFile(dir_ / "stdout");
  EXPECT_NE(out.find("\"as\":{\"number\":"), std::string::npos);
}

TEST_F(EnrichmentEndToEnd, MaxMindDatabasesOnTheCommandLine) {
  const std::string log = Write("auth.log", [] {
    std::string text;
    for (int i = 0; i < 8; ++i) {
      text += "Nov  3 02:10:0" + std::to_string(i) + " web1 sshd[50" + std::to_string(i) +
              "]: Failed password for root from 192.0.2.45 port " + std::to_string(40000 + i) +
              " ssh2\n";
    }
    return text;
  }());
  using correlate::testing::MmdbTestWriter;
  MmdbTestWriter asn(6, "GeoLite2-ASN");
  asn.Insert(*correlate::ParseIpNetwork("192.0.2.0/24"),
             correlate::testing::AsnRecord(64496, "Example Hosting"));
  MmdbTestWriter geo(6, "GeoLite2-Country");
  geo.Insert(*correlate::ParseIpNetwork("192.0.0.0/16"), correlate::testing::CountryRecord("NL"));
  const std::string asn_db = Write("GeoLite2-ASN.mmdb", asn.Build());
  const std::string geo_db = Write("GeoLite2-Country.mmdb", geo.Build());
  std::string err;
  ASSERT_EQ(Run("scan '" + log + "' --year 2026 --asn-db '" + asn_db + "' --geo-db '" + geo_db +
                    "' --findings -",
                &err),
            1)
      << err;
  const std::string out = ReadFile(dir_ / "stdout");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out.substr(0, out.find('\n'))).get(doc), simdjson::SUCCESS) << out;
  EXPECT_EQ(uint64_t(doc["source"]["as"]["number"]), 64496u);
  EXPECT_EQ(std::string_view(doc["source"]["as"]["organization"]["name"]), "Example Hosting");
  EXPECT_EQ(std::string_view(doc["source"]["geo"]["country_iso_code"]), "NL");
  EXPECT_EQ(std::string_view(doc["rule"]["name"]), "brute_force");  // detection unchanged
}

TEST_F(EnrichmentEndToEnd, BadEnrichmentFilesStopTheScanOrAreCounted) {
  const std::string log = Write("auth.log",
                                "Nov  3 02:10:00 web1 sshd[500]: Failed password for root from "
                                "192.0.2.45 port 40000 ssh2\n");
  std::string err;
  const std::string broken = Write("GeoLite2-ASN.mmdb", "\xab\xcd\xefMaxMind.com garbage");
  EXPECT_EQ(Run("scan '" + log + "' --asn-db '" + broken + "'", &err), 2);
  EXPECT_NE(err.find("GeoLite2-ASN.mmdb"), std::string::npos) << err;
  EXPECT_EQ(Run("scan '" + log + "' --ip2asn '" + (dir_ / "missing.tsv").string() + "'", &err), 2);
  EXPECT_NE(err.find("missing.tsv"), std::string::npos) << err;

  // A bad line in an intel list: counted and cited with its line, the rest read.
  const std::string intel = Write("list.txt", "192.0.2.45\nnot-an-address\n");
  EXPECT_EQ(Run("scan '" + log + "' --intel '" + intel + "' --summary --findings -", &err), 0);
  EXPECT_NE(err.find("bad_enrichment_data"), std::string::npos) << err;
  EXPECT_NE(err.find("list.txt:2"), std::string::npos) << err;
}

}  // namespace
}  // namespace spraytrace
