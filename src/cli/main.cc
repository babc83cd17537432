// The spraytrace command. The only place in the project that prints or exits.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/blocklist_command.h"
#include "cli/eval_command.h"
#include "cli/exit_codes.h"
#include "cli/scan_command.h"
#include "cli/simulate_command.h"

int main(int argc, char** argv) {
  using spraytrace::cli::ExitCode;
  CLI::App app{
      "spraytrace finds password spraying in authentication logs: loud brute force, single-source\n"
      "sprays, and the covert low-and-slow kind spread over thousands of addresses.",
      "spraytrace"};
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 2 usage or input error; otherwise scan: 0 nothing found, 1 findings;\n"
      "eval: 0 every floor met, 1 a floor missed; simulate, blocklist: 0 written.\n"
      "Run 'spraytrace COMMAND --help' for a command's options and examples.");
  app.set_version_flag("--version", "spraytrace " SPRAYTRACE_VERSION);

  spraytrace::cli::ScanCommand scan;
  scan.Register(&app);
  spraytrace::cli::SimulateCommand simulate;
  simulate.Register(&app);
  spraytrace::cli::EvalCommand eval;
  eval.Register(&app);
  spraytrace::cli::BlocklistCommand blocklist;
  blocklist.Register(&app);

  if (argc == 1) {  // bare `spraytrace`: teach instead of "A subcommand is required"
    std::fputs(app.help().c_str(), stderr);
    return static_cast<int>(ExitCode::kUsageOrInputError);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsageOrInputError);
  }
  if (simulate.ran()) return static_cast<int>(simulate.exit_code());
  if (eval.ran()) return static_cast<int>(eval.exit_code());
  if (blocklist.ran()) return static_cast<int>(blocklist.exit_code());
  return static_cast<int>(scan.exit_code());
}
