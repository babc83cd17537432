#include "cli/eval_command.h"

#include <fmt/format.h>

#include <cstdio>

#include "eval/eval_report.h"
#include "eval/findings_reader.h"
#include "eval/scorer.h"
#include "report/utf8.h"
#include "simulate/ground_truth.h"

namespace spraytrace::cli {
namespace {

constexpr const char* kEvalExamples = R"(Examples:
  spraytrace simulate --preset mixed --out sim
  spraytrace scan sim/auth.log --findings sim/findings.jsonl    (exits 1 when it finds something)
  spraytrace eval --truth sim/truth.json --findings sim/findings.jsonl --min-recall 0.9
  spraytrace scan sim/auth.log | spraytrace eval --truth sim/truth.json --findings -
  spraytrace eval --truth sim/truth.json --findings sim/findings.jsonl --json |
    jq '.scenarios[] | {id, recall, seconds_to_first_finding}'

A source is flagged when a finding names it in related.ip or source.ip. Precision and recall are
over attacking sources (every scenario's addresses, background noise included); "targeted"
repeats them without background-noise sources. Metrics and JSON keys: docs/eval.md.
Findings lines that are not findings are counted and reported; the rest is still scored.
Exit codes: 0 every floor given is met, 1 a floor is not met, 2 usage or input error (or no
finding line could be read).)";

void PrintError(std::string_view message) {
  fmt::print(stderr, "spraytrace eval: {}\n", report::EscapeForTerminal(message));
}

}  // namespace

void EvalCommand::Register(CLI::App* app) {
  CLI::App* eval = app->add_subcommand("eval", "Score findings against a simulator's ground truth");
  eval->footer(kEvalExamples);
  eval->add_option("--truth", truth_path_, "Ground truth written by 'spraytrace simulate'")
      ->option_text("FILE")
      ->required();
  eval->add_option("--findings", findings_path_, "Findings JSON lines ('-': stdin)")
      ->option_text("FILE")
      ->required();
  eval->add_flag("--json", json_, "Print the scores as one JSON document instead of a table");
  eval->add_option("--min-recall", min_recall_,
                   "Exit 1 unless the recall of attacking sources is at least X")
      ->option_text("X")
      ->check(CLI::Range(0.0, 1.0));
  eval->add_option("--min-precision", min_precision_,
                   "Exit 1 unless the precision of flagged sources is at least Y")
      ->option_text("Y")
      ->check(CLI::Range(0.0, 1.0));
  eval->callback([this] {
    ran_ = true;
    exit_code_ = Run();
  });
}

ExitCode EvalCommand::Run() {
  auto truth = simulate::LoadGroundTruth(truth_path_);
  if (!truth) {
    PrintError(truth.error().message());
    return ExitCode::kUsageOrInputError;
  }
  auto findings = eval::LoadFindings(findings_path_);
  if (!findings) {
    PrintError(findings.error().message());
    return ExitCode::kUsageOrInputError;
  }
  const eval::Results results = eval::Score(*truth, *findings);
  const eval::ReportContext context{truth_path_, findings_path_, {min_recall_, min_precision_}};
  if (json_) {
    fmt::print("{}", eval::RenderEvalJson(results, context));
  } else {
    fmt::print("{}", eval::RenderEvalText(results, context));
  }
  if (results.bad_lines > 0 && json_) {  // the table lists them itself
    PrintError(fmt::format("{} of {} findings lines could not be read (first: line {}: {})",
                           results.bad_lines, results.finding_lines,
                           results.bad_samples.front().line, results.bad_samples.front().reason));
  }
  if (results.finding_lines > 0 && results.findings == 0) {
    PrintError("no findings line could be read");
    return ExitCode::kUsageOrInputError;
  }
  const std::vector<std::string> unmet = eval::UnmetFloors(results, context.floors);
  for (const std::string& line : unmet) PrintError(line);
  // eval shares scan's numbers: 0 is "all good", 1 "look at this" (here: a floor not met).
  return unmet.empty() ? ExitCode::kNothingFound : ExitCode::kFindings;
}

}  // namespace spraytrace::cli
