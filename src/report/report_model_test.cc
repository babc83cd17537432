// The report's arrangement of findings: campaigns merged across reporting periods, with their
// networks and compromises; compromised accounts counted once; the rest ordered by severity.
#include "report/report_model.h"

#include <gtest/gtest.h>

#include "report/report_test_support.h"

namespace spraytrace::report {
namespace {

using namespace fixtures;  // NOLINT: test helpers

TEST(ReportModel, MergesTheReportingPeriodsOfOneCampaign) {
  std::vector<detect::Finding> findings = {
      CampaignPeriod("c-1", At(3, 0), At(3, 23), 300, 40),
      Compromise("alice", "203.0.113.9", "c-1", At(3, 12)),
      CampaignPeriod("c-1", At(4, 0), At(4, 20), 200, 30, /*first_source=*/250),
      Compromise("alice", "203.0.113.10", "c-1", At(3, 10)),
      Compromise("bob", "203.0.113.11", "c-1", At(4, 1)),
  };
  const ReportModel m = BuildReportModel(findings);
  ASSERT_EQ(m.campaigns.size(), 1u);
  const CampaignView& c = m.campaigns[0];
  EXPECT_EQ(c.periods.size(), 2u);
  EXPECT_EQ(c.start, At(3, 0));
  EXPECT_EQ(c.end, At(4, 20));
  EXPECT_EQ(c.sources.size(), 450u);  // 300 + 200, 50 seen in both periods
  EXPECT_EQ(c.accounts.size(), 40u);
  EXPECT_TRUE(c.accounts_exact);
  EXPECT_EQ(c.failures, 500u);
  // Sources 198.18.0.7, 198.18.1.7, ...: one per /24 up to 256 of them, then the second octet
  // moves on (198.19.x): still one per /24.
  EXPECT_EQ(c.v4_networks, 450u);
  EXPECT_EQ(c.networks.front().count, 1u);
  EXPECT_EQ(c.networks.front().label, "198.18.0.0/24");
  ASSERT_EQ(c.compromises.size(), 3u);
  EXPECT_EQ(c.compromises[0]->end, At(3, 10));  // by login time
  EXPECT_EQ(m.compromises.size(), 3u);
  EXPECT_EQ(m.compromised_accounts, 2u);
  EXPECT_TRUE(m.others.empty());
}

TEST(ReportModel, CountsNetworksPerFamilyAndRanksThem) {
  detect::Finding f = CampaignPeriod("c-2", At(3, 0), At(3, 5), 0, 3);
  for (const char* ip : {"203.0.113.1", "203.0.113.2", "203.0.113.3", "198.51.100.1",
                         "2001:db8:1:2::5", "2001:db8:1:2:ffff::1", "2001:db8:9::1"}) {
    f.related_ips.push_back(Ip(ip));
  }
  const ReportModel m = BuildReportModel({f});
  const CampaignView& c = m.campaigns.at(0);
  EXPECT_EQ(c.v4_networks, 2u);
  EXPECT_EQ(c.v6_networks, 2u);
  ASSERT_EQ(c.networks.size(), 4u);
  EXPECT_EQ(c.networks[0].label, "203.0.113.0/24");
  EXPECT_EQ(c.networks[0].count, 3u);
  EXPECT_EQ(c.networks[1].label, "2001:db8:1:2::/64");
  EXPECT_EQ(c.networks[1].count, 2u);
  EXPECT_FALSE(c.where.present);  // no enrichment on these findings
}

TEST(ReportModel, SumsTheEnrichmentOfTheCampaignsPeriods) {
  detect::Finding first = CampaignPeriod("c-4", At(3, 0), At(3, 23), 30, 5);
  detect::Finding second = CampaignPeriod("c-4", At(4, 0), At(4, 20), 20, 5, 30);
  detect::SourcesProfile a;
  a.sources = 30;
  a.with_asn = 28;
  a.with_country = 30;
  a.distinct_asns = 3;
  a.distinct_countries = 2;
  a.asns = {{4134, "CHINANET-BACKBONE", 20}, {4837, "", 8}};
  a.countries = {{"CN", 25}, {"TW", 5}};
  detect::SourcesProfile b = a;
  b.sources = 20;
  b.asns = {{4837, "", 15}};
  b.countries = {{"TW", 20}};
  b.known_bad = 2;
  b.intel = {{"blocklist:quad7", 2}};
  first.sources_profile = a;
  second.sources_profile = b;
  const ReportModel m = BuildReportModel({first, second});
  const CampaignSourcesProfile& w = m.campaigns.at(0).where;
  EXPECT_TRUE(w.present);
  EXPECT_EQ(w.looked_up, 50u);
  EXPECT_EQ(w.with_asn, 56u);
  EXPECT_EQ(w.distinct_asns, 3u);
  ASSERT_EQ(w.asns.size(), 2u);
  EXPECT_EQ(w.asns[0].label, "AS4837");
  EXPECT_EQ(w.asns[0].count, 23u);
  EXPECT_EQ(w.asns[1].label, "AS4134 CHINANET-BACKBONE");
  ASSERT_EQ(w.countries.size(), 2u);
  EXPECT_EQ(w.countries[0].label, "CN");
  EXPECT_EQ(w.countries[1].count, 25u);
  EXPECT_EQ(w.known_bad, 2u);
  EXPECT_EQ(w.intel.at(0).label, "blocklist:quad7");
}

TEST(ReportModel, ACappedAccountListMakesTheCountALowerBound) {
  detect::Finding f = CampaignPeriod("c-3", At(3, 0), At(3, 5), 10, 1000);
  f.distinct_accounts = 4200;  // related.user capped at 1000
  const ReportModel m = BuildReportModel({f});
  EXPECT_FALSE(m.campaigns[0].accounts_exact);
  EXPECT_EQ(m.campaigns[0].accounts_total, 4200u);
}

TEST(ReportModel, OtherFindingsBySeverityAndRulesInContractOrder) {
  detect::Finding spray = BruteForce("198.51.100.23", "admin", At(2, 9));
  spray.rule = detect::Rule::kSingleSourceSpray;
  spray.rule_id = "single_source_spray.breadth";
  spray.severity = 3;
  const std::vector<detect::Finding> findings = {BruteForce("203.0.113.45", "root", At(2, 3)),
                                                 spray,
                                                 Compromise("carol", "192.0.2.1", "c-x", At(2, 5))};
  const ReportModel m = BuildReportModel(findings);
  ASSERT_EQ(m.others.size(), 2u);
  EXPECT_EQ(m.others[0]->rule_id, "single_source_spray.breadth");
  EXPECT_TRUE(m.campaigns.empty());  // a compromise alone makes no campaign section
  ASSERT_EQ(m.by_rule.size(), 3u);
  EXPECT_EQ(m.by_rule[0].label, "compromise");
  EXPECT_EQ(m.by_rule[2].label, "brute_force");
  EXPECT_EQ(m.by_rule_id.size(), 3u);
}

}  // namespace
}  // namespace spraytrace::report
