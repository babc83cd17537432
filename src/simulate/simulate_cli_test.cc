// `spraytrace simulate` end to end: a mixed run scanned by `spraytrace scan` (in-process) finds
// the brute-force and single-source-spray sources; the binary's exit codes and error messages.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli/scan_runner.h"
#include "simulate/simulator.h"

namespace spraytrace::simulate {
namespace {

namespace fs = std::filesystem;

class SimulateCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spraytrace_sim_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the binary with args; returns its exit code, stderr in *err.
  int Run(const std::string& args, std::string* err) {
    const fs::path err_path = dir_ / "stderr";
    const std::string command = std::string("'") + SPRAYTRACE_BINARY + "' " + args +
                                " </dev/null >/dev/null 2>'" + err_path.string() + "'";
    const int status = std::system(command.c_str());
    std::ifstream in(err_path);
    err->assign(std::istreambuf_iterator<char>(in), {});
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::path dir_;
};

TEST_F(SimulateCliTest, ScanFindsTheLoudScenarios) {
  SimulationConfig config;
  ASSERT_TRUE(ApplyPreset("mixed", &config).ok());
  config.days = 2;
  config.benign.users = 300;
  SimulationStats stats;
  ASSERT_TRUE(SimulateToDirectory(config, dir_.string(), &stats).ok());
  auto truth = LoadGroundTruth((dir_ / "truth.json").string());
  ASSERT_TRUE(truth.has_value());

  cli::ScanOptions options;
  options.inputs = {(dir_ / "auth.log").string()};
  options.year = 2026;
  cli::ScanContext context;
  detect::CollectingFindingSink findings;
  ASSERT_TRUE(cli::RunScan(options, &context, &findings).ok());
  std::set<IpAddress> flagged;
  for (const detect::Finding& f : findings.findings) {
    if (f.source_ip) flagged.insert(*f.source_ip);
  }
  for (const Scenario& s : truth->scenarios) {
    if (s.kind != ScenarioKind::kBruteForce && s.kind != ScenarioKind::kSingleSourceSpray) {
      continue;
    }
    ASSERT_EQ(s.sources.size(), 1u);
    EXPECT_TRUE(flagged.count(s.sources[0])) << s.id << " " << s.sources[0].ToString();
  }
  EXPECT_EQ(context.counts.not_understood, 0u);
}

TEST_F(SimulateCliTest, BinaryWritesFilesAndRejectsBadSettings) {
  if (!fs::exists(SPRAYTRACE_BINARY)) GTEST_SKIP() << "binary not built";
  std::string err;
  const std::string out = (dir_ / "sim").string();
  EXPECT_EQ(Run("simulate --out '" + out + "' --preset benign --days 1 --users 50 --quiet", &err),
            0)
      << err;
  EXPECT_TRUE(fs::exists(dir_ / "sim" / "auth.log"));
  EXPECT_TRUE(fs::exists(dir_ / "sim" / "truth.json"));
  EXPECT_EQ(Run("simulate --out '" + out + "' --set covert.pool_size=many", &err), 2);
  EXPECT_NE(err.find("covert.pool_size 'many'"), std::string::npos) << err;
  EXPECT_EQ(Run("simulate --out '" + out + "' --set covert.nodes=5", &err), 2);
  EXPECT_NE(err.find("unknown setting 'covert.nodes'"), std::string::npos) << err;
  EXPECT_EQ(Run("simulate --out '" + out + "' --preset loud", &err), 2);
  EXPECT_EQ(Run("simulate --out '" + out + "' --format splunk", &err), 2);
  EXPECT_NE(err.find("--format 'splunk'"), std::string::npos) << err;
}

}  // namespace
}  // namespace spraytrace::simulate
