// RunScan: the batch pipeline behind `spraytrace scan`: inputs -> lines -> parse -> AuthEvents ->
// detectors -> findings (with --threads, each file is read and parsed on a thread of its own,
// cli/parse_thread.h; detection stays in order on the caller's thread, docs/pipeline.md).
//
// Never prints: findings go to the caller's sink, counts and diagnostics into the context.
#ifndef SPRAYTRACE_CLI_SCAN_RUNNER_H_
#define SPRAYTRACE_CLI_SCAN_RUNNER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "correlate/enricher.h"
#include "detect/detector_config.h"
#include "detect/finding.h"
#include "event/file_table.h"
#include "event/string_pool.h"
#include "ingest/line_reader.h"
#include "parse/log_parser.h"
#include "report/event_tally.h"
#include "report/terminal_summary.h"

namespace spraytrace::cli {

// Told how far a scan has got, for a progress display (cli/progress_display.h). Called on the
// caller's thread (with --threads, between batches of events), so an implementation must be cheap
// and must not print anything a finding depends on.
class ScanProgress {
 public:
  // Lines parsed between two OnProgress calls: rare enough to cost nothing per line (a countdown
  // and a branch), frequent enough for a few refreshes a second at any speed worth showing.
  static constexpr uint64_t kEveryLines = 4096;

  virtual ~ScanProgress() = default;
  // Once, before the first input is read: the inputs' sizes on disk (compressed size for
  // compressed files); 0 when unknown (stdin or a pipe among them).
  virtual void OnStart(uint64_t total_bytes) = 0;
  // Bytes taken from the inputs so far (compressed bytes for compressed files) and events
  // parsed so far.
  virtual void OnProgress(uint64_t bytes, uint64_t events) = 0;
  // Once, after the last input, before the findings left open are reported.
  virtual void OnFinish() = 0;
};

struct ScanOptions {
  std::vector<std::string> inputs;  // files, directories, "-" for stdin
  detect::DetectorConfig detectors;
  // Year of the first year-less syslog timestamp in every input. Unset: inferred per file from
  // its modification time (stdin: the current date), see parse::YearHint.
  std::optional<int> year;
  ingest::ReaderOptions reader;
  parse::ParserOptions parser;  // --format, --csv-columns
  // Threads the scan may use (docs/pipeline.md). 1: everything on the caller's thread; 2: each
  // line-based file is read, decompressed, split and parsed on a thread of its own while the
  // caller's thread detects; 3 or more: reading and splitting get a third thread. Findings,
  // counts and diagnostics are the same for every value.
  int threads = 1;
  // --asn-db, --geo-db, --ip2asn, --intel: when any is set, findings are enriched (ASN, country,
  // intel tags) between the detectors and the caller's sink.
  correlate::EnrichmentOptions enrichment;
  // When set, told how far the scan has got (not owned; must outlive the run).
  ScanProgress* progress = nullptr;
};

// What a run read and what it left; owned by the caller so findings can refer to it.
struct ScanContext {
  StringPool strings;
  FileTable files;
  Diagnostics diagnostics;
  report::EventTally tally{&strings};
  report::ReadCounts counts;
  // Open when options.enrichment named files; the summary asks it about sources after the run.
  std::unique_ptr<correlate::Enricher> enricher;
};

// Runs the scan. Returns an error only for problems that stop the run before it starts
// (invalid detector settings, an enrichment file that cannot be read or is damaged). Unreadable
// inputs are counted in context->counts.files_failed and diagnostics; the caller decides what
// "nothing could be read" means for its exit code.
Status RunScan(const ScanOptions& options, ScanContext* context, detect::FindingSink* findings);

// What a run with state across runs (`scan --state`, docs/detection.md) leaves to be saved.
struct StateOutcome {
  // The state to save (StateEncoder body); empty when the run read nothing new, so the old
  // file is still right and is left as it is.
  std::string body;
  Timestamp clock = 0;  // latest event time the state has seen
  // Events at or before the restored clock: an earlier run saw them (or the log is older than
  // the state). Not given to the detectors, so re-scanning a file cannot count it twice.
  uint64_t events_before_state = 0;
  Timestamp oldest_before_state = 0;
  uint64_t events_detected = 0;     // given to the detectors
  uint64_t continued_findings = 0;  // reports of findings an earlier run reported early
  size_t ledger_entries = 0;
};

// The same pipeline in two steps, so state can be restored (and refused) before any input is
// read or any output opened. Not thread-safe; one per run.
class ScanRun {
 public:
  // REQUIRES: options and context outlive the run.
  ScanRun(const ScanOptions& options, ScanContext* context);
  ~ScanRun();
  ScanRun(const ScanRun&) = delete;
  ScanRun& operator=(const ScanRun&) = delete;

  // Checks the detector and parser settings and opens the enrichment files: an error stops the
  // run before it starts (invalid settings, an enrichment file that cannot be read).
  Status Prepare();
  // Continues from a saved state (its body and clock). Error (kCorruption, the reason in the
  // message) when the body does not decode; the run must then not go on.
  Status Restore(const std::string& body, Timestamp clock);
  // Reads every input. With `state`, saves the detectors after the last event, reports what is
  // still open as every scan does (remembering it as reported early), and fills *state.
  void Run(detect::FindingSink* findings, StateOutcome* state);

 private:
  struct Pipeline;
  const ScanOptions& options_;
  ScanContext* context_;
  std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_SCAN_RUNNER_H_
