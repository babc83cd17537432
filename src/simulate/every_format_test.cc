// Every format `spraytrace simulate --format` writes is read back by `spraytrace scan` to the
// same detection: a covert-network scenario written as sshd syslog and as each other format
// gives the same attributed sources and the same compromised accounts. A new family's writer
// (a row in simulate/log_formats.cc) is checked here without writing a test of its own.
//
// The formats that log one record per attempt (every one but sshd's) must also read back to the
// same attempts, failed and succeeded: OpenVPN writes up to five lines per refused password and
// four per login, Cisco ASA two, and those are joined into one attempt each. (sshd counts a few
// more failures: connections that gave up before any verdict, which the others do not log.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>

#include "cli/scan_runner.h"
#include "event/user_name.h"
#include "parse/csv/csv_mapping.h"
#include "simulate/generic_writers.h"
#include "simulate/log_formats.h"
#include "simulate/simulator.h"

namespace spraytrace::simulate {
namespace {

namespace fs = std::filesystem;

struct Detected {
  std::set<IpAddress> sources;
  std::set<std::string> compromised;
  size_t findings = 0;
  uint64_t failures = 0;
  uint64_t successes = 0;
};

Detected SimulateAndScan(LogFormat format, const fs::path& dir) {
  SimulationConfig config;
  EXPECT_TRUE(ApplyPreset("covert-network", &config).ok());
  config.days = 3;
  config.benign.users = 300;
  config.seed = 2;
  config.format = format;
  SimulationStats stats;
  EXPECT_TRUE(SimulateToDirectory(config, dir.string(), &stats).ok());

  cli::ScanOptions options;
  options.inputs = {(dir / LogFileName(format)).string()};
  options.year = 2026;
  options.parser.families.csv = *parse::ParseCsvMapping(kSimulatedCsvColumns);
  cli::ScanContext context;
  detect::CollectingFindingSink findings;
  EXPECT_TRUE(cli::RunScan(options, &context, &findings).ok());
  EXPECT_EQ(context.counts.not_understood, 0u) << LogFormatName(format);
  EXPECT_EQ(context.diagnostics.Total(), 0u) << LogFormatName(format);
  Detected d;
  d.findings = findings.findings.size();
  d.failures = context.tally.failures();
  d.successes = context.tally.successes();
  for (const detect::Finding& f : findings.findings) {
    d.sources.insert(f.related_ips.begin(), f.related_ips.end());
    // The account, not its spelling: Entra logs alice@contoso.example where sshd logs alice.
    std::string account;
    CanonicalUserName(f.user_name, UserCase::kSensitive, &account);
    if (f.rule == detect::Rule::kCompromise) d.compromised.insert(account);
  }
  return d;
}

TEST(EveryFormat, CovertScenarioReadsBackTheSameInEveryFormat) {
  const fs::path root =
      fs::temp_directory_path() / ("spraytrace_every_format_" + std::to_string(::getpid()));
  const Detected reference = SimulateAndScan(LogFormat::kSshdSyslog, root / "sshd-syslog");
  ASSERT_GT(reference.sources.size(), 100u);
  ASSERT_FALSE(reference.compromised.empty());
  const Detected per_attempt = SimulateAndScan(LogFormat::kEcs, root / "ecs-reference");
  EXPECT_GT(reference.failures, per_attempt.failures);  // the aborted connections
  EXPECT_EQ(reference.successes, per_attempt.successes);
  for (const LogFormatInfo& info : LogFormats()) {
    if (info.format == LogFormat::kSshdSyslog) continue;
    SCOPED_TRACE(std::string(info.name));
    const Detected d = SimulateAndScan(info.format, root / std::string(info.name));
    EXPECT_EQ(d.sources, reference.sources);
    EXPECT_EQ(d.compromised, reference.compromised);
    EXPECT_EQ(d.findings, reference.findings);
    if (info.name.starts_with("entra-")) {
      // Some compromises are written as 50076 (MFA required): a failure whose password was
      // right, which the detectors count as the login it is.
      EXPECT_EQ(d.failures + d.successes, per_attempt.failures + per_attempt.successes);
      EXPECT_LT(d.successes, per_attempt.successes);
    } else if (info.format != LogFormat::kSshdJournal) {
      EXPECT_EQ(d.failures, per_attempt.failures);
      EXPECT_EQ(d.successes, per_attempt.successes);
    }
  }
  fs::remove_all(root);
}

}  // namespace
}  // namespace spraytrace::simulate
