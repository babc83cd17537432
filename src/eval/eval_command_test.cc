// `spraytrace eval` in-process: exit codes for floors met and unmet, bad and missing input.
#include "cli/eval_command.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "simulate/ground_truth.h"

namespace spraytrace::cli {
namespace {

namespace fs = std::filesystem;

constexpr Timestamp kT0 = 1'800'000'000 * kMicrosPerSecond;

std::string FindingLine(std::string_view ip) {
  return fmt::format(R"({{"@timestamp":"2027-01-15T09:00:00Z","rule":{{"name":"brute_force"}},)"
                     R"("related":{{"ip":["{}"],"user":["root"]}}}})",
                     ip);
}

class EvalCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spraytrace_eval_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    simulate::GroundTruth truth;
    truth.start = kT0;
    truth.end = kT0 + kMicrosPerDay;
    truth.log_format = "sshd-syslog";
    simulate::Scenario s;
    s.id = "spray-1";
    s.kind = simulate::ScenarioKind::kSingleSourceSpray;
    s.start = kT0;
    s.end = kT0 + kMicrosPerHour;
    for (int i = 1; i <= 4; ++i)
      s.sources.push_back(*IpAddress::Parse(fmt::format("10.0.0.{}", i)));
    s.targeted_accounts = {"root"};
    truth.scenarios = {s};
    Write("truth.json", simulate::GroundTruthToJson(truth));
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  // Runs `spraytrace eval` with args; stdout is kept in out_.
  int Run(std::vector<std::string> args) {
    CLI::App app{"test"};
    EvalCommand eval;
    eval.Register(&app);
    args.insert(args.begin(), "eval");
    std::reverse(args.begin(), args.end());  // CLI11 wants them last-first
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    int code = -1;
    try {
      app.parse(args);
      code = eval.ran() ? static_cast<int>(eval.exit_code()) : -1;
    } catch (const CLI::ParseError& e) {
      code = static_cast<int>(ExitCode::kUsageOrInputError);
    }
    out_ = ::testing::internal::GetCapturedStdout();
    err_ = ::testing::internal::GetCapturedStderr();
    return code;
  }

  std::string Truth() const { return (dir_ / "truth.json").string(); }

  fs::path dir_;
  std::string out_, err_;
};

TEST_F(EvalCommandTest, FloorsMetExitZero) {
  const std::string findings =
      Write("f.jsonl", FindingLine("10.0.0.1") + "\n" + FindingLine("10.0.0.2") + "\n" +
                           FindingLine("10.0.0.3") + "\n" + FindingLine("10.0.0.4") + "\n");
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", findings, "--min-recall", "1", "--min-precision",
                 "1"}),
            0)
      << err_;
  EXPECT_NE(out_.find("Floors: met"), std::string::npos) << out_;
}

TEST_F(EvalCommandTest, UnmetRecallExitsOneAndSaysWhich) {
  const std::string findings = Write("f.jsonl", FindingLine("10.0.0.1") + "\n");
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", findings, "--min-recall", "0.9"}), 1);
  EXPECT_NE(err_.find("recall 0.250 (1 of 4 attacking sources flagged) is below --min-recall 0.9"),
            std::string::npos)
      << err_;
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", findings, "--min-recall", "0.25"}), 0);
}

TEST_F(EvalCommandTest, UnmetPrecisionExitsOne) {
  const std::string findings =
      Write("f.jsonl", FindingLine("10.0.0.1") + "\n" + FindingLine("192.0.2.1") + "\n");
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", findings, "--min-precision", "0.6"}), 1);
  EXPECT_NE(err_.find("precision 0.500"), std::string::npos) << err_;
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", findings}), 0);  // no floors: scores only
}

TEST_F(EvalCommandTest, EmptyFindingsScoreZeroRecallWithoutError) {
  const std::string findings = Write("f.jsonl", "");
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", findings, "--json"}), 0) << err_;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out_).get(doc), simdjson::SUCCESS) << out_;
  EXPECT_DOUBLE_EQ(double(doc["sources"]["all"]["recall"]), 0.0);
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", findings, "--min-recall", "0.1"}), 1);
}

TEST_F(EvalCommandTest, BadLinesAreReportedAndTheRestScored) {
  const std::string findings =
      Write("f.jsonl", "garbage\n" + FindingLine("10.0.0.1") + "\n{\"x\":1}\n");
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", findings, "--json"}), 0);
  EXPECT_NE(err_.find("2 of 3 findings lines could not be read (first: line 1:"), std::string::npos)
      << err_;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out_).get(doc), simdjson::SUCCESS) << out_;
  EXPECT_EQ(uint64_t(doc["findings"]["scored"]), 1u);
  EXPECT_EQ(uint64_t(doc["findings"]["bad_lines"]), 2u);
}

TEST_F(EvalCommandTest, NothingReadableOrMissingInputExitsTwo) {
  const std::string garbage = Write("g.jsonl", "garbage\nmore garbage\n");
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", garbage}), 2);
  EXPECT_NE(err_.find("no findings line could be read"), std::string::npos) << err_;
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", (dir_ / "missing.jsonl").string()}), 2);
  EXPECT_EQ(Run({"--truth", (dir_ / "missing.json").string(), "--findings", garbage}), 2);
  const std::string not_truth = Write("nt.json", R"({"format":"something-else"})");
  EXPECT_EQ(Run({"--truth", not_truth, "--findings", garbage}), 2);
  EXPECT_NE(err_.find("is this a truth.json?"), std::string::npos) << err_;
  EXPECT_EQ(Run({"--truth", Truth(), "--findings", garbage, "--min-recall", "1.5"}), 2);
  EXPECT_EQ(Run({"--findings", garbage}), 2);  // --truth is required
}

}  // namespace
}  // namespace spraytrace::cli
