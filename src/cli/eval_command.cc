#include "cli/eval_command.h"

namespace spraytrace::cli {

// Placeholder until the eval command lands: registers nothing.
void EvalCommand::Register(CLI::App* /*app*/) {}
ExitCode EvalCommand::Run() { return ExitCode::kUsageOrInputError; }

}  // namespace spraytrace::cli
