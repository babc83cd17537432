// YearTracker: gives year-less syslog timestamps ("Dec 31 23:59:59") a year.
//
// The first record of a file takes its year from the YearHint (see log_parser.h): hint.year, or
// hint.year - 1 when the record's month is later than hint.month, unless the hint is forced.
// After that each record gets the year that puts it nearest to the previous record: a month
// going backwards by more than kMaxMonthsBack (Dec -> Jan) means a new year; a month going
// forwards by more than kMaxMonthsBack (Jan -> Dec: a line written just before midnight of New
// Year's Eve that arrived late) means the previous year, but never earlier than the file's first
// year. Smaller steps either way keep the year, so out-of-order lines around the end of a month
// change nothing. Not thread-safe; one tracker per input file.
#ifndef SPRAYTRACE_PARSE_SYSLOG_YEAR_TRACKER_H_
#define SPRAYTRACE_PARSE_SYSLOG_YEAR_TRACKER_H_

#include "parse/log_parser.h"

namespace spraytrace::parse {

class YearTracker {
 public:
  // Half a year: a step of more months than this is taken as crossing New Year.
  static constexpr int kMaxMonthsBack = 6;

  YearTracker() = default;
  explicit YearTracker(YearHint hint) { Reset(hint); }

  // Starts a new file.
  void Reset(YearHint hint);

  // Returns the year of a record dated month/day (month 1..12), or 0 when that date does not
  // exist in the year it falls in (Feb 29 of a non-leap year, Feb 30, Apr 31, month 13). Only
  // valid dates update the tracked position.
  int YearFor(int month, int day);

 private:
  YearHint hint_;
  bool started_ = false;
  int first_year_ = 0;
  int year_ = 0;   // year of the previous valid record
  int month_ = 0;  // month of the previous valid record
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_SYSLOG_YEAR_TRACKER_H_
