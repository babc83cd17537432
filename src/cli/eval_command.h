// `spraytrace eval`: scores findings against a simulator's ground truth; flags, help text with
// examples, and exit codes (0 floors met, 1 a floor not met, 2 usage or input error).
#ifndef SPRAYTRACE_CLI_EVAL_COMMAND_H_
#define SPRAYTRACE_CLI_EVAL_COMMAND_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/exit_codes.h"

namespace spraytrace::cli {

class EvalCommand {
 public:
  // Adds the subcommand to app; it runs from CLI11's callback after parsing.
  void Register(CLI::App* app);
  ExitCode exit_code() const { return exit_code_; }
  // True once the subcommand was given and has run.
  bool ran() const { return ran_; }

 private:
  ExitCode Run();

  std::string truth_path_;
  std::string findings_path_;
  bool json_ = false;
  std::optional<double> min_recall_;
  std::optional<double> min_precision_;
  ExitCode exit_code_ = ExitCode::kNothingFound;
  bool ran_ = false;
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_EVAL_COMMAND_H_
