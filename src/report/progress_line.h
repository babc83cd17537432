// The one-line progress text a long scan shows on a terminal (cli/progress_display.h draws it):
// "1.21 GB of 10.40 GB (11%), 2.31 M events/s, 512 MB/s, ETA 18s".
// A pure function of what the scan has done so far, so it is tested without a terminal.
#ifndef SPRAYTRACE_REPORT_PROGRESS_LINE_H_
#define SPRAYTRACE_REPORT_PROGRESS_LINE_H_

#include <cstdint>
#include <string>

namespace spraytrace::report {

struct ProgressSnapshot {
  // Bytes taken from the input files so far; for compressed files the compressed bytes, so they
  // compare with bytes_total, the files' sizes on disk.
  uint64_t bytes_done = 0;
  uint64_t bytes_total = 0;  // 0: unknown (stdin or a pipe among the inputs)
  uint64_t events = 0;       // authentication events parsed so far
  double seconds = 0;        // since the scan started
};

// Sizes in decimal units (MB = 10^6 bytes, as the benchmark reports them). Rates and the ETA
// are averages since the start; they are left out while no time has passed, and the ETA also
// when the total is unknown or nothing has been read. Bytes beyond the total (a file growing
// while read) show as 100% with no ETA.
std::string FormatProgressLine(const ProgressSnapshot& snapshot);

// "512 B", "3.4 kB", "12.0 MB", "1.21 GB", "2.00 TB".
std::string FormatDecimalBytes(uint64_t bytes);
// "18s", "3m05s", "1h02m"; negative or absurd values are clamped ("0s", "99h59m+").
std::string FormatEta(double seconds);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_PROGRESS_LINE_H_
