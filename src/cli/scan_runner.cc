#include "cli/scan_runner.h"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <limits>
#include <memory>

#include "cli/parse_thread.h"
#include "correlate/enriching_sink.h"
#include "detect/detector_set.h"
#include "detect/distributed_detector.h"
#include "detect/finding_ledger.h"
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

// Feeds every parsed event to the run tally and the detectors; with a restored state, only
// the events after its clock go to the detectors.
class DetectingSink final : public parse::EventSink {
 public:
  DetectingSink(detect::Detector* detector, report::EventTally* tally,
                detect::FindingSink* findings, Timestamp resume_after)
      : detector_(detector),
        tally_(tally),
        findings_(findings),
        resume_after_(resume_after),
        latest_(std::max<Timestamp>(0, resume_after)) {}

  void OnEvent(const AuthEvent& event) override {
    tally_->Observe(event);
    Detect(event);
  }

  // OnEvent for an event the tally has already observed (on the parse thread).
  void Detect(const AuthEvent& event) {
    ++seen_;
    if (event.time <= resume_after_) {
      if (before_state_ == 0 || event.time < oldest_before_state_) {
        oldest_before_state_ = event.time;
      }
      ++before_state_;
      return;
    }
    ++detected_;
    detector_->Observe(event, findings_);
    if (event.time > latest_) latest_ = event.time;
    if (++events_ % kAdvanceEvery == 0) detector_->AdvanceTime(latest_, findings_);
  }

  void Upcoming(const AuthEvent& event) override {
    if (event.time > resume_after_) detector_->Prefetch(event);
  }

  Timestamp latest() const { return latest_; }
  uint64_t seen() const { return seen_; }
  uint64_t detected() const { return detected_; }
  uint64_t before_state() const { return before_state_; }
  Timestamp oldest_before_state() const { return oldest_before_state_; }

 private:
  detect::Detector* detector_;
  report::EventTally* tally_;
  detect::FindingSink* findings_;
  Timestamp resume_after_;
  Timestamp latest_;
  uint64_t events_ = 0;
  uint64_t seen_ = 0;
  uint64_t detected_ = 0;
  uint64_t before_state_ = 0;
  Timestamp oldest_before_state_ = 0;
};

// The detecting sink's side of a pipelined read: the tally observed the events on the parse
// thread, which has time to spare while this one detects (docs/pipeline.md).
class UntalliedSink final : public parse::EventSink {
 public:
  explicit UntalliedSink(DetectingSink* sink) : sink_(sink) {}
  void OnEvent(const AuthEvent& event) override { sink_->Detect(event); }
  void Upcoming(const AuthEvent& event) override { sink_->Upcoming(event); }

 private:
  DetectingSink* sink_;
};

// The tally's side of a pipelined read, on the parse thread.
class TallySink final : public parse::EventSink {
 public:
  explicit TallySink(report::EventTally* tally) : tally_(tally) {}
  void OnEvent(const AuthEvent& event) override { tally_->Observe(event); }

 private:
  report::EventTally* tally_;
};

// Marks findings that an earlier run reported early (finding_ledger.h) and counts them.
class LedgerSink final : public detect::FindingSink {
 public:
  LedgerSink(detect::FindingSink* next, detect::FindingLedger* ledger, bool early)
      : next_(next), ledger_(ledger), early_(early) {}
  void OnFinding(detect::Finding finding) override {
    const bool continued =
        early_ ? ledger_->OnReportedEarly(&finding) : ledger_->OnReported(&finding);
    continued_ += continued ? 1 : 0;
    next_->OnFinding(std::move(finding));
  }
  uint64_t continued() const { return continued_; }

 private:
  detect::FindingSink* next_;
  detect::FindingLedger* ledger_;
  bool early_;
  uint64_t continued_ = 0;
};

// How long an early report waits in the ledger for its finding to come again: the longest a
// finding can stay open across runs without new evidence refreshing it.
Micros LedgerKeep(const detect::DetectorConfig& c) {
  return std::max({c.episodes.idle_gap + c.slow.window, c.distributed.source_window,
                   c.distributed.report_every, c.distributed.compromise_lookback});
}

parse::YearHint YearHintFor(const std::string& path, const std::optional<int>& forced) {
  if (forced) return parse::YearHint{*forced, 12, true};
  std::time_t when = std::time(nullptr);
  struct stat info {};
  if (path != "-" && ::stat(path.c_str(), &info) == 0) when = info.st_mtime;
  const CivilTime civil = ToCivil(static_cast<Timestamp>(when) * kMicrosPerSecond);
  return parse::YearHint{civil.year, civil.month, false};
}

// Sum of the inputs' sizes on disk, for the progress display; 0 when one of them has no size
// known in advance (stdin, a pipe, a device).
uint64_t TotalInputBytes(const std::vector<std::string>& inputs) {
  uint64_t total = 0;
  for (const std::string& path : inputs) {
    struct stat info {};
    if (path == "-" || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return 0;
    total += static_cast<uint64_t>(info.st_size);
  }
  return total;
}

// Progress through a line-based input: every ScanProgress::kEveryLines lines.
class LineProgress {
 public:
  LineProgress(ScanProgress* progress, const ScanContext& context, const parse::EvtxReader& evtx)
      : progress_(progress), context_(context), evtx_(evtx) {}
  void At(uint64_t lines, uint64_t raw_bytes, const DetectingSink& sink) {
    if (!progress_ || lines < next_) return;
    next_ = lines + ScanProgress::kEveryLines;
    // EVTX bytes join counts.bytes only at the run's end.
    progress_->OnProgress(context_.counts.bytes + evtx_.stats().bytes + raw_bytes, sink.seen());
  }

 private:
  ScanProgress* progress_;
  const ScanContext& context_;
  const parse::EvtxReader& evtx_;
  uint64_t next_ = ScanProgress::kEveryLines;
};

// --threads 2 or more: the input is read and parsed on a ParseThread while this thread detects.
// The parser reports to parse_diagnostics (its own, touched only by the parse thread while it
// runs); so does the reader with --threads 2, when it runs on the parse thread too, so their
// reports keep the single-threaded order. With 3 or more, the reader gets a thread (and a
// Diagnostics) of its own. Both are merged into the context's when the file ends, before the
// next file begins, so the samples and counts come out as in a single-threaded scan (the detect
// side reports only kinds the parse side never does: enrichment data).
void ReadOneInputPipelined(const std::string& path, const ScanOptions& options,
                           ScanContext* context, parse::LogParser* parser,
                           Diagnostics* parse_diagnostics, const parse::EvtxReader& evtx,
                           DetectingSink* sink) {
  const bool reader_thread = options.threads > 2;
  Diagnostics reader_diagnostics;
  auto merge = [&] {
    context->diagnostics.Merge(*parse_diagnostics);
    *parse_diagnostics = Diagnostics();
    context->diagnostics.Merge(reader_diagnostics);
  };
  auto opened = ingest::LineReader::Open(path, options.reader,
                                         reader_thread ? &reader_diagnostics : parse_diagnostics);
  if (!opened) {
    merge();
    ++context->counts.files_failed;
    return;
  }
  std::unique_ptr<ingest::LineReader> reader = std::move(*opened);
  if (reader_thread) reader = std::make_unique<ingest::ThreadedLineReader>(std::move(reader));
  ++context->counts.files_read;
  const uint32_t file_id = context->files.Add(path);
  parser->BeginFile(file_id, path, YearHintFor(path, options.year));
  LineProgress progress(options.progress, *context, evtx);
  {
    // The tally is the parse thread's until it is joined: nothing on this side reads it mid-scan.
    TallySink tally(&context->tally);
    UntalliedSink detect(sink);
    ParseThread parsing(reader.get(), parser, &tally);
    while (parsing.DeliverNext(&detect)) {
      progress.At(parsing.lines_parsed(), parsing.raw_bytes_read(), *sink);
    }
  }  // joined: the reader, the parser and parse_diagnostics are this thread's again
  context->counts.bytes += reader->raw_bytes_read();
  reader.reset();  // joins the reader thread, the last user of reader_diagnostics
  merge();
}

// parse_diagnostics: what the parser reports to, with --threads 2 or more.
void ReadOneInput(const std::string& path, const ScanOptions& options, ScanContext* context,
                  parse::LogParser* parser, Diagnostics* parse_diagnostics, parse::EvtxReader* evtx,
                  DetectingSink* sink) {
  ScanProgress* progress = options.progress;
  // Windows .evtx is a whole-file binary format: its own reader, not lines, on this thread.
  if (parse::IsEvtxFile(path)) {
    const uint32_t evtx_file_id = context->files.Add(path);
    if (evtx->ReadFile(path, evtx_file_id, path, sink)) {
      ++context->counts.files_read;
    } else {
      ++context->counts.files_failed;
    }
    if (progress) progress->OnProgress(context->counts.bytes + evtx->stats().bytes, sink->seen());
    return;
  }
  if (options.threads > 1) {
    ReadOneInputPipelined(path, options, context, parser, parse_diagnostics, *evtx, sink);
    return;
  }
  auto opened = ingest::LineReader::Open(path, options.reader, &context->diagnostics);
  if (!opened) {
    ++context->counts.files_failed;
    return;
  }
  std::unique_ptr<ingest::LineReader> reader = std::move(*opened);
  ++context->counts.files_read;
  const uint32_t file_id = context->files.Add(path);
  parser->BeginFile(file_id, path, YearHintFor(path, options.year));
  ingest::Line line;
  uint64_t until_progress = ScanProgress::kEveryLines;
  while (reader->Next(&line)) {
    parser->ParseLine(line.text, line.number, line.offset, sink);
    if (--until_progress == 0) {
      until_progress = ScanProgress::kEveryLines;
      if (progress) {
        // EVTX bytes join counts.bytes only at the run's end.
        progress->OnProgress(context->counts.bytes + evtx->stats().bytes + reader->raw_bytes_read(),
                             sink->seen());
      }
    }
  }
  parser->EndFile(sink);
  context->counts.bytes += reader->raw_bytes_read();
}

}  // namespace

struct ScanRun::Pipeline {
  Pipeline(const detect::DetectorConfig& config, StringPool* strings)
      : known(config.known_devices), set(&known) {
    set.Add(std::make_unique<detect::SourceDetector>(config, strings, &known));
    set.Add(std::make_unique<detect::DistributedDetector>(config, strings, &known));
  }
  // One login memory for both detectors, recorded once per login by the set.
  detect::KnownDevices known;
  detect::DetectorSet set;
  detect::FindingLedger ledger;
  bool restored = false;
  Timestamp restored_clock = std::numeric_limits<Timestamp>::min();
};

ScanRun::ScanRun(const ScanOptions& options, ScanContext* context)
    : options_(options), context_(context) {}

ScanRun::~ScanRun() = default;

Status ScanRun::Prepare() {
  if (Status s = options_.detectors.Validate(); !s.ok()) return s;
  if (Status s = parse::ValidateParserOptions(options_.parser); !s.ok()) return s;
  if (options_.enrichment.any() && !context_->enricher) {
    auto enricher = correlate::Enricher::Open(options_.enrichment, &context_->diagnostics);
    if (!enricher) return enricher.error();
    context_->enricher = std::move(*enricher);
  }
  return Status::Ok();
}

Status ScanRun::Restore(const std::string& body, Timestamp clock) {
  pipeline_ = std::make_unique<Pipeline>(options_.detectors, &context_->strings);
  store::StateDecoder in(body, &context_->strings, &context_->files);
  if (pipeline_->set.Load(&in)) pipeline_->ledger.Load(&in);
  if (in.ok() && !in.AtEnd()) in.Fail("bytes after the last section");
  if (!in.ok()) {
    pipeline_.reset();
    return Status::Corruption(in.error());
  }
  pipeline_->restored = true;
  pipeline_->restored_clock = clock;
  return Status::Ok();
}

void ScanRun::Run(detect::FindingSink* findings, StateOutcome* state) {
  if (!pipeline_) pipeline_ = std::make_unique<Pipeline>(options_.detectors, &context_->strings);
  Pipeline& p = *pipeline_;
  // Detectors -> ledger marks (with state) -> enrichment (when asked for) -> the caller's sink.
  std::unique_ptr<correlate::EnrichingSink> enriching;
  if (context_->enricher) {
    enriching = std::make_unique<correlate::EnrichingSink>(context_->enricher.get(), findings);
    findings = enriching.get();
  }
  const std::vector<std::string> inputs =
      ingest::ExpandInputs(options_.inputs, &context_->diagnostics);
  context_->counts.files_failed += context_->diagnostics.Count(DiagnosticKind::kUnreadableFile);

  LedgerSink marking(findings, &p.ledger, /*early=*/false);
  detect::FindingSink* sink_for_run = state ? &marking : findings;
  // With --threads 2 or more the parser runs on a thread of its own, reporting to diagnostics of
  // its own that are merged after each file (ReadOneInputPipelined).
  Diagnostics parse_diagnostics;
  parse::LogParser parser(&context_->strings,
                          options_.threads > 1 ? &parse_diagnostics : &context_->diagnostics,
                          options_.parser);
  parse::EvtxReader evtx(&context_->strings, &context_->diagnostics);
  DetectingSink sink(&p.set, &context_->tally, sink_for_run, p.restored_clock);
  if (options_.progress) options_.progress->OnStart(TotalInputBytes(inputs));
  for (const std::string& path : inputs) {
    ReadOneInput(path, options_, context_, &parser, &parse_diagnostics, &evtx, &sink);
  }
  context_->diagnostics.Merge(parse_diagnostics);  // empty: merged after each file
  if (options_.progress) options_.progress->OnFinish();

  if (!state) {
    p.set.Finish(findings);
  } else {
    state->events_before_state = sink.before_state();
    state->oldest_before_state = sink.oldest_before_state();
    state->events_detected = sink.detected();
    state->clock = p.restored ? std::max(p.restored_clock, sink.latest()) : sink.latest();
    // Nothing new: the saved state (and its early reports) stand; reporting them again would
    // only repeat the last run's end.
    if (!p.restored || sink.detected() > 0) {
      // Episodes idle for episodes.idle_gap are closed by AdvanceTime, which the sink calls
      // every kAdvanceEvery events: a day's log of a quiet server never reaches it, so an
      // episode that ended yesterday would be saved open, reported early again at every run's
      // end and never dropped from the state. Close them now, as final reports.
      p.set.AdvanceTime(state->clock, sink_for_run);
      store::StateEncoder out(&context_->strings, &context_->files);
      p.set.Save(state->clock, &out);
      LedgerSink early(findings, &p.ledger, /*early=*/true);
      p.set.Finish(&early);
      p.ledger.Save(state->clock, LedgerKeep(options_.detectors), &out);
      state->body = std::move(out).Finish();
      state->continued_findings = marking.continued() + early.continued();
      state->ledger_entries = p.ledger.size();
    }
  }

  const parse::ParseStats stats = parser.stats();
  context_->counts.by_family = stats.by_family;
  context_->counts.lines = stats.lines;
  context_->counts.relevant_lines = stats.relevant_lines;
  context_->counts.other_lines = stats.other_lines;
  context_->counts.not_understood = stats.not_understood;
  // EVTX records count as records of the family that read them.
  if (const parse::EvtxStats& e = evtx.stats(); e.records + e.recovered > 0) {
    context_->counts.lines += e.records + e.recovered;
    context_->counts.relevant_lines += e.records + e.recovered;
    context_->counts.by_family.emplace_back("windows-evtx", e.records + e.recovered);
  }
  context_->counts.bytes += evtx.stats().bytes;
}

Status RunScan(const ScanOptions& options, ScanContext* context, detect::FindingSink* findings) {
  ScanRun run(options, context);
  if (Status s = run.Prepare(); !s.ok()) return s;
  run.Run(findings, nullptr);
  return Status::Ok();
}

}  // namespace spraytrace::cli
