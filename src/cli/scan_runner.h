// RunScan: the batch pipeline behind `spraytrace scan`: inputs -> lines -> parse -> AuthEvents ->
// detectors -> findings. Single-threaded for now; every stage is a plain object, so the
// multi-threaded pipeline can shard the same pieces.
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

struct ScanOptions {
  std::vector<std::string> inputs;  // files, directories, "-" for stdin
  detect::DetectorConfig detectors;
  // Year of the first year-less syslog timestamp in every input. Unset: inferred per file from
  // its modification time (stdin: the current date), see parse::YearHint.
  std::optional<int> year;
  ingest::ReaderOptions reader;
  parse::ParserOptions parser;  // --format, --csv-columns
  // Threads the scan may use (docs/pipeline.md). 1: everything on the caller's thread; 2 or
  // more: each file is read, decompressed and split into lines on a thread of its own while the
  // caller's thread parses and detects. Findings are the same for every value.
  int threads = 1;
  // --asn-db, --geo-db, --ip2asn, --intel: when any is set, findings are enriched (ASN, country,
  // intel tags) between the detectors and the caller's sink.
  correlate::EnrichmentOptions enrichment;
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

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_SCAN_RUNNER_H_
