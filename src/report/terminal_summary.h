// The readable summary `spraytrace scan` prints on a terminal: what was read, what was found,
// the most active sources and accounts, and what input could not be understood. Every string
// that came from a log is escaped (report/utf8.h) before it is shown.
#ifndef SPRAYTRACE_REPORT_TERMINAL_SUMMARY_H_
#define SPRAYTRACE_REPORT_TERMINAL_SUMMARY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/diagnostics.h"
#include "detect/finding.h"
#include "event/string_pool.h"
#include "report/event_tally.h"

namespace spraytrace::report {

struct ReadCounts {
  uint64_t files_read = 0;
  uint64_t files_failed = 0;
  uint64_t lines = 0;
  uint64_t relevant_lines = 0;  // records of the log families spraytrace reads
  std::vector<std::pair<std::string, uint64_t>> by_family;  // of which, per family
  uint64_t other_lines = 0;                                 // well-formed lines of other programs
  uint64_t not_understood = 0;
  uint64_t bytes = 0;
};

struct SummaryInput {
  const ReadCounts* counts = nullptr;
  const EventTally* tally = nullptr;
  const std::vector<detect::Finding>* findings = nullptr;
  const Diagnostics* diagnostics = nullptr;
  const StringPool* strings = nullptr;
  size_t top = 10;  // rows per table
  // Enrichment (correlate/): what each loaded file holds, one line each, and a short note
  // ("AS64500 Example, DE") for a source given as text; both empty when none was given.
  std::vector<std::string> enrichment_loaded;
  std::function<std::string(std::string_view source)> source_note;
};

std::string RenderTerminalSummary(const SummaryInput& input);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_TERMINAL_SUMMARY_H_
