#include "cli/simulate_command.h"

namespace spraytrace::cli {

// Placeholder until the simulate command lands: registers nothing.
void SimulateCommand::Register(CLI::App* /*app*/) {}
ExitCode SimulateCommand::Run() { return ExitCode::kUsageOrInputError; }

}  // namespace spraytrace::cli
