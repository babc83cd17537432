// Exit codes scripts can rely on; documented in `spraytrace --help` and the README.
#ifndef SPRAYTRACE_CLI_EXIT_CODES_H_
#define SPRAYTRACE_CLI_EXIT_CODES_H_

namespace spraytrace::cli {

enum class ExitCode : int {
  kNothingFound = 0,
  kFindings = 1,
  kUsageOrInputError = 2,  // bad flags or config, or no input could be read at all
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_EXIT_CODES_H_
