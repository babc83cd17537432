// Event time: microseconds since the Unix epoch, UTC. Conversions to and from civil time.
//
// Pure functions, no time zone database: logs that carry an offset are converted with it, and
// year-less syslog times are taken as UTC (see parse/syslog). Thread-safe.
#ifndef SPRAYTRACE_EVENT_TIMESTAMP_H_
#define SPRAYTRACE_EVENT_TIMESTAMP_H_

#include <cstdint>
#include <string>

#include "common/duration.h"

namespace spraytrace {

using Timestamp = Micros;  // since 1970-01-01T00:00:00Z

struct CivilTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int micros = 0;
};

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int year, int month, int day);
bool IsLeapYear(int year);
// 28..31; REQUIRES: 1 <= month <= 12.
int DaysInMonth(int year, int month);
// Validates ranges (including the day of the month); false for 2023-02-30 or 25:00.
bool IsValidCivil(const CivilTime& civil);
Timestamp ToTimestamp(const CivilTime& civil);
CivilTime ToCivil(Timestamp time);
// "2024-03-05T07:08:09.123456Z"; fractional part omitted when zero micros.
std::string FormatIso8601(Timestamp time);

}  // namespace spraytrace

#endif  // SPRAYTRACE_EVENT_TIMESTAMP_H_
