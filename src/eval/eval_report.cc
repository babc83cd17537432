// The text half of eval_report.h; the JSON half is eval_json.cc.
#include "eval/eval_report.h"

#include <fmt/format.h>

#include "eval/text_table.h"
#include "report/utf8.h"

namespace spraytrace::eval {
namespace {

using Out = std::back_insert_iterator<std::string>;
using report::EscapeForTerminal;
using Align = TextTable::Align;

std::string Ratio(double value) { return fmt::format("{:.3f}", value); }

// Whole seconds are enough for people; "never" when there is no value.
std::string Delay(const std::optional<Micros>& delay) {
  if (!delay) return "never";
  return fmt::format("+{}", FormatDuration(*delay / kMicrosPerSecond * kMicrosPerSecond));
}

std::string Rules(const std::map<std::string, size_t>& rules) {
  std::string text;
  for (const auto& [rule, count] : rules) {
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {}", EscapeForTerminal(rule), count);
  }
  return text.empty() ? "-" : text;
}

void RenderHeader(const Results& r, const ReportContext& c, Out out) {
  fmt::format_to(out, "Scored {} finding{} from {} against {}\n", r.findings,
                 r.findings == 1 ? "" : "s", EscapeForTerminal(c.findings_path),
                 EscapeForTerminal(c.truth_path));
  if (r.bad_lines == 0) return;
  fmt::format_to(out, "{} of {} lines could not be read as findings and were skipped:\n",
                 r.bad_lines, r.finding_lines);
  for (const BadLine& bad : r.bad_samples) {
    fmt::format_to(out, "  line {}: {}\n", bad.line, EscapeForTerminal(bad.reason));
  }
  if (r.bad_lines > r.bad_samples.size()) {
    fmt::format_to(out, "  ... and {} more\n", r.bad_lines - r.bad_samples.size());
  }
}

void RenderScenarios(const Results& r, Out out) {
  TextTable table({{"Scenario"},
                   {"Kind"},
                   {"Attempts", Align::kRight},
                   {"Sources", Align::kRight},
                   {"Flagged", Align::kRight},
                   {"Recall", Align::kRight},
                   {"Accounts found", Align::kRight},
                   {"First finding"},
                   {"Rules"}});
  for (const ScenarioScore& s : r.scenarios) {
    table.AddRow({EscapeForTerminal(s.id), std::string(simulate::ScenarioKindName(s.kind)),
                  std::to_string(s.attempts), std::to_string(s.sources), std::to_string(s.flagged),
                  Ratio(s.recall), fmt::format("{}/{}", s.accounts_found, s.targeted_accounts),
                  Delay(s.time_to_first_finding), Rules(s.rules)});
  }
  fmt::format_to(out, "\n{}", table.Render());
  fmt::format_to(out,
                 "(Accounts found: targeted accounts named by findings that name one of the "
                 "scenario's sources.\n First finding: time from the scenario's start to the first "
                 "finding naming one of its sources.)\n");
}

void RenderSources(const Results& r, Out out) {
  TextTable table({{"Attacking sources"},
                   {"Flagged", Align::kRight},
                   {"Correct", Align::kRight},
                   {"Malicious", Align::kRight},
                   {"Precision", Align::kRight},
                   {"Recall", Align::kRight}});
  const auto add = [&table](std::string name, const SourceMetrics& m) {
    table.AddRow({std::move(name), std::to_string(m.flagged), std::to_string(m.true_positives),
                  std::to_string(m.malicious), Ratio(m.precision), Ratio(m.recall)});
  };
  add("all scenarios", r.all);
  add("targeted (no background noise)", r.targeted);
  fmt::format_to(out, "\n{}", table.Render());
  if (r.all.flagged == 0) {
    fmt::format_to(out, "Nothing was flagged: precision is 1.000 by definition.\n");
  }
}

void RenderFalsePositives(const Results& r, Out out) {
  fmt::format_to(out, "\nFalse positives: {} flagged address{} in no scenario\n",
                 r.false_positive_count, r.false_positive_count == 1 ? "" : "es");
  for (const FalsePositive& fp : r.false_positives) {
    fmt::format_to(out, "  {:<40} {:>6} finding{}\n", fp.ip.ToString(), fp.findings,
                   fp.findings == 1 ? "" : "s");
  }
  if (r.false_positive_count > r.false_positives.size()) {
    fmt::format_to(out, "  ... and {} more (all of them: --json)\n",
                   r.false_positive_count - r.false_positives.size());
  }
}

void RenderAccounts(const Results& r, Out out) {
  const AccountMetrics& a = r.accounts;
  fmt::format_to(out,
                 "\nTargeted accounts (background noise left out): {} of {} found by findings "
                 "naming their scenario's sources\n  ({} named by any finding)\n",
                 a.found, a.targeted, a.found_anywhere);
}

void RenderCompromiseRows(const CompromiseMetrics& m, Out out) {
  TextTable table({{"Account"}, {"Source"}, {"Compromised at"}, {"Scenario"}, {"Found"}});
  for (size_t i = 0; i < m.items.size() && i < kMaxSample; ++i) {
    const CompromiseScore& c = m.items[i];
    table.AddRow({EscapeForTerminal(c.truth.account), c.truth.source.ToString(),
                  FormatIso8601(c.truth.time), EscapeForTerminal(c.truth.scenario),
                  Delay(c.time_to_find)});
  }
  fmt::format_to(out, "{}", table.Render(2));
  if (m.items.size() > kMaxSample) {
    fmt::format_to(out, "  ... and {} more (all of them: --json)\n", m.items.size() - kMaxSample);
  }
}

void RenderCompromises(const Results& r, Out out) {
  const CompromiseMetrics& m = r.compromises;
  fmt::format_to(out, "\nCompromises: {} of {} found (recall {})", m.found, m.total,
                 Ratio(m.recall));
  if (m.found > 0) {
    fmt::format_to(out, "; time to find: median {}, max {}", Delay(m.median_time_to_find),
                   Delay(m.max_time_to_find));
  }
  fmt::format_to(out, "\n");
  if (!m.items.empty()) RenderCompromiseRows(m, out);
  fmt::format_to(out, "Compromise findings: {}; false compromise alerts: {}", m.alerts,
                 m.false_alerts);
  for (size_t i = 0; i < m.false_alert_accounts.size(); ++i) {
    fmt::format_to(out, "{}{}", i == 0 ? " (accounts: " : ", ",
                   EscapeForTerminal(m.false_alert_accounts[i]));
  }
  fmt::format_to(out, "{}\n", m.false_alert_accounts.empty() ? "" : ")");
}

void RenderFloors(const Results& r, const ReportContext& c, Out out) {
  if (!c.floors.min_recall && !c.floors.min_precision) return;
  const std::vector<std::string> unmet = UnmetFloors(r, c.floors);
  if (unmet.empty()) {
    fmt::format_to(out, "\nFloors: met\n");
    return;
  }
  fmt::format_to(out, "\nFloors: NOT met\n");
  for (const std::string& line : unmet) fmt::format_to(out, "  {}\n", line);
}

}  // namespace

std::string RenderEvalText(const Results& results, const ReportContext& context) {
  std::string text;
  Out out(text);
  RenderHeader(results, context, out);
  RenderScenarios(results, out);
  RenderSources(results, out);
  RenderFalsePositives(results, out);
  RenderAccounts(results, out);
  RenderCompromises(results, out);
  RenderFloors(results, context, out);
  return text;
}

}  // namespace spraytrace::eval
