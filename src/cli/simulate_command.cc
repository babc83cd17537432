#include "cli/simulate_command.h"

#include <fmt/format.h>

#include <chrono>

#include "report/utf8.h"
#include "simulate/iso_time.h"
#include "simulate/log_formats.h"
#include "simulate/simulator.h"

namespace spraytrace::cli {
namespace {

constexpr const char* kSimulateExamples = R"(Examples:
  spraytrace simulate --out sim                          mixed preset, 7 days, 2,000 users
  spraytrace simulate --out sim --preset covert-network --days 30 --users 5000
  spraytrace simulate --out sim --preset benign --seed 7 --format sshd-journal
  spraytrace simulate --out sim --set covert.pool_size=20000 --set covert.rate=0.5
  spraytrace simulate --print-config                     every --set key with its value
  spraytrace simulate --out sim && spraytrace scan sim/auth.log

Presets: benign; brute-force (benign + 1 brute force); single-source-spray (benign + 1 spray);
covert-network (benign + a CovertNetwork-1658-like campaign from day 2); mixed (benign + 2
brute force + 1 single-source spray + covert network + internet background noise).
Writes OUT/auth.log (OUT/auth.jsonl for sshd-journal, `journalctl -o json` lines) and
OUT/truth.json (docs/truth-format.md). The same flags and seed give byte-identical files.
The model and every default: docs/simulator.md. It writes files only; it sends nothing.
Exit codes: 0 written, 2 usage error or the files could not be written.)";

void PrintError(std::string_view message) {
  fmt::print(stderr, "spraytrace simulate: {}\n", report::EscapeForTerminal(message));
}

// "YYYY-MM-DD" -> midnight UTC.
bool ParseDate(const std::string& text, Timestamp* out) {
  return text.size() == 10 && simulate::ParseIsoTime(text + "T00:00:00Z", out);
}

}  // namespace

void SimulateCommand::Register(CLI::App* app) {
  CLI::App* sim = app->add_subcommand(
      "simulate", "Write a realistic sshd log with labelled attacks, and its ground truth");
  sim->footer(kSimulateExamples);
  sim->add_option("--out", out_dir_, "Folder to write auth.log (or auth.jsonl) and truth.json")
      ->option_text("DIR");
  sim->add_option("--preset", preset_,
                  "benign, brute-force, single-source-spray, covert-network or mixed")
      ->capture_default_str();
  sim->add_option("--days", days_, "Length of the period (default 7)");
  sim->add_option("--users", users_, "People with an account (default 2000)");
  sim->add_option("--seed", seed_, "Random seed (default 1)");
  sim->add_option("--start", start_, "First day, YYYY-MM-DD (default 2026-11-02, UTC)");
  sim->add_option("--format", format_, "Log format to write: " + simulate::LogFormatNames())
      ->capture_default_str();
  sim->add_option("--set", settings_, "Override one parameter, e.g. covert.pool_size=8000")
      ->option_text("KEY=VALUE");
  sim->add_flag("--print-config", print_config_, "Print every parameter with its value and exit");
  sim->add_flag("--quiet", quiet_, "Print nothing on success");
  sim->callback([this] {
    ran_ = true;
    exit_code_ = Run();
  });
}

ExitCode SimulateCommand::Run() {
  simulate::SimulationConfig config;
  Status status = simulate::ApplyPreset(preset_, &config);
  if (days_) config.days = *days_;
  if (users_) config.benign.users = *users_;
  if (seed_) config.seed = *seed_;
  if (status.ok() && !start_.empty() && !ParseDate(start_, &config.start)) {
    status = Status::InvalidArgument(
        fmt::format("invalid --start '{}': must be a date YYYY-MM-DD", start_));
  }
  if (status.ok() && !simulate::ParseLogFormat(format_, &config.format)) {
    status = Status::InvalidArgument(fmt::format("invalid --format '{}': must be one of {}",
                                                 format_, simulate::LogFormatNames()));
  }
  for (const std::string& setting : settings_) {
    if (status.ok()) status = simulate::ApplySimulationSetting(setting, &config);
  }
  if (status.ok()) status = config.Validate();
  if (!status.ok()) {
    PrintError(status.message());
    return ExitCode::kUsageOrInputError;
  }
  if (print_config_) {
    fmt::print("{}", simulate::RenderSimulationConfig(config));
    return ExitCode::kNothingFound;
  }
  if (out_dir_.empty()) {
    PrintError("no output folder: give --out DIR");
    return ExitCode::kUsageOrInputError;
  }
  const auto begin = std::chrono::steady_clock::now();
  simulate::SimulationStats stats;
  if (Status s = simulate::SimulateToDirectory(config, out_dir_, &stats); !s.ok()) {
    PrintError(s.message());
    return ExitCode::kUsageOrInputError;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  if (!quiet_) {
    fmt::print(stderr,
               "Wrote {}/{}: {} lines, {} authentication attempts ({} by attackers), {:.1f} MB "
               "in {:.2f}s ({:.0f} attempts/s, {:.0f} MB/s)\nWrote {}/truth.json\n",
               out_dir_, simulate::LogFileName(config.format), stats.lines, stats.attempts,
               stats.attack_attempts, static_cast<double>(stats.bytes) / 1e6, seconds,
               static_cast<double>(stats.attempts) / seconds,
               static_cast<double>(stats.bytes) / 1e6 / seconds, out_dir_);
  }
  return ExitCode::kNothingFound;
}

}  // namespace spraytrace::cli
