// `spraytrace scan`: flags, help text with examples, and what goes where (findings, summary,
// diagnostics) depending on whether stdout is a terminal.
#ifndef SPRAYTRACE_CLI_SCAN_COMMAND_H_
#define SPRAYTRACE_CLI_SCAN_COMMAND_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/blocklist_output.h"
#include "cli/exit_codes.h"

namespace spraytrace::cli {

class ScanCommand {
 public:
  // Adds the subcommand to app; it runs from CLI11's callback after parsing.
  void Register(CLI::App* app);
  ExitCode exit_code() const { return exit_code_; }
  // True once the subcommand was given and has run.
  bool ran() const { return ran_; }

 private:
  ExitCode Run();

  std::vector<std::string> inputs_;
  std::string findings_path_;
  std::string report_path_;
  BlocklistRequest blocklists_;
  std::string config_path_;
  std::vector<std::string> settings_;
  std::optional<int> year_;
  std::string format_;       // --format: one log family only
  std::string csv_columns_;  // --csv-columns: mapping for generic CSV exports
  // Enrichment files; given on the command line, each replaces the config file's value.
  std::string asn_db_;
  std::string geo_db_;
  std::string ip2asn_;
  std::vector<std::string> intel_;
  bool summary_ = false;
  bool no_summary_ = false;
  bool no_progress_ = false;
  bool print_config_ = false;
  std::string state_path_;  // --state: detection state kept across runs
  bool state_reset_ = false;
  size_t top_ = 10;
  int threads_ = 0;  // --threads; 0: every core
  ExitCode exit_code_ = ExitCode::kNothingFound;
  bool ran_ = false;
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_SCAN_COMMAND_H_
