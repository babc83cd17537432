// `spraytrace blocklist`: builds blocklists from a saved findings file under the [blocklist]
// policy, the same lists `scan --blocklist` writes. Exit codes: 0 written, 2 usage or input
// error (or no finding line could be read).
#ifndef SPRAYTRACE_CLI_BLOCKLIST_COMMAND_H_
#define SPRAYTRACE_CLI_BLOCKLIST_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/blocklist_output.h"
#include "cli/exit_codes.h"

namespace spraytrace::cli {

class BlocklistCommand {
 public:
  // Adds the subcommand to app; it runs from CLI11's callback after parsing.
  void Register(CLI::App* app);
  ExitCode exit_code() const { return exit_code_; }
  // True once the subcommand was given and has run.
  bool ran() const { return ran_; }

 private:
  ExitCode Run();

  std::string findings_path_;
  BlocklistRequest request_;
  std::string config_path_;
  std::vector<std::string> settings_;
  bool print_config_ = false;
  bool quiet_ = false;
  ExitCode exit_code_ = ExitCode::kNothingFound;
  bool ran_ = false;
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_BLOCKLIST_COMMAND_H_
