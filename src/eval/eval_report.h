// Renders eval Results for people (an aligned text table) and for scripts (one JSON document
// with the stable keys of docs/eval.md). Every string from truth or findings is escaped: JSON
// through JsonWriter, text through EscapeForTerminal. Pure functions; nothing is printed here.
#ifndef SPRAYTRACE_EVAL_EVAL_REPORT_H_
#define SPRAYTRACE_EVAL_EVAL_REPORT_H_

#include <string>

#include "eval/scorer.h"

namespace spraytrace::eval {

// What was scored, for the report's header, and the floors to show as met or not.
struct ReportContext {
  std::string truth_path;
  std::string findings_path;
  Floors floors;
};

inline constexpr std::string_view kEvalJsonFormat = "spraytrace-eval/1";

std::string RenderEvalText(const Results& results, const ReportContext& context);
std::string RenderEvalJson(const Results& results, const ReportContext& context);

}  // namespace spraytrace::eval

#endif  // SPRAYTRACE_EVAL_EVAL_REPORT_H_
