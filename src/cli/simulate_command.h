// `spraytrace simulate`: writes a labelled authentication log and its ground truth. See
// Register() for the flags and help text, src/simulate/simulator.h for the library.
#ifndef SPRAYTRACE_CLI_SIMULATE_COMMAND_H_
#define SPRAYTRACE_CLI_SIMULATE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

  std::string out_dir_;
  std::string preset_ = "mixed";
  std::optional<int64_t> days_;
  std::optional<int64_t> users_;
  std::optional<uint64_t> seed_;
  std::string start_;
  std::string format_ = "sshd-syslog";
  std::vector<std::string> settings_;
  bool print_config_ = false;
  bool quiet_ = false;
  ExitCode exit_code_ = ExitCode::kNothingFound;
  bool ran_ = false;
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_SIMULATE_COMMAND_H_
