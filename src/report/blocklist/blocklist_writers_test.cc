// Each blocklist format is parsed back and must hold exactly the decided entries, with their
// remaining lifetimes. (The consuming tools themselves check the files in tests/cli_test.cc.)
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <sstream>

#include "report/blocklist/blocklist_decision.h"
#include "report/blocklist/blocklist_format.h"
#include "report/blocklist/crowdsec_writer.h"
#include "report/blocklist/ipset_writer.h"

namespace spraytrace::report {
namespace {

using detect::Finding;

constexpr Timestamp kT0 = 1'790'000'000LL * kMicrosPerSecond;
constexpr int64_t kWeek = 7 * 86400;

Finding Spray(std::vector<std::string> ips, Timestamp end, std::string campaign = "") {
  Finding f;
  f.rule = detect::Rule::kDistributedSpray;
  f.rule_id = "distributed_spray.collective";
  f.confidence = 0.9;
  f.severity = 3;
  f.start = end - kMicrosPerHour;
  f.end = end;
  f.triggered = f.start;
  f.campaign = std::move(campaign);
  for (const std::string& ip : ips) f.related_ips.push_back(*IpAddress::Parse(ip));
  return f;
}

// 203.0.113.4-7 (merge to a /30), 203.0.113.9 a day older, two adjacent IPv6 /64s.
Blocklist Sample() {
  return DecideBlocklist({Spray({"203.0.113.4", "203.0.113.5", "203.0.113.6", "203.0.113.7",
                                 "2001:db8::1", "2001:db8:0:1::1"},
                                kT0, "distributed-2026-09-21T00:00:00Z"),
                          Spray({"203.0.113.9"}, kT0 - 86'400 * kMicrosPerSecond)},
                         BlocklistPolicy());
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Lines that are not comments.
std::vector<std::string> Body(const std::string& text) {
  std::vector<std::string> body;
  for (const std::string& line : Lines(text)) {
    if (!line.empty() && line[0] != '#') body.push_back(line);
  }
  return body;
}

using Strings = std::vector<std::string>;

TEST(BlocklistWriters, PlainListsEveryEntryAndCidrAggregates) {
  const BlocklistPolicy policy;
  const std::string plain = RenderBlocklist(Sample(), policy, BlocklistFormat::kPlain);
  EXPECT_EQ(Body(plain), (Strings{"203.0.113.4", "203.0.113.5", "203.0.113.6", "203.0.113.7",
                                  "203.0.113.9", "2001:db8::/64", "2001:db8:0:1::/64"}));
  for (const std::string& line : Body(plain)) {
    EXPECT_TRUE(IpNetwork::Parse(line).has_value()) << line;
  }
  EXPECT_EQ(Lines(plain)[0], "# spraytrace blocklist: 7 entries, as of 2026-09-21T14:13:20Z");
  EXPECT_NE(plain.find("# from 7 addresses attributed by 2 of 2 findings\n"), std::string::npos);

  const std::string cidr = RenderBlocklist(Sample(), policy, BlocklistFormat::kCidr);
  EXPECT_EQ(Body(cidr), (Strings{"203.0.113.4/30", "203.0.113.9", "2001:db8::/63"}));
  EXPECT_EQ(Lines(cidr)[0],
            "# spraytrace blocklist: 3 entries (aggregated from 7), as of 2026-09-21T14:13:20Z");
  EXPECT_EQ(RenderBlocklist(Sample(), policy, BlocklistFormat::kCidr), cidr) << "deterministic";
}

// Elements of each `add element inet TABLE SET { a timeout Ns, ... }` command, by TABLE/SET.
std::map<std::string, std::map<std::string, int64_t>> NftElements(const std::string& text) {
  std::map<std::string, std::map<std::string, int64_t>> sets;
  std::string current;
  for (const std::string& line : Body(text)) {
    std::istringstream words(line);
    std::string w1, w2, w3, table, set;
    words >> w1 >> w2;
    if (w1 == "add" && w2 == "element") {
      words >> w3 >> table >> set;
      current = table + "/" + set;
      sets[current];
      continue;
    }
    if (current.empty() || w1 == "}") {
      current.clear();
      continue;
    }
    std::string timeout = line.substr(line.find("timeout ") + 8);
    if (!timeout.empty() && timeout.back() == ',') timeout.pop_back();
    EXPECT_EQ(timeout.back(), 's') << line;
    sets[current][w1] = std::stoll(timeout.substr(0, timeout.size() - 1));
  }
  return sets;
}

TEST(BlocklistWriters, NftSetsHoldEachFamilyWithRemainingLifetimes) {
  const std::string nft = RenderBlocklist(Sample(), BlocklistPolicy(), BlocklistFormat::kNft);
  EXPECT_EQ(Lines(nft)[0], "#!/usr/sbin/nft -f");
  EXPECT_NE(nft.find("\nadd table inet spraytrace\n"
                     "add set inet spraytrace spraytrace_v4 { type ipv4_addr; flags interval, "
                     "timeout; }\n"
                     "flush set inet spraytrace spraytrace_v4\n"),
            std::string::npos)
      << nft;
  const auto sets = NftElements(nft);
  ASSERT_EQ(sets.size(), 2u) << nft;
  EXPECT_EQ(
      sets.at("spraytrace/spraytrace_v4"),
      (std::map<std::string, int64_t>{{"203.0.113.4/30", kWeek}, {"203.0.113.9", kWeek - 86400}}))
      << nft;
  EXPECT_EQ(sets.at("spraytrace/spraytrace_v6"),
            (std::map<std::string, int64_t>{{"2001:db8::/63", kWeek}}));

  BlocklistPolicy named;
  named.name = "edge";
  named.aggregate = false;
  const std::string plain_nft = RenderBlocklist(Sample(), named, BlocklistFormat::kNft);
  EXPECT_EQ(NftElements(plain_nft).at("edge/edge_v4").size(), 5u) << "aggregate = false";
}

TEST(BlocklistWriters, NftWithNoEntriesFlushesAndAddsNothing) {
  const std::string nft = RenderBlocklist(DecideBlocklist({}, BlocklistPolicy()), BlocklistPolicy(),
                                          BlocklistFormat::kNft);
  EXPECT_EQ(nft.find("add element"), std::string::npos) << "nft refuses an empty element list";
  EXPECT_NE(nft.find("flush set inet spraytrace spraytrace_v6\n"), std::string::npos);
}

TEST(BlocklistWriters, IpsetCreatesEachSetBeforeItsEntriesAndCapsTimeouts) {
  BlocklistPolicy policy;
  policy.ttl = 40 * kMicrosPerDay;  // past ipset's 24.8-day timeout limit
  const Blocklist list =
      DecideBlocklist({Spray({"203.0.113.9", "198.51.100.0", "2001:db8::1"}, kT0)}, policy);
  const std::vector<std::string> body =
      Body(RenderBlocklist(list, policy, BlocklistFormat::kIpset));
  EXPECT_EQ(
      body,
      (Strings{"create spraytrace_v4 hash:net family inet timeout 2147483 maxelem "
               "65536 -exist",
               "flush spraytrace_v4", "add spraytrace_v4 198.51.100.0 timeout 2147483 -exist",
               "add spraytrace_v4 203.0.113.9 timeout 2147483 -exist",
               "create spraytrace_v6 hash:net family inet6 timeout 2147483 maxelem "
               "65536 -exist",
               "flush spraytrace_v6", "add spraytrace_v6 2001:db8::/64 timeout 2147483 -exist"}));
  const std::string week = RenderBlocklist(Sample(), BlocklistPolicy(), BlocklistFormat::kIpset);
  EXPECT_NE(week.find("add spraytrace_v4 203.0.113.9 timeout 518400 -exist\n"), std::string::npos)
      << week;
  EXPECT_NE(week.find("create spraytrace_v4 hash:net family inet timeout 604800 "),
            std::string::npos);
}

TEST(BlocklistWriters, CrowdsecDecisionsAreTheJsonCscliImports) {
  const std::string json = RenderBlocklist(Sample(), BlocklistPolicy(), BlocklistFormat::kCrowdsec);
  simdjson::dom::parser parser;
  simdjson::dom::array decisions;
  ASSERT_EQ(parser.parse(json).get(decisions), simdjson::SUCCESS) << json;
  ASSERT_EQ(decisions.size(), 3u);
  std::vector<std::string> seen;
  for (simdjson::dom::element d : decisions) {
    simdjson::dom::object o;
    ASSERT_EQ(d.get(o), simdjson::SUCCESS);
    EXPECT_EQ(o.size(), 6u);
    const auto field = [&](const char* key) { return std::string(std::string_view(o[key])); };
    const std::string value = field("value");
    EXPECT_EQ(field("type"), "ban");
    EXPECT_EQ(field("origin"), "spraytrace");
    EXPECT_EQ(field("scope"), value.find('/') == std::string::npos ? "Ip" : "Range") << value;
    seen.push_back(value + " " + field("scope") + " " + field("duration") + " " + field("reason"));
  }
  EXPECT_EQ(seen, (Strings{"203.0.113.4/30 Range 168h0m0s spraytrace: distributed_spray.collective "
                           "campaign distributed-2026-09-21T00:00:00Z",
                           "203.0.113.9 Ip 144h0m0s spraytrace: distributed_spray.collective",
                           "2001:db8::/63 Range 168h0m0s spraytrace: "
                           "distributed_spray.collective campaign "
                           "distributed-2026-09-21T00:00:00Z"}));
  EXPECT_EQ(RenderCrowdsecDecisions(DecideBlocklist({}, BlocklistPolicy())), "[]\n");
}

TEST(BlocklistWriters, GoDurationsAndFormatNames) {
  EXPECT_EQ(GoDuration(604799), "167h59m59s");
  EXPECT_EQ(GoDuration(1), "0h0m1s");
  EXPECT_EQ(GoDuration(3600), "1h0m0s");
  EXPECT_EQ(*ParseBlocklistFormat("nft"), BlocklistFormat::kNft);
  EXPECT_EQ(ParseBlocklistFormat("pf").error().message(),
            "invalid blocklist format 'pf': must be one of plain, cidr, nft, ipset, crowdsec, "
            "stix");
  EXPECT_EQ(BlocklistFormatFromPath("/etc/nftables.d/spray.nft"), BlocklistFormat::kNft);
  EXPECT_EQ(BlocklistFormatFromPath("ban.json"), BlocklistFormat::kCrowdsec);
  EXPECT_EQ(BlocklistFormatFromPath("shared.stix.json"), BlocklistFormat::kStix);
  EXPECT_EQ(BlocklistFormatFromPath("shared.stix"), BlocklistFormat::kStix);
  EXPECT_EQ(*ParseBlocklistFormat("stix"), BlocklistFormat::kStix);
  EXPECT_EQ(BlocklistFormatFromPath("list.cidr"), BlocklistFormat::kCidr);
  EXPECT_EQ(BlocklistFormatFromPath("list.ipset"), BlocklistFormat::kIpset);
  EXPECT_EQ(BlocklistFormatFromPath("list.txt"), BlocklistFormat::kPlain);
  EXPECT_EQ(BlocklistFormatFromPath("blocklist"), std::nullopt);
}

}  // namespace
}  // namespace spraytrace::report
