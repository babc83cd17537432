// Scenario fixtures: tests/scenarios/<behaviour>/ holds input.log (lines in a real format),
// expected.jsonl (the findings, empty when the behaviour must stay quiet), a one-line README,
// and optionally config.toml. Only the contract fields scripts rely on are compared:
// rule.name, related.ip, related.user and user.name (Zeek's btest-diff-cut idea), so summaries,
// confidences and evidence can improve without rewriting fixtures.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cli/config_file.h"
#include "cli/scan_runner.h"
#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;

std::string Join(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

// "rule | ips | users | user.name": the comparable part of one finding.
std::string Key(std::string_view rule, std::vector<std::string> ips, std::vector<std::string> users,
                std::string_view user_name) {
  return std::string(rule) + " | ip=" + Join(std::move(ips)) + " | user=" + Join(std::move(users)) +
         " | user.name=" + std::string(user_name);
}

std::vector<std::string> StringArray(simdjson::dom::element element) {
  std::vector<std::string> out;
  simdjson::dom::array array;
  if (element.get(array) != simdjson::SUCCESS) return out;
  for (auto item : array) out.emplace_back(std::string_view(item));
  return out;
}

std::vector<std::string> ExpectedKeys(const fs::path& file) {
  std::vector<std::string> keys;
  std::ifstream in(file);
  std::string line;
  simdjson::dom::parser parser;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    simdjson::dom::element doc = parser.parse(line);
    std::string_view user_name;
    if (doc["user"]["name"].get(user_name) != simdjson::SUCCESS) user_name = "";
    keys.push_back(Key(std::string_view(doc["rule"]["name"]), StringArray(doc["related"]["ip"]),
                       StringArray(doc["related"]["user"]), user_name));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<std::string> ScenarioNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(testing::SourceDir() / "tests" / "scenarios")) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, FindsExactlyTheExpectedFindings) {
  const fs::path dir = testing::SourceDir() / "tests" / "scenarios" / GetParam();
  ASSERT_TRUE(fs::exists(dir / "README")) << "every scenario says what it tests in README";
  ASSERT_TRUE(fs::exists(dir / "input.log"));
  cli::ScanOptions options;
  options.inputs = {(dir / "input.log").string()};
  options.year = 2026;
  if (fs::exists(dir / "config.toml")) {
    cli::Config config;
    ASSERT_TRUE(cli::ApplyConfigFile((dir / "config.toml").string(), &config).ok());
    options.detectors = config.detectors;
  }
  cli::ScanContext context;
  detect::CollectingFindingSink sink;
  ASSERT_TRUE(cli::RunScan(options, &context, &sink).ok());
  EXPECT_EQ(context.counts.not_understood, 0u) << "fixtures are written in real formats";

  std::vector<std::string> actual;
  std::string summaries;
  for (const auto& f : sink.findings) {
    std::vector<std::string> ips;
    for (const auto& ip : f.related_ips) ips.push_back(ip.ToString());
    actual.push_back(Key(detect::RuleName(f.rule), ips, f.related_users, f.user_name));
    summaries += "\n  " + f.rule_id + ": " + f.summary;
  }
  std::sort(actual.begin(), actual.end());
  EXPECT_EQ(actual, ExpectedKeys(dir / "expected.jsonl")) << "findings made:" << summaries;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Scenario, ::testing::ValuesIn(ScenarioNames()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace spraytrace
