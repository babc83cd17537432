// `spraytrace simulate`: see Register() for its flags and help text.
#ifndef SPRAYTRACE_CLI_SIMULATE_COMMAND_H_
#define SPRAYTRACE_CLI_SIMULATE_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/exit_codes.h"

namespace spraytrace::cli {

class SimulateCommand {
 public:
  // Adds the subcommand to app; it runs from CLI11's callback after parsing.
  void Register(CLI::App* app);
  ExitCode exit_code() const { return exit_code_; }
  // True once the subcommand was given and has run.
  bool ran() const { return ran_; }

 private:
  ExitCode Run();
  ExitCode exit_code_ = ExitCode::kNothingFound;
  bool ran_ = false;
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_SIMULATE_COMMAND_H_
