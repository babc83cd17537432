// The multi-threaded scan reports exactly what the single-threaded one does (docs/pipeline.md):
// every simulator preset, plain and compressed, scanned with --threads 1, 2 and 4, findings
// compared byte for byte and the run's counts and diagnostics compared too.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/scan_runner.h"
#include "ingest/test_files.h"
#include "report/findings_jsonl.h"
#include "simulate/simulation_test_support.h"

namespace spraytrace::cli {
namespace {

struct ScanOutput {
  std::string findings;  // JSON lines
  uint64_t lines = 0;
  uint64_t relevant = 0;
  uint64_t bytes = 0;
  uint64_t diagnostics = 0;
};

ScanOutput Scan(const std::vector<std::string>& inputs, int threads) {
  ScanOptions options;
  options.inputs = inputs;
  options.year = 2026;
  options.threads = threads;
  ScanContext context;
  char* data = nullptr;
  size_t size = 0;
  std::FILE* out = ::open_memstream(&data, &size);
  {
    report::FindingsJsonlWriter writer(out, &context.files);
    EXPECT_TRUE(RunScan(options, &context, &writer).ok());
  }
  std::fclose(out);
  ScanOutput result;
  result.findings.assign(data, size);
  std::free(data);
  result.lines = context.counts.lines;
  result.relevant = context.counts.relevant_lines;
  result.bytes = context.counts.bytes;
  result.diagnostics = context.diagnostics.Total();
  return result;
}

void ExpectSameForEveryThreadCount(const std::vector<std::string>& inputs, bool expect_findings) {
  const ScanOutput one = Scan(inputs, 1);
  ASSERT_GT(one.lines, 1000u);
  if (expect_findings) {
    EXPECT_NE(one.findings.find("\"rule\":{\"name\""), std::string::npos) << one.findings;
  }
  for (int threads : {2, 4}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    const ScanOutput many = Scan(inputs, threads);
    EXPECT_EQ(one.findings, many.findings);
    EXPECT_EQ(one.lines, many.lines);
    EXPECT_EQ(one.relevant, many.relevant);
    EXPECT_EQ(one.bytes, many.bytes);
    EXPECT_EQ(one.diagnostics, many.diagnostics);
  }
}

class ScanThreads : public ::testing::TestWithParam<const char*> {};

TEST_P(ScanThreads, FindingsAreIdenticalForOneTwoAndFourThreads) {
  simulate::SimulationConfig config = simulate::SmallConfig(GetParam(), 300, 4);
  const simulate::SimulatedLog log = simulate::SimulateToMemory(config);
  ingest::testing::TempDir dir;
  const bool attacks = std::string_view(GetParam()) != "benign";
  ExpectSameForEveryThreadCount({dir.Write("auth.log", log.text)}, attacks);
}

INSTANTIATE_TEST_SUITE_P(Presets, ScanThreads,
                         ::testing::Values("benign", "brute-force", "single-source-spray",
                                           "covert-network", "mixed"));

TEST(ScanThreadsFiles, RotatedCompressedFilesAndGarbageGiveTheSameFindings) {
  simulate::SimulationConfig config = simulate::SmallConfig("mixed", 300, 4);
  const simulate::SimulatedLog log = simulate::SimulateToMemory(config);
  const size_t half = log.text.find('\n', log.text.size() / 2) + 1;
  const std::string first = log.text.substr(0, half);
  std::string second = log.text.substr(half);
  second.insert(second.find('\n') + 1, std::string("\x01\x02 binary\0 junk\n", 16));
  ingest::testing::TempDir dir;
  std::string truncated = ingest::testing::GzipCompress(second);
  truncated.resize(truncated.size() - 100);
  ExpectSameForEveryThreadCount({dir.Write("auth.log.2.gz", ingest::testing::GzipCompress(first)),
                                 dir.Write("auth.log.1.zst", ingest::testing::ZstdCompress(second)),
                                 dir.Write("auth.log.cut.gz", truncated)},
                                true);
}

}  // namespace
}  // namespace spraytrace::cli
