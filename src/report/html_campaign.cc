// The campaigns section of the HTML report: per campaign, its window, sources (count, networks,
// countries and autonomous systems when known), targeted accounts, fingerprint and evidence.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "detect/finding_text.h"
#include "report/html_parts.h"
#include "report/svg_chart.h"

namespace spraytrace::report {
namespace {

constexpr size_t kEvidenceShown = 10;

double Ratio(uint64_t a, uint64_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

std::vector<LabelCount> Head(const std::vector<LabelCount>& rows, size_t n) {
  return std::vector<LabelCount>(rows.begin(), rows.begin() + std::min(n, rows.size()));
}

void Fact(std::string_view name, std::string_view value, HtmlWriter* html) {
  html->Element("dt", name);
  html->Element("dd", value);
}

void WriteFacts(const CampaignView& c, HtmlWriter* html) {
  html->Open("dl", {{"class", "facts"}});
  Fact("window", Window(c.start, c.end), html);
  Fact("id", c.id, html);
  Fact("confidence", fmt::format("{:.2f}", c.confidence), html);
  Fact("reported", Plural(c.periods.size(), "period", "periods"), html);
  Fact("failures", Thousands(c.failures), html);
  if (c.rate.start != 0) {
    Fact(
        "rate",
        fmt::format("suspect failures rose from {:.1f} to {:.0f} an hour at {}{}",
                    c.rate.baseline_per_hour, c.rate.peak_per_hour, ShortTime(c.rate.start),
                    c.rate.end == 0 ? ", still raised at the end of the logs"
                                    : fmt::format(", back to normal at {}", ShortTime(c.rate.end))),
        html);
  }
  html->Close("dl");
}

void WriteSources(const ReportContext& ctx, const CampaignView& c) {
  HtmlWriter* html = ctx.html;
  html->Element("h4", "Sources");
  std::string networks;
  if (c.v4_networks > 0) networks = Plural(c.v4_networks, "/24 network", "/24 networks");
  if (c.v6_networks > 0) {
    networks += fmt::format("{}{}", networks.empty() ? "" : " and ",
                            Plural(c.v6_networks, "/64 network", "/64 networks"));
  }
  html->Element("p", fmt::format("{} in {} ({:.2f} addresses per network): {}",
                                 Plural(c.sources.size(), "address", "addresses"),
                                 networks.empty() ? "no network" : networks,
                                 Ratio(c.sources.size(), c.v4_networks + c.v6_networks),
                                 c.sources.size() > c.v4_networks + c.v6_networks
                                     ? "some networks hold several sources"
                                     : "every source in a network of its own, as a botnet of "
                                       "home routers looks"));
  html->Open("div", {{"class", "cols"}});
  html->Open("div");
  html->Element("p", {{"class", "note"}}, "Networks with most sources");
  WriteBarChart("Networks with most sources", Head(c.networks, ctx.in.top), html);
  html->Close("div");
  const CampaignSourcesProfile& w = c.where;
  if (!w.countries.empty()) {
    html->Open("div");
    html->Element(
        "p", {{"class", "note"}},
        fmt::format("Countries (source.geo.country_iso_code): {} known of {}, at least {}",
                    Thousands(w.with_country), Thousands(w.looked_up),
                    Plural(w.distinct_countries, "country", "countries")));
    WriteBarChart("Sources per country", Head(w.countries, ctx.in.top), html);
    html->Close("div");
  }
  if (!w.asns.empty()) {
    html->Open("div");
    html->Element("p", {{"class", "note"}},
                  fmt::format("Autonomous systems (source.as): {} known of {}, at least {}",
                              Thousands(w.with_asn), Thousands(w.looked_up),
                              Plural(w.distinct_asns, "network operator", "network operators")));
    WriteBarChart("Sources per autonomous system", Head(w.asns, ctx.in.top), html);
    html->Close("div");
  }
  if (!w.intel.empty()) {
    html->Open("div");
    html->Element("p", {{"class", "note"}},
                  fmt::format("Threat intelligence: {} named by a list",
                              Plural(w.known_bad, "source", "sources")));
    WriteBarChart("Sources per threat-intel tag", Head(w.intel, ctx.in.top), html);
    html->Close("div");
  }
  html->Close("div");
  if (w.present && w.asns.empty() && w.countries.empty()) {
    html->Element("p", {{"class", "note"}},
                  "Enrichment knew no autonomous system or country for these sources.");
  }
  std::vector<std::string> addresses;
  const size_t shown = std::min(ctx.in.max_items, c.sources.size());
  addresses.reserve(shown);
  for (size_t i = 0; i < shown; ++i) addresses.push_back(c.sources[i].ToString());
  WriteNames(addresses, shown, c.sources.size(), {}, html);
}

void WriteAccounts(const ReportContext& ctx, const CampaignView& c) {
  HtmlWriter* html = ctx.html;
  std::unordered_set<std::string> compromised;
  for (const detect::Finding* f : c.compromises) compromised.insert(f->user_name);
  html->Element("h4", "Targeted accounts");
  html->Element("p", fmt::format("{}{}{}", c.accounts_exact ? "" : "at least ",
                                 Plural(c.accounts_total, "account", "accounts"),
                                 compromised.empty() ? ", none known to be compromised"
                                                     : fmt::format(", {} compromised (first below)",
                                                                   Thousands(compromised.size()))));
  WriteNames(c.accounts, ctx.in.max_items, c.accounts_total, compromised, html);
}

void WriteFingerprint(const CampaignView& c, HtmlWriter* html) {
  html->Element("h4", "Fingerprint");
  html->Open("dl", {{"class", "facts"}});
  Fact("failures per address", fmt::format("{:.1f}", Ratio(c.failures, c.sources.size())), html);
  Fact("failures per account", fmt::format("{:.1f}", Ratio(c.failures, c.accounts_total)), html);
  Fact("accounts that do not exist",
       fmt::format("{:.0f}% of the failures", 100 * Ratio(c.unknown_account_failures, c.failures)),
       html);
  Fact("login history", "none of the sources had logged in to the accounts it tried", html);
  html->Close("dl");
  for (const detect::Finding* f : c.periods) html->Element("p", {{"class", "note"}}, f->summary);
}

void WriteCampaign(const ReportContext& ctx, const CampaignView& c, size_t number) {
  HtmlWriter* html = ctx.html;
  const std::string anchor = fmt::format("campaign-{}", number);
  html->Open("article", {{"class", "campaign"}, {"id", anchor}});
  html->Element("h3", fmt::format("Campaign {}: distributed spray, {} against {}", number,
                                  Plural(c.sources.size(), "address", "addresses"),
                                  Plural(c.accounts_total, "account", "accounts")));
  WriteFacts(c, html);
  WriteSources(ctx, c);
  WriteAccounts(ctx, c);
  WriteFingerprint(c, html);
  html->Element("h4", "Evidence");
  WriteEvidence(c.evidence, *ctx.in.files, kEvidenceShown, 0, html);
  html->Close("article");
}

}  // namespace

void WriteCampaigns(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  html->Open("section", {{"id", "campaigns"}});
  html->Element("h2", "Campaigns");
  if (ctx.model.campaigns.empty()) {
    html->Element("p", {{"class", "note"}}, "No distributed spray campaign was found.");
  }
  for (size_t i = 0; i < ctx.model.campaigns.size(); ++i) {
    WriteCampaign(ctx, ctx.model.campaigns[i], i + 1);
  }
  html->Close("section");
}

}  // namespace spraytrace::report
