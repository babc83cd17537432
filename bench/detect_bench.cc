// Detection alone, without reading or parsing: with --threads 2 the detect thread is what bounds a
// scan (docs/pipeline.md), and its cost is cache misses on the detectors' maps more than
// instructions, which callgrind does not show and a noisy machine hides in end-to-end runs. The
// log is parsed once into memory; then the scan's detectors (the per-source rules and the
// distributed ones over one login memory, advanced as the scan advances them) are fed its events,
// with and without the prefetch hint the parse thread gives (parse::EventSink::Upcoming). Before
// timing, both ways must report the same findings. Run:
//   build/release/bench/detect_bench LOG --benchmark_repetitions=5
// (bench/bench.sh generates LOG: /tmp/bench/sshd-1024/auth.log.)
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "detect/detector_config.h"
#include "detect/detector_set.h"
#include "detect/distributed_detector.h"
#include "detect/known_devices.h"
#include "detect/source_detector.h"
#include "event/string_pool.h"
#include "ingest/line_reader.h"
#include "parse/event_sink.h"
#include "parse/log_parser.h"

namespace spraytrace {
namespace {

constexpr uint64_t kAdvanceEvery = 4096;  // as scan_runner.cc's DetectingSink

struct Corpus {
  StringPool strings;
  std::vector<AuthEvent> events;
};

Corpus* corpus = nullptr;

bool Load(const std::string& path, Corpus* into) {
  Diagnostics diagnostics;
  auto reader = ingest::LineReader::Open(path, ingest::ReaderOptions{}, &diagnostics);
  if (!reader) {
    std::fprintf(stderr, "detect_bench: cannot open %s\n", path.c_str());
    return false;
  }
  parse::LogParser parser(&into->strings, &diagnostics);
  parse::CollectingSink sink;
  parser.BeginFile(0, path, parse::YearHint{});
  ingest::Line line;
  while ((*reader)->Next(&line)) parser.ParseLine(line.text, line.number, line.offset, &sink);
  parser.EndFile(&sink);
  into->events = std::move(sink.events);
  return !into->events.empty();
}

// What a scan's pipeline holds (scan_runner.cc, ScanRun::Pipeline), minus the ledger.
struct Detectors {
  explicit Detectors(const StringPool* strings) : known(config.known_devices), set(&known) {
    set.Add(std::make_unique<detect::SourceDetector>(config, strings, &known));
    set.Add(std::make_unique<detect::DistributedDetector>(config, strings, &known));
  }
  detect::DetectorConfig config;
  detect::KnownDevices known;
  detect::DetectorSet set;
};

class CountingFindingSink final : public detect::FindingSink {
 public:
  void OnFinding(detect::Finding finding) override {
    ++count;
    digest = digest * 1000003 + static_cast<uint64_t>(finding.triggered) +
             static_cast<uint64_t>(finding.rule);
  }
  uint64_t count = 0;
  uint64_t digest = 0;
};

CountingFindingSink Detect(const Corpus& c, bool prefetch) {
  Detectors d(&c.strings);
  CountingFindingSink findings;
  Timestamp latest = 0;
  const std::vector<AuthEvent>& events = c.events;
  for (size_t i = 0; i < events.size(); ++i) {
    if (prefetch && i + 1 < events.size()) d.set.Prefetch(events[i + 1]);
    d.set.Observe(events[i], &findings);
    latest = std::max(latest, events[i].time);
    if ((i + 1) % kAdvanceEvery == 0) d.set.AdvanceTime(latest, &findings);
  }
  d.set.Finish(&findings);
  return findings;
}

void BM_Detect(benchmark::State& state) {
  const bool prefetch = state.range(0) != 0;
  for (auto _ : state) benchmark::DoNotOptimize(Detect(*corpus, prefetch).count);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus->events.size()));
  state.SetLabel(prefetch ? "prefetching the next event" : "no prefetch");
}
BENCHMARK(BM_Detect)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace spraytrace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: detect_bench LOG [--benchmark_...]\n");
    return 2;
  }
  spraytrace::Corpus loaded;
  if (!spraytrace::Load(argv[1], &loaded)) {
    std::fprintf(stderr, "detect_bench: no events in %s\n", argv[1]);
    return 1;
  }
  spraytrace::corpus = &loaded;
  // The hint must change nothing: same findings both ways, and some findings at all.
  const auto plain = spraytrace::Detect(loaded, false);
  const auto hinted = spraytrace::Detect(loaded, true);
  if (plain.count == 0 || plain.count != hinted.count || plain.digest != hinted.digest) {
    std::fprintf(stderr, "detect_bench: findings differ (%llu vs %llu) or none\n",
                 static_cast<unsigned long long>(plain.count),
                 static_cast<unsigned long long>(hinted.count));
    return 1;
  }
  std::fprintf(stderr, "%zu events, %llu findings\n", loaded.events.size(),
               static_cast<unsigned long long>(plain.count));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
