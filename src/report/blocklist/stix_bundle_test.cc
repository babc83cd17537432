// The STIX 2.1 bundle (stix_bundle.h) is parsed back: its objects, their required properties and
// links, identifiers that depend on content only, and patterns our own intel reader reads as the
// entries the policy decided. (The e2e test validates a scan's bundle against the JSON schema.)
#include "report/blocklist/stix_bundle.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "common/diagnostics.h"
#include "correlate/intel_file.h"
#include "correlate/stix_pattern.h"
#include "report/blocklist/blocklist_decision.h"
#include "report/blocklist/blocklist_format.h"

namespace spraytrace::report {
namespace {

using detect::Finding;
using Strings = std::vector<std::string>;

constexpr Timestamp kT0 = 1'790'000'000LL * kMicrosPerSecond + 123'456;  // sub-second on purpose
constexpr const char* kCampaign = "distributed-2026-09-21T00:00:00Z";

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
  f.distinct_accounts = 280;
  f.related_users = {"alice.secret", "bob"};
  f.summary = "6 addresses that never logged in to the accounts they tried failed";
  for (const std::string& ip : ips) f.related_ips.push_back(*IpAddress::Parse(ip));
  return f;
}

Finding Compromise(const std::string& ip, Timestamp at, std::string campaign) {
  Finding f;
  f.rule = detect::Rule::kCompromise;
  f.rule_id = "compromise.distributed";
  f.confidence = 0.95;
  f.severity = 4;
  f.start = f.end = f.triggered = at;
  f.source_ip = *IpAddress::Parse(ip);
  f.user_name = "carol";
  f.campaign = std::move(campaign);
  f.summary = "carol logged in from " + ip;  // names an account: must not be shared
  return f;
}

std::vector<Finding> SampleFindings() {
  return {Spray({"203.0.113.4", "203.0.113.5", "203.0.113.6", "203.0.113.7", "2001:db8::1",
                 "2001:db8:0:1::1"},
                kT0, kCampaign),
          Compromise("203.0.113.5", kT0 - 10 * kMicrosPerMinute, kCampaign),
          Spray({"198.51.100.9"}, kT0 - kMicrosPerDay)};
}

std::string Bundle(const std::vector<Finding>& findings, const BlocklistPolicy& policy = {},
                   std::optional<Timestamp> as_of = std::nullopt) {
  return RenderBlocklist(DecideBlocklist(findings, policy, as_of), policy, BlocklistFormat::kStix);
}

struct Parsed {
  simdjson::dom::parser parser;
  simdjson::dom::object bundle;
  std::vector<simdjson::dom::object> objects;
  std::map<std::string, simdjson::dom::object> by_id;

  explicit Parsed(const std::string& text) {
    EXPECT_EQ(parser.parse(text).get(bundle), simdjson::SUCCESS) << text.substr(0, 400);
    simdjson::dom::array list;
    EXPECT_EQ(bundle["objects"].get(list), simdjson::SUCCESS);
    for (simdjson::dom::element e : list) {
      simdjson::dom::object o;
      EXPECT_EQ(e.get(o), simdjson::SUCCESS);
      objects.push_back(o);
      by_id[Str(o, "id")] = o;
    }
  }
  static std::string Str(simdjson::dom::object o, const char* key) {
    std::string_view v;
    return o[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
  }
  std::vector<simdjson::dom::object> OfType(std::string_view type) const {
    std::vector<simdjson::dom::object> out;
    for (auto o : objects) {
      if (Str(o, "type") == type) out.push_back(o);
    }
    return out;
  }
};

const std::regex kUuidV5Id(
    "^[a-z][a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
    "[0-9a-f]{12}$");
const std::regex kMillis("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");

TEST(StixBundle, HoldsIdentityCampaignIndicatorsAndTheirLinks) {
  const std::string text = Bundle(SampleFindings());
  Parsed p(text);
  EXPECT_EQ(Parsed::Str(p.bundle, "type"), "bundle");
  EXPECT_TRUE(std::regex_match(Parsed::Str(p.bundle, "id"), kUuidV5Id));
  EXPECT_EQ(Parsed::Str(p.bundle, "id").rfind("bundle--", 0), 0u);

  ASSERT_EQ(p.OfType("identity").size(), 1u);
  const auto identity = p.OfType("identity")[0];
  EXPECT_EQ(Parsed::Str(identity, "name"), "spraytrace");
  EXPECT_EQ(Parsed::Str(identity, "id"), SpraytraceIdentityId());

  ASSERT_EQ(p.OfType("campaign").size(), 1u);
  const auto campaign = p.OfType("campaign")[0];
  EXPECT_EQ(Parsed::Str(campaign, "name"), std::string("spraytrace campaign ") + kCampaign);
  EXPECT_EQ(Parsed::Str(campaign, "description"),
            "Password spraying seen by spraytrace from 2026-09-21T13:13:20.123456Z to "
            "2026-09-21T14:13:20.123456Z: 6 addresses against up to 280 accounts. 6 addresses "
            "that never logged in to the accounts they tried failed.")
      << "the campaign finding's message, not the compromise's";
  EXPECT_EQ(Parsed::Str(campaign, "first_seen"),
            FormatStixTime(kT0 - kMicrosPerHour));  // the spray starts before the login
  EXPECT_EQ(Parsed::Str(campaign, "last_seen"), "2026-09-21T14:13:20.124Z") << "rounded up";

  // Aggregated (blocklist.aggregate): 203.0.113.4/30, 198.51.100.9, 2001:db8::/63.
  std::vector<std::string> values;
  for (const auto& i : p.OfType("indicator")) {
    std::vector<std::string> v;
    ASSERT_EQ(correlate::ParseStixAddressPattern(Parsed::Str(i, "pattern"), &v),
              correlate::StixPatternKind::kAddresses);
    ASSERT_EQ(v.size(), 1u);
    values.push_back(v[0]);
    EXPECT_EQ(Parsed::Str(i, "pattern_type"), "stix");
    EXPECT_EQ(Parsed::Str(i, "created_by_ref"), SpraytraceIdentityId());
    EXPECT_LT(Parsed::Str(i, "valid_from"), Parsed::Str(i, "valid_until"));
    simdjson::dom::array types;
    ASSERT_EQ(i["indicator_types"].get(types), simdjson::SUCCESS);
    EXPECT_EQ(std::string_view(types.at(0)), "malicious-activity");
  }
  EXPECT_EQ(values, (Strings{"198.51.100.9", "203.0.113.4/30", "2001:db8::/63"}));

  // Each campaign indicator indicates the campaign; the lone address indicates nothing.
  std::set<std::string> indicating;
  for (const auto& r : p.OfType("relationship")) {
    EXPECT_EQ(Parsed::Str(r, "relationship_type"), "indicates");
    EXPECT_EQ(Parsed::Str(r, "target_ref"), Parsed::Str(campaign, "id"));
    const std::string source = Parsed::Str(r, "source_ref");
    ASSERT_TRUE(p.by_id.count(source)) << source;
    EXPECT_EQ(Parsed::Str(p.by_id.at(source), "type"), "indicator");
    indicating.insert(Parsed::Str(p.by_id.at(source), "pattern"));
  }
  EXPECT_EQ(indicating, (std::set<std::string>{"[ipv4-addr:value ISSUBSET '203.0.113.4/30']",
                                               "[ipv6-addr:value ISSUBSET '2001:db8::/63']"}));

  for (const auto& o : p.objects) {
    const std::string id = Parsed::Str(o, "id");
    EXPECT_TRUE(std::regex_match(id, kUuidV5Id)) << id;
    EXPECT_EQ(id.substr(0, id.find("--")), Parsed::Str(o, "type"));
    EXPECT_EQ(Parsed::Str(o, "spec_version"), "2.1") << id;
    EXPECT_TRUE(std::regex_match(Parsed::Str(o, "created"), kMillis)) << id;
    EXPECT_TRUE(std::regex_match(Parsed::Str(o, "modified"), kMillis)) << id;
    EXPECT_LE(Parsed::Str(o, "created"), Parsed::Str(o, "modified")) << id;
  }
}

TEST(StixBundle, IndicatorsSayWhyAndWhenWithoutNamingAccounts) {
  const std::string text = Bundle(SampleFindings());
  EXPECT_EQ(text.find("alice.secret"), std::string::npos) << "account names stay home";
  EXPECT_EQ(text.find("carol"), std::string::npos) << "the compromise's message names one";
  Parsed p(text);
  const auto network = std::find_if(p.objects.begin(), p.objects.end(), [](auto o) {
    return Parsed::Str(o, "pattern") == "[ipv4-addr:value ISSUBSET '203.0.113.4/30']";
  });
  ASSERT_NE(network, p.objects.end());
  const std::string description = Parsed::Str(*network, "description");
  for (const char* part : {"203.0.113.4/30 held 4 addresses that took part",
                           "rule compromise.distributed, distributed_spray.collective",
                           "campaign distributed-2026-09-21T00:00:00Z", "up to 280 accounts",
                           "valid 7d after the last evidence"}) {
    EXPECT_NE(description.find(part), std::string::npos) << part << " in " << description;
  }
  int64_t confidence = 0;
  ASSERT_EQ((*network)["confidence"].get(confidence), simdjson::SUCCESS);
  EXPECT_EQ(confidence, 95) << "the highest of its findings, 0..100";
  simdjson::dom::array labels;
  ASSERT_EQ((*network)["labels"].get(labels), simdjson::SUCCESS);
  EXPECT_EQ(labels.size(), 2u);
  // valid_from: first evidence cut to the millisecond; valid_until: last evidence + 7 d, up.
  EXPECT_EQ(Parsed::Str(*network, "valid_from"), FormatStixTime(kT0 - kMicrosPerHour));
  EXPECT_EQ(Parsed::Str(*network, "valid_until"), "2026-09-28T14:13:20.124Z");
}

TEST(StixBundle, SameFindingsGiveTheSameBytesInAnyOrderAndAsOfOnlyDropsExpired) {
  std::vector<Finding> findings = SampleFindings();
  const std::string first = Bundle(findings);
  std::reverse(findings.begin(), findings.end());
  EXPECT_EQ(Bundle(findings), first);
  // Later, before anything expires: the very same bundle (no wall clock in it).
  EXPECT_EQ(Bundle(findings, {}, kT0 + 2 * kMicrosPerDay), first);
  // After the lone address expired (its last evidence is a day older): it is gone, every other
  // object keeps its id.
  Parsed before(first);
  const std::string later = Bundle(findings, {}, kT0 + 6 * kMicrosPerDay + kMicrosPerHour);
  Parsed after(later);
  EXPECT_EQ(after.OfType("indicator").size(), 2u);
  for (const auto& [id, o] : after.by_id) {
    EXPECT_TRUE(before.by_id.count(id)) << id << " is new";
  }
  EXPECT_NE(Parsed::Str(after.bundle, "id"), Parsed::Str(before.bundle, "id"))
      << "other contents, other bundle id";

  // More evidence for the same campaign: same campaign id, a later modified (a new version).
  findings.push_back(Spray({"203.0.113.5"}, kT0 + kMicrosPerHour, kCampaign));
  Parsed grown(Bundle(findings));
  const auto c0 = before.OfType("campaign")[0];
  const auto c1 = grown.OfType("campaign")[0];
  EXPECT_EQ(Parsed::Str(c1, "id"), Parsed::Str(c0, "id"));
  const std::string periods = Parsed::Str(c1, "description");
  EXPECT_NE(periods.find(": 6 addresses against up to 280 accounts. Period 1: 6 addresses"),
            std::string::npos)
      << periods;
  EXPECT_NE(periods.find(". Period 2: "), std::string::npos) << periods;
  EXPECT_EQ(Parsed::Str(c1, "created"), Parsed::Str(c0, "created"));
  EXPECT_GT(Parsed::Str(c1, "modified"), Parsed::Str(c0, "modified"));
}

TEST(StixBundle, PolicyDecidesTheIndicatorsAsForTheFirewallLists) {
  BlocklistPolicy wide;
  wide.scope_v4 = 24;
  wide.aggregate = false;
  Parsed p(Bundle(SampleFindings(), wide));
  std::set<std::string> patterns;
  for (const auto& i : p.OfType("indicator")) patterns.insert(Parsed::Str(i, "pattern"));
  EXPECT_EQ(patterns, (std::set<std::string>{"[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
                                             "[ipv4-addr:value ISSUBSET '203.0.113.0/24']",
                                             "[ipv6-addr:value ISSUBSET '2001:db8::/64']",
                                             "[ipv6-addr:value ISSUBSET '2001:db8:0:1::/64']"}));
  BlocklistPolicy strict;
  strict.rules = {"compromise"};
  Parsed c(Bundle(SampleFindings(), strict));
  ASSERT_EQ(c.OfType("indicator").size(), 1u);
  EXPECT_EQ(Parsed::Str(c.OfType("indicator")[0], "pattern"), "[ipv4-addr:value = '203.0.113.5']");
  ASSERT_EQ(c.OfType("campaign").size(), 1u) << "the login belongs to the campaign";
  EXPECT_EQ(Parsed::Str(c.OfType("campaign")[0], "id"),
            Parsed::Str(Parsed(Bundle(SampleFindings())).OfType("campaign")[0], "id"))
      << "the same campaign object under any policy";
  EXPECT_EQ(c.OfType("relationship").size(), 1u);
}

TEST(StixBundle, EmptyListIsABundleOfTheIdentityAlone) {
  Parsed p(Bundle({}));
  ASSERT_EQ(p.objects.size(), 1u);
  EXPECT_EQ(Parsed::Str(p.objects[0], "type"), "identity");
}

TEST(StixBundle, HostileCampaignTextStaysText) {
  Finding f = Spray({"203.0.113.4"}, kT0, "c\"1<script>alert(1)</script>\x01\xff");
  f.summary = "bad \xc3 \"quote\" \\ </script>";
  const std::string text = Bundle({f});
  EXPECT_EQ(text.find("<script>"), std::string::npos);
  EXPECT_EQ(text.find('\x01'), std::string::npos);
  Parsed p(text);
  ASSERT_EQ(p.OfType("campaign").size(), 1u);
  const std::string description = Parsed::Str(p.OfType("campaign")[0], "description");
  EXPECT_NE(description.find(" bad \xef\xbf\xbd \"quote\" \\ </script>."), std::string::npos)
      << description;
  EXPECT_EQ(p.OfType("relationship").size(), 1u);
}

TEST(StixBundle, OurIntelReaderTagsEveryListedAddress) {
  // The round trip between two organisations: one's bundle is the other's --intel list.
  const std::vector<Finding> findings = SampleFindings();
  const std::string text = Bundle(findings);
  correlate::IntelSet set;
  Diagnostics diagnostics;
  auto stats = correlate::LoadIntelText(text, "partner", &set, &diagnostics);
  ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
  EXPECT_EQ(stats->format, correlate::IntelFormat::kStix);
  EXPECT_EQ(stats->entries, 3u);
  EXPECT_EQ(stats->bad, 0u);
  std::vector<uint32_t> tags;
  for (const Finding& f : findings) {
    std::vector<IpAddress> addresses = f.related_ips;
    if (f.source_ip) addresses.push_back(*f.source_ip);
    for (const IpAddress& ip : addresses) {
      set.Match(ip, &tags);
      ASSERT_EQ(tags.size(), 1u) << ip.ToString();
      EXPECT_EQ(set.tag(tags[0]), "partner:malicious-activity");
    }
  }
  set.Match(*IpAddress::Parse("203.0.113.8"), &tags);
  EXPECT_TRUE(tags.empty()) << "just outside 203.0.113.4/30";
}

TEST(StixBundle, TimesHaveMillisecondsAlwaysAndCutTheRest) {
  EXPECT_EQ(FormatStixTime(ToTimestamp(CivilTime{2024, 2, 29, 23, 59, 59, 999999})),
            "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(FormatStixTime(ToTimestamp(CivilTime{2026, 11, 2, 10, 0, 1, 0})),
            "2026-11-02T10:00:01.000Z");
  EXPECT_EQ(FormatStixTime(ToTimestamp(CivilTime{2026, 11, 2, 10, 0, 1, 1500})),
            "2026-11-02T10:00:01.001Z");
  EXPECT_EQ(FormatStixTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatStixTime(-1), "1969-12-31T23:59:59.999Z") << "cut toward the past";
}

TEST(StixBundle, NamespaceIsTheDocumentedOne) {
  EXPECT_EQ(SpraytraceStixNamespace().ToString(), "2f555185-64a2-5743-968d-846ed2054e84");
  EXPECT_TRUE(std::regex_match(SpraytraceIdentityId(), kUuidV5Id));
}

}  // namespace
}  // namespace spraytrace::report
