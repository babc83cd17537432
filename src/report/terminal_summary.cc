#include "report/terminal_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "report/source_profile_text.h"
#include "report/utf8.h"

namespace spraytrace::report {
namespace {

using Out = std::back_insert_iterator<std::string>;

void RenderCounts(const SummaryInput& in, Out out) {
  const ReadCounts& c = *in.counts;
  std::string families;
  for (const auto& [name, records] : c.by_family) {
    families += fmt::format("{} from {}, ", records, name);
  }
  if (families.empty()) families = "0 from the log families spraytrace reads, ";
  fmt::format_to(out, "Read {} file{}{}: {} lines, {}{} from other programs, {} not understood\n",
                 c.files_read, c.files_read == 1 ? "" : "s",
                 c.files_failed ? fmt::format(" ({} could not be read)", c.files_failed) : "",
                 c.lines, families, c.other_lines, c.not_understood);
  const EventTally& t = *in.tally;
  fmt::format_to(out, "Parsed {} authentication attempts: {} failed, {} succeeded", t.events(),
                 t.failures(), t.successes());
  if (t.events() > 0) {
    fmt::format_to(out, ", {} .. {}", FormatIso8601(t.first_time()), FormatIso8601(t.last_time()));
  }
  out = '\n';
  for (const std::string& line : in.enrichment_loaded) {
    fmt::format_to(out, "Enrichment {}\n", EscapeForTerminal(line));
  }
}

// " [AS64500 Example, DE]" after a one-source finding; the campaign summary on its own line.
void RenderFindingEnrichment(const detect::Finding& f, Out out) {
  if (f.sources_profile) {
    fmt::format_to(out, "  {:<36} {}\n", "",
                   EscapeForTerminal(SourcesProfileText(*f.sources_profile, 3)));
  }
}

std::string SourceSuffix(const detect::Finding& f) {
  if (!f.source_profile) return {};
  const std::string text = SourceProfileText(*f.source_profile);
  return text.empty() ? std::string() : " [" + EscapeForTerminal(text) + "]";
}

void RenderFindingsByRule(const SummaryInput& in, Out out) {
  const auto& findings = *in.findings;
  fmt::format_to(out, "\nFindings: {}\n", findings.size());
  std::map<std::string, size_t> by_rule;
  for (const auto& f : findings) ++by_rule[f.rule_id];
  for (const auto& [rule, count] : by_rule) fmt::format_to(out, "  {:<30} {:>6}\n", rule, count);
}

void RenderTopFindings(const SummaryInput& in, Out out) {
  std::vector<const detect::Finding*> sorted;
  for (const auto& f : *in.findings) sorted.push_back(&f);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return a->severity != b->severity ? a->severity > b->severity : a->failures > b->failures;
  });
  if (sorted.empty()) return;
  fmt::format_to(out, "\nMost severe findings:\n");
  for (size_t i = 0; i < sorted.size() && i < in.top; ++i) {
    fmt::format_to(out, "  [sev {}] {:<28} {}{}\n", sorted[i]->severity, sorted[i]->rule_id,
                   EscapeForTerminal(sorted[i]->summary), SourceSuffix(*sorted[i]));
    RenderFindingEnrichment(*sorted[i], out);
  }
  if (sorted.size() > in.top) {
    fmt::format_to(out, "  ... and {} more (write them all with --findings FILE)\n",
                   sorted.size() - in.top);
  }
}

void RenderTopTables(const SummaryInput& in, Out out) {
  const auto sources = in.tally->failing_sources().Top(in.top);
  if (!sources.empty()) {
    fmt::format_to(out, "\nSources with most failures:\n");
    for (const auto& [source, count] : sources) {
      const std::string note = in.source_note ? in.source_note(source) : std::string();
      fmt::format_to(out, "  {:<40} {:>8}{}\n", EscapeForTerminal(source), count,
                     note.empty() ? "" : "  " + EscapeForTerminal(note));
    }
  }
  const auto accounts = in.tally->failing_accounts().Top(in.top);
  if (!accounts.empty()) {
    fmt::format_to(out, "\nAccounts with most failures:\n");
    for (const auto& [account, count] : accounts) {
      fmt::format_to(out, "  {:<40} {:>8}\n", EscapeForTerminal(in.strings->View(account)), count);
    }
  }
}

void RenderDiagnostics(const SummaryInput& in, Out out) {
  if (in.diagnostics->Total() == 0) return;
  fmt::format_to(out, "\nInput problems (counted, the rest of the input was read):\n");
  for (size_t k = 0; k < static_cast<size_t>(DiagnosticKind::kCount); ++k) {
    const auto kind = static_cast<DiagnosticKind>(k);
    const uint64_t count = in.diagnostics->Count(kind);
    if (count == 0) continue;
    const DiagnosticSample& s = in.diagnostics->Sample(kind);
    fmt::format_to(out, "  {:<22} {:>8}  {}\n", DiagnosticKindName(kind), count,
                   DiagnosticKindHelp(kind));
    fmt::format_to(out, "  {:<31} first: {}{}{}\n", "", EscapeForTerminal(s.file),
                   s.line ? fmt::format(":{}", s.line) : "",
                   s.detail.empty() ? "" : ": " + EscapeForTerminal(s.detail));
  }
}

}  // namespace

std::string RenderTerminalSummary(const SummaryInput& in) {
  std::string text;
  Out out(text);
  RenderCounts(in, out);
  RenderFindingsByRule(in, out);
  RenderTopFindings(in, out);
  RenderTopTables(in, out);
  RenderDiagnostics(in, out);
  return text;
}

}  // namespace spraytrace::report
