#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "detect/finding_text.h"
#include "report/html_parts.h"
#include "report/html_report_style.h"
#include "report/report_model.h"
#include "report/svg_chart.h"

namespace spraytrace::report {
namespace {

void WriteHead(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  html->Raw("<!DOCTYPE html>\n");
  html->Open("html", {{"lang", "en"}});
  html->Open("head");
  html->Empty("meta", {{"charset", "utf-8"}});
  // No script, no fetch: the page can only show its own text, styles and inline images.
  html->Empty("meta",
              {{"http-equiv", "Content-Security-Policy"},
               {"content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:"}});
  html->Empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  html->Empty("meta", {{"name", "referrer"}, {"content", "no-referrer"}});
  html->Empty("link", {{"rel", "icon"}, {"href", "data:,"}});
  html->Element("title", fmt::format("spraytrace report: {}, {}",
                                     Plural(ctx.model.compromised_accounts, "compromised account",
                                            "compromised accounts"),
                                     Plural(ctx.model.campaigns.size(), "campaign", "campaigns")));
  html->Open("style");
  html->Raw(kReportCss);
  html->Close("style");
  html->Close("head");
  html->Raw("\n");
}

void WriteHeader(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  const ReadCounts& c = *ctx.in.counts;
  const EventTally& t = *ctx.in.tally;
  html->Open("header");
  html->Element("h1", "spraytrace report");
  std::string meta =
      fmt::format("{} read, {}; {} ({} failed, {} succeeded)",
                  Plural(c.files_read, "file", "files"), Plural(c.lines, "line", "lines"),
                  Plural(t.events(), "authentication attempt", "authentication attempts"),
                  Thousands(t.failures()), Thousands(t.successes()));
  if (t.events() > 0) meta += fmt::format(", {}", Window(t.first_time(), t.last_time()));
  if (ctx.in.generated != 0) meta += fmt::format(". Report made {}", ShortTime(ctx.in.generated));
  html->Element("p", {{"class", "meta"}}, meta);
  html->Close("header");
}

void Card(std::string_view cls, uint64_t n, std::string_view what, HtmlWriter* html) {
  html->Open("div", {{"class", fmt::format("card {}", cls)}});
  html->Element("b", Thousands(n));
  html->Text(what);
  html->Close("div");
}

void WriteLead(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  const ReportModel& m = ctx.model;
  if (ctx.in.tally->events() == 0) {
    html->Element("p", {{"class", "lead"}}, "No authentication attempts were read.");
    return;
  }
  if (ctx.in.findings->empty()) {
    html->Element("p", {{"class", "lead"}},
                  "Nothing found: no brute force, password spraying or compromised account in "
                  "these logs.");
    return;
  }
  if (m.compromised_accounts > 0) {
    std::vector<std::string> names;
    std::unordered_set<std::string> seen;
    for (const detect::Finding* f : m.compromises) {
      if (seen.insert(f->user_name).second) names.push_back(f->user_name);
    }
    html->Open("p", {{"class", "lead"}});
    html->Element("strong", {{"class", "crit"}},
                  fmt::format("{} logged in by an attacker: ",
                              Plural(names.size(), "account was", "accounts were")));
    const size_t shown = std::min(names.size(), ctx.in.max_items);
    for (size_t i = 0; i < shown; ++i) {
      if (i > 0) html->Text(", ");
      html->Element("span", {{"class", "crit"}}, names[i]);
    }
    if (shown < names.size()) html->TextF(" and {} more", names.size() - shown);
    html->Text(". Reset their passwords, revoke their sessions and review what they did.");
    html->Close("p");
  }
  for (size_t i = 0; i < m.campaigns.size(); ++i) {
    const CampaignView& c = m.campaigns[i];
    html->Open("p", {{"class", "lead"}});
    html->Open("a", {{"href", fmt::format("#campaign-{}", i + 1)}});
    html->TextF("Campaign {}", i + 1);
    html->Close("a");
    html->TextF(": {} failed against {}{} over {}, {} with no history of logging in; ",
                Plural(c.sources.size(), "address", "addresses"),
                c.accounts_exact ? "" : "at least ",
                Plural(c.accounts_total, "account", "accounts"),
                detect::FormatSpan(c.end - c.start), c.sources.size() == 1 ? "one" : "each");
    html->TextF("{:.1f} failures per address, below every per-address threshold",
                static_cast<double>(c.failures) /
                    static_cast<double>(std::max<size_t>(1, c.sources.size())));
    const CampaignSourcesProfile& w = c.where;
    if (!w.countries.empty() || !w.asns.empty()) {
      html->TextF("; sources in {} and {}", Plural(w.distinct_countries, "country", "countries"),
                  Plural(w.distinct_asns, "network operator", "network operators"));
      if (!w.asns.empty()) html->TextF(", most in {} ({})", w.asns[0].label, w.asns[0].count);
    }
    html->Text(".");
    html->Close("p");
  }
}

void WriteHeadline(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  const ReportModel& m = ctx.model;
  html->Open("section", {{"id", "headline"}});
  html->Open("div", {{"class", "cards"}});
  Card(m.compromised_accounts > 0 ? "crit" : "quiet", m.compromised_accounts,
       m.compromised_accounts == 1 ? "compromised account" : "compromised accounts", html);
  Card(m.campaigns.empty() ? "quiet" : "warn", m.campaigns.size(),
       m.campaigns.size() == 1 ? "distributed spray campaign" : "distributed spray campaigns",
       html);
  for (const LabelCount& rule : m.by_rule) {
    if (rule.label == "compromise" || rule.label == "distributed_spray") continue;
    Card("", rule.count, fmt::format("{} findings", rule.label), html);
  }
  html->Close("div");
  WriteLead(ctx);
  if (!m.by_rule_id.empty()) {
    std::string counts = "Findings by rule:";
    for (size_t i = 0; i < m.by_rule_id.size(); ++i) {
      counts += fmt::format("{} {} {}", i == 0 ? "" : ",", m.by_rule_id[i].label,
                            Thousands(m.by_rule_id[i].count));
    }
    html->Element("p", {{"class", "note"}}, counts);
  }
  html->Close("section");
}

void WriteTimelineSection(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  if (ctx.in.tally->timeline().empty()) return;
  TimelineChart chart;
  chart.histogram = &ctx.in.tally->timeline();
  for (size_t i = 0; i < ctx.model.campaigns.size(); ++i) {
    const CampaignView& c = ctx.model.campaigns[i];
    chart.bands.push_back({c.start, c.end, fmt::format("campaign {}", i + 1),
                           fmt::format("{}: {}", c.id, Window(c.start, c.end))});
  }
  for (const detect::Finding* f : ctx.model.compromises) {
    chart.marks.push_back({f->end, fmt::format("compromised: {} from {} at {}", f->user_name,
                                               SourceText(*f), FormatIso8601(f->end))});
  }
  html->Open("section", {{"id", "timeline"}});
  html->Element("h2", "Timeline");
  html->Open("div", {{"class", "scroll"}});
  const Micros bar = WriteTimeline(chart, html);
  html->Close("div");
  html->Open("p", {{"class", "legend"}});
  html->Element("span", {{"class", "sw f"}}, "");
  html->Text("failed attempts (up)");
  html->Element("span", {{"class", "sw s"}}, "");
  html->Text("successful logins (down, own scale)");
  html->Element("span", {{"class", "sw b"}}, "");
  html->Text("campaign window");
  html->Element("span", {{"class", "sw m"}}, "");
  html->TextF("compromised account's login. One bar is {}; times are UTC.",
              detect::FormatSpan(bar));
  html->Close("p");
  html->Close("section");
}

void WriteActivity(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  std::vector<LabelCount> sources, accounts;
  for (const auto& [source, n] : ctx.in.tally->failing_sources().Top(ctx.in.top)) {
    sources.push_back({source, n});
  }
  for (const auto& [id, n] : ctx.in.tally->failing_accounts().Top(ctx.in.top)) {
    accounts.push_back({std::string(ctx.in.strings->View(id)), n});
  }
  if (sources.empty() && accounts.empty()) return;
  html->Open("section", {{"id", "activity"}});
  html->Element("h2", "Most failures");
  html->Open("div", {{"class", "cols"}});
  html->Open("div");
  html->Element("h4", "Sources");
  WriteBarChart("Sources with most failures", sources, html);
  html->Close("div");
  html->Open("div");
  html->Element("h4", "Accounts");
  WriteBarChart("Accounts with most failures", accounts, html);
  html->Close("div");
  html->Close("div");
  html->Close("section");
}

void WriteInput(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  const FileTable& files = *ctx.in.files;
  const Diagnostics& d = *ctx.in.diagnostics;
  html->Open("section", {{"id", "input"}});
  html->Element("h2", "Input");
  std::vector<std::string> paths;
  for (uint32_t i = 0; i < files.size() && i < ctx.in.max_items; ++i)
    paths.push_back(files.Path(i));
  WriteNames(paths, ctx.in.max_items, files.size(), {}, html);
  if (ctx.in.counts->files_failed > 0) {
    html->Element("p", Plural(ctx.in.counts->files_failed, "input could not be read",
                              "inputs could not be read"));
  }
  if (d.Total() == 0) {
    html->Element("p", {{"class", "note"}}, "Every line was read without a problem.");
    html->Close("section");
    return;
  }
  html->Open("div", {{"class", "scroll"}});
  html->Open("table");
  html->Raw(
      "<thead><tr><th>Problem</th><th class=\"num\">Count</th><th>Meaning</th>"
      "<th>First seen</th></tr></thead><tbody>");
  for (size_t k = 0; k < static_cast<size_t>(DiagnosticKind::kCount); ++k) {
    const auto kind = static_cast<DiagnosticKind>(k);
    if (d.Count(kind) == 0) continue;
    const DiagnosticSample& s = d.Sample(kind);
    html->Open("tr");
    html->Element("td", {{"class", "mono"}}, DiagnosticKindName(kind));
    html->Element("td", {{"class", "num"}}, Thousands(d.Count(kind)));
    html->Element("td", DiagnosticKindHelp(kind));
    html->Element("td", {{"class", "mono"}},
                  fmt::format("{}{}{}", s.file, s.line ? fmt::format(":{}", s.line) : "",
                              s.detail.empty() ? "" : ": " + s.detail));
    html->Close("tr");
  }
  html->Raw("</tbody>");
  html->Close("table");
  html->Close("div");
  html->Close("section");
}

}  // namespace

std::string RenderHtmlReport(const HtmlReportInput& input) {
  const ReportModel model = BuildReportModel(*input.findings);
  HtmlWriter html;
  const ReportContext ctx{input, model, &html};
  WriteHead(ctx);
  html.Open("body");
  WriteHeader(ctx);
  html.Open("main");
  WriteHeadline(ctx);
  WriteTimelineSection(ctx);
  WriteCompromised(ctx);
  WriteCampaigns(ctx);
  WriteOthers(ctx);
  WriteActivity(ctx);
  WriteInput(ctx);
  html.Close("main");
  html.Open("footer");
  html.TextF(
      "Made by spraytrace{} from the logs listed above; it only reads logs. Each finding is also "
      "written as a JSON line (Elastic Common Schema) with --findings FILE.",
      input.version.empty() ? "" : " " + input.version);
  html.Close("footer");
  html.Close("body");
  html.Close("html");
  html.Raw("\n");
  return html.Take();
}

}  // namespace spraytrace::report
