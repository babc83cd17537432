// The HTML report's tables of findings: the compromised accounts with the events that proved
// each, and the other findings (brute force, single-source spray, targeted accounts).
#include <fmt/format.h>

#include <algorithm>

#include "report/html_parts.h"
#include "report/source_profile_text.h"

namespace spraytrace::report {
namespace {

constexpr size_t kAccountsPerRow = 5;  // accounts named in one row of the findings table
constexpr size_t kEvidencePerRow = 3;

// The source cell: the address, then what enrichment knew of it.
void WriteSourceCell(const detect::Finding& f, HtmlWriter* html) {
  html->Open("td", {{"class", "src"}, {"data-label", "from"}});
  html->Element("span", {{"class", "mono"}}, SourceText(f));
  if (f.source_profile) {
    if (const std::string profile = SourceProfileText(*f.source_profile); !profile.empty()) {
      html->Element("p", {{"class", "note"}}, profile);
    }
  }
  html->Close("td");
}

size_t CampaignNumber(const ReportModel& model, const std::string& id) {
  for (size_t i = 0; i < model.campaigns.size(); ++i) {
    if (model.campaigns[i].id == id) return i + 1;
  }
  return 0;
}

void WriteOtherRow(const ReportContext& ctx, const detect::Finding& f) {
  HtmlWriter* html = ctx.html;
  html->Open("tr");
  html->Open("td", {{"data-label", "severity"}});
  html->Element("span", {{"class", fmt::format("sev sev{}", f.severity)}},
                fmt::format("{}", f.severity));
  html->Close("td");
  html->Element("td", {{"class", "id"}, {"data-label", "rule"}}, f.rule_id);
  WriteSourceCell(f, html);
  html->Open("td", {{"class", "accounts"}, {"data-label", "accounts"}});
  WriteNames(f.related_users, kAccountsPerRow, f.distinct_accounts, {}, html);
  html->Close("td");
  html->Element("td", {{"class", "num"}, {"data-label", "failures"}}, Thousands(f.failures));
  html->Element("td", {{"class", "span"}, {"data-label", "window"}}, Window(f.start, f.end));
  html->Open("td", {{"data-label", "why"}});
  html->Element("p", f.summary);
  WriteEvidence(f.evidence, *ctx.in.files, kEvidencePerRow, f.triggered, html);
  html->Close("td");
  html->Close("tr");
}

}  // namespace

void WriteCompromised(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  const ReportModel& m = ctx.model;
  html->Open("section", {{"id", "compromised"}});
  html->Element("h2", "Compromised accounts");
  if (m.compromises.empty()) {
    html->Element("p", {{"class", "note"}}, "No account was found logged in to by an attacker.");
    html->Close("section");
    return;
  }
  html->Open("div", {{"class", "scroll"}});
  html->Open("table", {{"class", "stack"}});
  html->Raw(
      "<thead><tr><th>Account</th><th>Login</th><th>From</th><th>Why, and the events that "
      "prove it</th></tr></thead><tbody>");
  const size_t shown = std::min(ctx.in.max_items, m.compromises.size());
  for (size_t i = 0; i < shown; ++i) {
    const detect::Finding& f = *m.compromises[i];
    html->Open("tr");
    html->Open("td", {{"data-label", "account"}});
    html->Element("strong", {{"class", "crit"}}, f.user_name);
    html->Close("td");
    html->Element("td", {{"class", "when mono"}, {"data-label", "login"}}, FormatIso8601(f.end));
    WriteSourceCell(f, html);
    html->Open("td", {{"data-label", "why"}});
    html->Element("code", f.rule_id);
    if (const size_t n = CampaignNumber(m, f.campaign); n > 0) {
      html->Text(" ");
      html->Open("a", {{"href", fmt::format("#campaign-{}", n)}});
      html->TextF("campaign {}", n);
      html->Close("a");
    }
    html->TextF(", confidence {:.2f}", f.confidence);
    html->Element("p", {{"class", "note"}}, f.summary);
    WriteEvidence(f.evidence, *ctx.in.files, ctx.in.max_items, f.end, html);
    html->Close("td");
    html->Close("tr");
  }
  html->Raw("</tbody>");
  html->Close("table");
  html->Close("div");
  WriteMore(shown, m.compromises.size(), "compromise findings (all in --findings FILE)", html);
  html->Close("section");
}

void WriteOthers(const ReportContext& ctx) {
  HtmlWriter* html = ctx.html;
  const auto& others = ctx.model.others;
  html->Open("section", {{"id", "others"}});
  html->Element("h2", "Other findings");
  if (others.empty()) {
    html->Element("p", {{"class", "note"}},
                  "No brute force, single-source spray or targeted account.");
    html->Close("section");
    return;
  }
  html->Open("div", {{"class", "scroll"}});
  html->Open("table", {{"class", "stack"}});
  html->Raw(
      "<thead><tr><th>Sev</th><th>Rule</th><th>Source</th><th>Accounts</th>"
      "<th class=\"num\">Failures</th><th>Window</th><th>Why</th></tr></thead><tbody>");
  const size_t shown = std::min(ctx.in.max_items, others.size());
  for (size_t i = 0; i < shown; ++i) WriteOtherRow(ctx, *others[i]);
  html->Raw("</tbody>");
  html->Close("table");
  html->Close("div");
  WriteMore(shown, others.size(), "findings (all in --findings FILE)", html);
  html->Close("section");
}

}  // namespace spraytrace::report
