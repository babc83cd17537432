// The HTML report of a scan (`spraytrace scan --report FILE.html`): one self-contained file a
// person reads in a minute. Headline (compromised accounts and campaigns first, then findings by
// rule), a timeline of failures and successes with campaign windows and compromises marked, each
// campaign's sources, targeted accounts, fingerprint and evidence, the compromised accounts with
// the event that proved each, the other findings, and what the input held.
//
// Self-contained and inert: inline CSS and SVG only, no script, no external resource, and a
// Content-Security-Policy that forbids both; every string from a log is escaped (HtmlWriter).
// Lists are capped at max_items with "and N more". Pure function; thread-compatible.
#ifndef SPRAYTRACE_REPORT_HTML_REPORT_H_
#define SPRAYTRACE_REPORT_HTML_REPORT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "detect/finding.h"
#include "event/file_table.h"
#include "event/string_pool.h"
#include "report/event_tally.h"
#include "report/terminal_summary.h"  // ReadCounts

namespace spraytrace::report {

struct HtmlReportInput {
  const ReadCounts* counts = nullptr;
  const EventTally* tally = nullptr;
  const std::vector<detect::Finding>* findings = nullptr;
  const FileTable* files = nullptr;
  const Diagnostics* diagnostics = nullptr;
  const StringPool* strings = nullptr;  // names the tally's accounts
  Timestamp generated = 0;              // when the report was made (wall clock); 0: not shown
  std::string version;                  // spraytrace's, for the footer; empty: not shown
  size_t max_items = 100;               // names or rows per list before "and N more"
  size_t top = 10;                      // rows per bar chart
};

// REQUIRES: every pointer is set and outlives the call.
std::string RenderHtmlReport(const HtmlReportInput& input);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_HTML_REPORT_H_
