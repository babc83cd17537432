// The multi-threaded scan reports exactly what the single-threaded one does (docs/pipeline.md):
// every simulator preset, plain and compressed, scanned with --threads 1, 2, 3 and 4 (parse on a
// thread of its own; with 3 and more reading on a third), findings compared byte for byte, and
// the terminal summary (counts, per-family lines, tally, diagnostics with their samples), every
// diagnostic kind and the file table compared too.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "cli/scan_runner.h"
#include "ingest/test_files.h"
#include "report/findings_jsonl.h"
#include "report/terminal_summary.h"
#include "simulate/simulation_test_support.h"

namespace spraytrace::cli {
namespace {

struct ScanOutput {
  std::string findings;            // JSON lines
  std::string summary;             // as `scan` prints it on a terminal
  std::string diagnostics;         // every kind: count, sample file, line and detail
  std::vector<std::string> files;  // the file table, in order
  uint64_t lines = 0;
  uint64_t relevant = 0;
  uint64_t bytes = 0;
  uint64_t files_read = 0;
  uint64_t files_failed = 0;
  uint64_t diagnostics_total = 0;
};

// Writes findings as JSON lines and keeps them for the summary.
class KeepingWriter final : public detect::FindingSink {
 public:
  KeepingWriter(std::FILE* out, const FileTable* files) : writer_(out, files) {}
  void OnFinding(detect::Finding finding) override {
    kept.push_back(finding);
    writer_.OnFinding(std::move(finding));
  }
  std::vector<detect::Finding> kept;

 private:
  report::FindingsJsonlWriter writer_;
};

std::string DescribeDiagnostics(const Diagnostics& diagnostics) {
  std::string out;
  for (size_t i = 0; i < static_cast<size_t>(DiagnosticKind::kCount); ++i) {
    const auto kind = static_cast<DiagnosticKind>(i);
    if (diagnostics.Count(kind) == 0) continue;
    const DiagnosticSample& s = diagnostics.Sample(kind);
    out += std::string(DiagnosticKindName(kind)) + " " + std::to_string(diagnostics.Count(kind)) +
           " " + s.file + ":" + std::to_string(s.line) + " " + s.detail + "\n";
  }
  return out;
}

ScanOutput Scan(const std::vector<std::string>& inputs, int threads) {
  ScanOptions options;
  options.inputs = inputs;
  options.year = 2026;
  options.threads = threads;
  ScanContext context;
  char* data = nullptr;
  size_t size = 0;
  std::FILE* out = ::open_memstream(&data, &size);
  std::vector<detect::Finding> findings;
  {
    KeepingWriter writer(out, &context.files);
    EXPECT_TRUE(RunScan(options, &context, &writer).ok());
    findings = std::move(writer.kept);
  }
  std::fclose(out);
  ScanOutput result;
  result.findings.assign(data, size);
  std::free(data);
  report::SummaryInput summary;
  summary.counts = &context.counts;
  summary.tally = &context.tally;
  summary.findings = &findings;
  summary.diagnostics = &context.diagnostics;
  summary.strings = &context.strings;
  result.summary = report::RenderTerminalSummary(summary);
  result.diagnostics = DescribeDiagnostics(context.diagnostics);
  for (uint32_t i = 0; i < context.files.size(); ++i) result.files.push_back(context.files.Path(i));
  result.lines = context.counts.lines;
  result.relevant = context.counts.relevant_lines;
  result.bytes = context.counts.bytes;
  result.files_read = context.counts.files_read;
  result.files_failed = context.counts.files_failed;
  result.diagnostics_total = context.diagnostics.Total();
  return result;
}

void ExpectSame(const ScanOutput& one, const ScanOutput& many) {
  EXPECT_EQ(one.findings, many.findings);
  EXPECT_EQ(one.summary, many.summary);
  EXPECT_EQ(one.diagnostics, many.diagnostics);
  EXPECT_EQ(one.files, many.files);
  EXPECT_EQ(one.lines, many.lines);
  EXPECT_EQ(one.relevant, many.relevant);
  EXPECT_EQ(one.bytes, many.bytes);
  EXPECT_EQ(one.files_read, many.files_read);
  EXPECT_EQ(one.files_failed, many.files_failed);
  EXPECT_EQ(one.diagnostics_total, many.diagnostics_total);
}

void ExpectSameForEveryThreadCount(const std::vector<std::string>& inputs, bool expect_findings) {
  const ScanOutput one = Scan(inputs, 1);
  ASSERT_GT(one.lines, 1000u);
  if (expect_findings) {
    EXPECT_NE(one.findings.find("\"rule\":{\"name\""), std::string::npos) << one.findings;
  }
  for (int threads : {2, 3, 4}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ExpectSame(one, Scan(inputs, threads));
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

// Lines that go wrong in every stage, each dated like the simulated line before it so the
// detectors see them in time order: the reader's diagnostics (control bytes, invalid UTF-8, a
// line over the limit), the parser's (bad timestamp, JSON, unknown framing, unknown sshd
// message), and attempts that must still count (IPv6, IPv4-mapped, a repeat of 3,000 attempts,
// more than one hand-over batch from a single line).
std::string WithBadLines(const std::string& text, size_t every) {
  std::string out;
  size_t start = 0;
  size_t count = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    out += line + "\n";
    start = end + 1;
    if (++count % every != 0 || line.size() < 16) continue;
    const std::string stamp = line.substr(0, 15);  // "Mar 27 13:08:09"
    switch ((count / every) % 9) {
      case 0:
        out += stamp +
               " web1 sshd[4411]: Failed password for invalid user \xff\xfe"
               "adm from "
               "2001:db8::7 port 50022 ssh2\n";
        break;
      case 1:
        out +=
            "Mar 99 13:08:09 web1 sshd[4412]: Failed password for root from 192.0.2.9 port "
            "1 ssh2\n";
        break;
      case 2:
        out += "{\"TimeGenerated\": \"2026-03-27T13:08:09Z\", \"broken\n";
        break;
      case 3:
        out += "this is not a log line, just words\n";
        break;
      case 4:
        out += stamp + " web1 sshd[4413]: Frobnicated the flux capacitor for 192.0.2.5\n";
        break;
      case 5:
        out += stamp +
               " web1 sshd[4414]: Failed password for root from ::ffff:198.51.100.9 "
               "port 4 ssh2\n";
        break;
      case 6:
        static constexpr char kCut[] = "Mar 27 13:0\x01\x02 junk\0 cut";
        out += std::string(kCut, sizeof(kCut) - 1) + "\n";
        break;
      case 7:
        out += stamp +
               " web1 sshd[4415]: message repeated 3000 times: [ Failed password for "
               "root from 203.0.113.50 port 4000 ssh2]\n";
        break;
      default:
        out += stamp + " web1 sshd[4416]: " + std::string((1 << 20) + 10, 'A') + "\n";
        break;
    }
  }
  return out;
}

TEST(ScanThreadsFiles, BadLinesSeveralFilesAndGzipGiveTheSameReport) {
  simulate::SimulationConfig config = simulate::SmallConfig("mixed", 300, 4);
  const simulate::SimulatedLog log = simulate::SimulateToMemory(config);
  const std::string text = WithBadLines(log.text, 700);
  const size_t third = text.find('\n', text.size() / 3) + 1;
  const size_t two_thirds = text.find('\n', 2 * text.size() / 3) + 1;
  ingest::testing::TempDir dir;
  const std::vector<std::string> inputs = {
      dir.Write("auth.log.3.gz", ingest::testing::GzipCompress(text.substr(0, third))),
      dir.Write("auth.log.2", text.substr(third, two_thirds - third)),
      dir.Write("notes.txt", "shopping list\nmilk\neggs\n"),  // no family: kUnrecognisedFile
      (dir.path() / "missing.log").string(),                  // kUnreadableFile
      dir.Write("auth.log.1", text.substr(two_thirds)),
  };
  const ScanOutput one = Scan(inputs, 1);
  // The run really went through every kind of trouble the inputs hold.
  for (const char* kind :
       {"invalid_utf8", "bad_timestamp", "bad_json", "unknown_format", "unknown_sshd_message",
        "binary_line", "line_too_long", "unrecognised_file", "unreadable_file"}) {
    EXPECT_NE(one.diagnostics.find(std::string(kind) + " "), std::string::npos) << kind << " in\n"
                                                                                << one.diagnostics;
  }
  EXPECT_EQ(one.files_failed, 1u);
  EXPECT_EQ(one.files_read, 4u);
  EXPECT_EQ(one.files.size(), 4u);
  EXPECT_NE(one.findings.find("203.0.113.50"), std::string::npos);
  for (int threads : {2, 3, 4}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ExpectSame(one, Scan(inputs, threads));
  }
}

// A failure on the caller's thread while the parse thread is ahead (blocked on a full queue):
// the exception reaches the caller, as with one thread, and the scan does not hang. The
// progress display throws at its first mid-file call; the findings sink at the first finding.
class ThrowingProgress final : public ScanProgress {
 public:
  void OnStart(uint64_t) override {}
  void OnProgress(uint64_t, uint64_t) override { throw std::runtime_error("display failed"); }
  void OnFinish() override {}
};

class ThrowingSink final : public detect::FindingSink {
 public:
  void OnFinding(detect::Finding) override { throw std::runtime_error("sink failed"); }
};

TEST(ScanThreadsFiles, AnExceptionOnTheCallersThreadStopsTheParseThread) {
  simulate::SimulationConfig config = simulate::SmallConfig("brute-force", 300, 4);
  const simulate::SimulatedLog log = simulate::SimulateToMemory(config);
  ingest::testing::TempDir dir;
  const std::string path = dir.Write("auth.log", log.text);
  for (int threads : {1, 2, 3}) {
    for (bool from_progress : {true, false}) {
      SCOPED_TRACE("threads " + std::to_string(threads) + (from_progress ? " progress" : " sink"));
      ScanOptions options;
      options.inputs = {path};
      options.year = 2026;
      options.threads = threads;
      ThrowingProgress progress;
      if (from_progress) options.progress = &progress;
      ScanContext context;
      ThrowingSink throwing;
      detect::CollectingFindingSink collecting;
      detect::FindingSink* sink =
          from_progress ? static_cast<detect::FindingSink*>(&collecting) : &throwing;
      EXPECT_THROW((void)RunScan(options, &context, sink), std::runtime_error);
    }
  }
}

}  // namespace
}  // namespace spraytrace::cli
