#include "cli/scan_runner.h"

#include <sys/stat.h>

#include <ctime>
#include <memory>

#include "correlate/enriching_sink.h"
#include "detect/detector_set.h"
#include "detect/distributed_detector.h"
#include "detect/source_detector.h"
#include "ingest/input_set.h"
#include "ingest/threaded_line_reader.h"
#include "parse/log_parser.h"
#include "parse/windows/evtx_reader.h"

namespace spraytrace::cli {
namespace {

// How often (in events) detectors are told that event time has moved on, so idle episodes
// close and their memory is freed during long scans.
constexpr uint64_t kAdvanceEvery = 4096;

// Feeds every parsed event to the run tally and the detectors.
class DetectingSink final : public parse::EventSink {
 public:
  DetectingSink(detect::Detector* detector, report::EventTally* tally,
                detect::FindingSink* findings)
      : detector_(detector), tally_(tally), findings_(findings) {}

  void OnEvent(const AuthEvent& event) override {
    tally_->Observe(event);
    detector_->Observe(event, findings_);
    if (event.time > latest_) latest_ = event.time;
    if (++events_ % kAdvanceEvery == 0) detector_->AdvanceTime(latest_, findings_);
  }

 private:
  detect::Detector* detector_;
  report::EventTally* tally_;
  detect::FindingSink* findings_;
  Timestamp latest_ = 0;
  uint64_t events_ = 0;
};

parse::YearHint YearHintFor(const std::string& path, const std::optional<int>& forced) {
  if (forced) return parse::YearHint{*forced, 12, true};
  std::time_t when = std::time(nullptr);
  struct stat info {};
  if (path != "-" && ::stat(path.c_str(), &info) == 0) when = info.st_mtime;
  const CivilTime civil = ToCivil(static_cast<Timestamp>(when) * kMicrosPerSecond);
  return parse::YearHint{civil.year, civil.month, false};
}

void ReadOneInput(const std::string& path, const ScanOptions& options, ScanContext* context,
                  parse::LogParser* parser, parse::EvtxReader* evtx, parse::EventSink* sink) {
  // Windows .evtx is a whole-file binary format: its own reader, not lines.
  if (parse::IsEvtxFile(path)) {
    const uint32_t evtx_file_id = context->files.Add(path);
    if (evtx->ReadFile(path, evtx_file_id, path, sink)) {
      ++context->counts.files_read;
    } else {
      ++context->counts.files_failed;
    }
    return;
  }
  // With a reader thread, the reader reports to diagnostics of its own (Diagnostics is not
  // thread-safe), merged once the file is read.
  const bool threaded = options.threads > 1;
  Diagnostics reader_diagnostics;
  Diagnostics* for_reader = threaded ? &reader_diagnostics : &context->diagnostics;
  auto opened = ingest::LineReader::Open(path, options.reader, for_reader);
  if (!opened) {
    context->diagnostics.Merge(reader_diagnostics);
    ++context->counts.files_failed;
    return;
  }
  std::unique_ptr<ingest::LineReader> reader = std::move(*opened);
  if (threaded) reader = std::make_unique<ingest::ThreadedLineReader>(std::move(reader));
  ++context->counts.files_read;
  const uint32_t file_id = context->files.Add(path);
  parser->BeginFile(file_id, path, YearHintFor(path, options.year));
  ingest::Line line;
  while (reader->Next(&line)) {
    parser->ParseLine(line.text, line.number, line.offset, sink);
  }
  parser->EndFile(sink);
  context->counts.bytes += reader->raw_bytes_read();
  reader.reset();  // joins the reader thread, the last user of reader_diagnostics
  context->diagnostics.Merge(reader_diagnostics);
}

}  // namespace

Status RunScan(const ScanOptions& options, ScanContext* context, detect::FindingSink* findings) {
  if (Status s = options.detectors.Validate(); !s.ok()) return s;
  if (Status s = parse::ValidateParserOptions(options.parser); !s.ok()) return s;
  std::unique_ptr<correlate::EnrichingSink> enriching;
  if (options.enrichment.any()) {
    auto enricher = correlate::Enricher::Open(options.enrichment, &context->diagnostics);
    if (!enricher) return enricher.error();
    context->enricher = std::move(*enricher);
    enriching = std::make_unique<correlate::EnrichingSink>(context->enricher.get(), findings);
    findings = enriching.get();
  }
  const std::vector<std::string> inputs =
      ingest::ExpandInputs(options.inputs, &context->diagnostics);
  context->counts.files_failed += context->diagnostics.Count(DiagnosticKind::kUnreadableFile);

  // One login memory for both detectors, recorded once per login by the set.
  detect::KnownDevices known(options.detectors.known_devices);
  detect::DetectorSet detector(&known);
  detector.Add(
      std::make_unique<detect::SourceDetector>(options.detectors, &context->strings, &known));
  detector.Add(
      std::make_unique<detect::DistributedDetector>(options.detectors, &context->strings, &known));
  parse::LogParser parser(&context->strings, &context->diagnostics, options.parser);
  parse::EvtxReader evtx(&context->strings, &context->diagnostics);
  DetectingSink sink(&detector, &context->tally, findings);
  for (const std::string& path : inputs) {
    ReadOneInput(path, options, context, &parser, &evtx, &sink);
  }
  detector.Finish(findings);

  const parse::ParseStats stats = parser.stats();
  context->counts.by_family = stats.by_family;
  context->counts.lines = stats.lines;
  context->counts.relevant_lines = stats.relevant_lines;
  context->counts.other_lines = stats.other_lines;
  context->counts.not_understood = stats.not_understood;
  // EVTX records count as records of the family that read them.
  if (const parse::EvtxStats& e = evtx.stats(); e.records + e.recovered > 0) {
    context->counts.lines += e.records + e.recovered;
    context->counts.relevant_lines += e.records + e.recovered;
    context->counts.by_family.emplace_back("windows-evtx", e.records + e.recovered);
  }
  context->counts.bytes += evtx.stats().bytes;
  return Status::Ok();
}

}  // namespace spraytrace::cli
