// The Windows writers end to end: a mixed scenario (brute forces, a single-source spray, a
// covert network) written as Winlogbeat JSON and as event XML is found by `spraytrace scan`
// exactly as its sshd-syslog rendering is, rule by rule and source by source.
#include "simulate/windows_writers.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "cli/scan_runner.h"
#include "simulate/simulator.h"

namespace spraytrace::simulate {
namespace {

namespace fs = std::filesystem;

// rule id -> the sources and accounts its findings name.
using Detections = std::map<std::string, std::set<std::string>>;

Detections SimulateAndScan(LogFormat format, const fs::path& dir, std::string* first_line) {
  SimulationConfig config;
  EXPECT_TRUE(ApplyPreset("mixed", &config).ok());
  config.days = 2;
  config.benign.users = 300;
  config.format = format;
  SimulationStats stats;
  EXPECT_TRUE(SimulateToDirectory(config, dir.string(), &stats).ok());
  const fs::path log = dir / LogFileName(format);
  std::ifstream in(log);
  std::getline(in, *first_line);

  cli::ScanOptions options;
  options.inputs = {log.string()};
  options.year = 2026;
  cli::ScanContext context;
  detect::CollectingFindingSink findings;
  EXPECT_TRUE(cli::RunScan(options, &context, &findings).ok());
  EXPECT_EQ(context.counts.not_understood, 0u);
  EXPECT_EQ(context.diagnostics.Total(), 0u);
  Detections d;
  for (const detect::Finding& f : findings.findings) {
    std::set<std::string>& named = d[f.rule_id];
    if (f.source_ip) named.insert(f.source_ip->ToString());
    if (!f.user_name.empty()) named.insert("user:" + f.user_name);
    for (const IpAddress& ip : f.related_ips) named.insert(ip.ToString());
  }
  return d;
}

TEST(WindowsWriters, MixedScenarioFindsTheSameAsSshd) {
  const fs::path root =
      fs::temp_directory_path() / ("spraytrace_windows_writers_" + std::to_string(::getpid()));
  std::string line;
  const Detections reference = SimulateAndScan(LogFormat::kSshdSyslog, root / "sshd", &line);
  ASSERT_TRUE(reference.count("brute_force.burst"));
  ASSERT_TRUE(reference.count("single_source_spray.breadth"));
  const Detections json = SimulateAndScan(LogFormat::kWindowsJson, root / "json", &line);
  EXPECT_TRUE(line.starts_with("{\"@timestamp\":\"2026-")) << line;
  EXPECT_NE(line.find("\"winlog\":{"), std::string::npos);
  EXPECT_EQ(json, reference);
  const Detections xml = SimulateAndScan(LogFormat::kWindowsXml, root / "xml", &line);
  EXPECT_TRUE(line.starts_with("<Event xmlns=")) << line;
  EXPECT_TRUE(line.ends_with("</Event>")) << line;
  EXPECT_EQ(xml, reference);
  fs::remove_all(root);
}

}  // namespace
}  // namespace spraytrace::simulate
