#include "report/report_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace spraytrace::report {
namespace {

using detect::Finding;
using detect::Rule;

// Counts per label, most first, ties by label.
std::vector<LabelCount> Ranked(const std::map<std::string, uint64_t>& counts) {
  std::vector<LabelCount> out;
  out.reserve(counts.size());
  for (const auto& [label, count] : counts) out.push_back({label, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const LabelCount& a, const LabelCount& b) { return a.count > b.count; });
  return out;
}

void CountNetworks(CampaignView* c) {
  std::map<std::string, uint64_t> networks;
  for (const IpAddress& ip : c->sources) {
    if (networks[NetworkOf(ip)]++ == 0) ++(ip.is_v4() ? c->v4_networks : c->v6_networks);
  }
  c->networks = Ranked(networks);
}

struct ProfileSums {
  std::map<std::string, uint64_t> countries, asns, intel;
};

void AddProfile(const detect::SourcesProfile& p, CampaignSourcesProfile* into, ProfileSums* sums) {
  into->present = true;
  into->looked_up += p.sources;
  into->with_asn += p.with_asn;
  into->with_country += p.with_country;
  into->distinct_asns = std::max(into->distinct_asns, p.distinct_asns);
  into->distinct_countries = std::max(into->distinct_countries, p.distinct_countries);
  into->known_bad += p.known_bad;
  for (const auto& a : p.asns) sums->asns[AsLabel(a.asn, a.organization)] += a.sources;
  for (const auto& n : p.countries) sums->countries[n.name] += n.sources;
  for (const auto& n : p.intel) sums->intel[n.name] += n.sources;
}

// Merges the periods of one campaign (already in c->periods, by start).
void MergePeriods(CampaignView* c) {
  std::set<IpAddress> sources;
  std::set<std::string> accounts;
  for (const Finding* f : c->periods) {
    if (c->start == 0 || f->start < c->start) c->start = f->start;
    c->end = std::max(c->end, f->end);
    if (c->rate.start == 0) c->rate = f->rate_change;
    c->confidence = std::max(c->confidence, f->confidence);
    c->failures += f->failures;
    c->unknown_account_failures += f->unknown_account_failures;
    sources.insert(f->related_ips.begin(), f->related_ips.end());
    accounts.insert(f->related_users.begin(), f->related_users.end());
    if (f->related_users.size() < f->distinct_accounts) c->accounts_exact = false;
    c->accounts_total = std::max(c->accounts_total, f->distinct_accounts);
    c->evidence.insert(c->evidence.end(), f->evidence.begin(), f->evidence.end());
  }
  c->sources.assign(sources.begin(), sources.end());
  c->accounts.assign(accounts.begin(), accounts.end());
  c->accounts_total = std::max<uint64_t>(c->accounts_total, c->accounts.size());
  std::stable_sort(c->evidence.begin(), c->evidence.end(),
                   [](const auto& a, const auto& b) { return a.time < b.time; });
  CountNetworks(c);
  ProfileSums sums;
  for (const Finding* f : c->periods) {
    if (f->sources_profile) AddProfile(*f->sources_profile, &c->where, &sums);
  }
  c->where.countries = Ranked(sums.countries);
  c->where.asns = Ranked(sums.asns);
  c->where.intel = Ranked(sums.intel);
}

std::vector<CampaignView> BuildCampaigns(const std::vector<Finding>& findings) {
  std::vector<CampaignView> campaigns;
  std::unordered_map<std::string, size_t> index;
  for (const Finding& f : findings) {
    if (f.rule != Rule::kDistributedSpray) continue;
    auto [it, added] = index.emplace(f.campaign, campaigns.size());
    if (added) {
      campaigns.emplace_back();
      campaigns.back().id = f.campaign;
    }
    campaigns[it->second].periods.push_back(&f);
  }
  for (const Finding& f : findings) {
    if (f.rule != Rule::kCompromise) continue;
    if (auto it = index.find(f.campaign); it != index.end()) {
      campaigns[it->second].compromises.push_back(&f);
    }
  }
  const auto by_start = [](const Finding* a, const Finding* b) { return a->start < b->start; };
  const auto by_end = [](const Finding* a, const Finding* b) { return a->end < b->end; };
  for (CampaignView& c : campaigns) {
    std::stable_sort(c.periods.begin(), c.periods.end(), by_start);
    std::stable_sort(c.compromises.begin(), c.compromises.end(), by_end);
    MergePeriods(&c);
  }
  std::stable_sort(campaigns.begin(), campaigns.end(),
                   [](const CampaignView& a, const CampaignView& b) { return a.start < b.start; });
  return campaigns;
}

void CountRules(const std::vector<Finding>& findings, ReportModel* model) {
  constexpr Rule kRules[] = {Rule::kCompromise, Rule::kDistributedSpray, Rule::kAccountTargeted,
                             Rule::kSingleSourceSpray, Rule::kBruteForce};
  for (Rule rule : kRules) {
    const auto n = std::count_if(findings.begin(), findings.end(),
                                 [&](const Finding& f) { return f.rule == rule; });
    if (n > 0)
      model->by_rule.push_back({std::string(detect::RuleName(rule)), static_cast<uint64_t>(n)});
  }
  std::map<std::string, uint64_t> ids;
  for (const Finding& f : findings) ++ids[f.rule_id];
  for (const auto& [id, count] : ids) model->by_rule_id.push_back({id, count});
}

}  // namespace

std::string AsLabel(uint32_t asn, std::string_view organization) {
  return organization.empty() ? fmt::format("AS{}", asn)
                              : fmt::format("AS{} {}", asn, organization);
}

std::string NetworkOf(const IpAddress& ip) {
  return ip.is_v4() ? ip.Masked(24).ToString() + "/24" : ip.Masked(64).ToString() + "/64";
}

ReportModel BuildReportModel(const std::vector<Finding>& findings) {
  ReportModel model;
  model.campaigns = BuildCampaigns(findings);
  std::unordered_set<std::string> accounts;
  for (const Finding& f : findings) {
    if (f.rule == Rule::kCompromise) {
      model.compromises.push_back(&f);
      accounts.insert(f.user_name);
    } else if (f.rule != Rule::kDistributedSpray) {
      model.others.push_back(&f);
    }
  }
  model.compromised_accounts = accounts.size();
  std::stable_sort(model.compromises.begin(), model.compromises.end(),
                   [](const Finding* a, const Finding* b) { return a->end < b->end; });
  std::stable_sort(
      model.others.begin(), model.others.end(), [](const Finding* a, const Finding* b) {
        return a->severity != b->severity ? a->severity > b->severity : a->start < b->start;
      });
  CountRules(findings, &model);
  return model;
}

}  // namespace spraytrace::report
