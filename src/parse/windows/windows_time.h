// Times as Windows event renderings write them, to UTC microseconds.
//
//   2022-04-29T12:36:01.9027913Z     event XML SystemTime (7 fraction digits)
//   2020-07-22T20:29:36.414827100Z   libevtx's XML (9 digits)
//   2016-09-19 16:50:06.477879       python-evtx (space, no zone: UTC)
//   2019-04-30T19:27:02.847Z         Winlogbeat @timestamp
//   2020-10-22 04:29:53              NXLog EventTime (no zone; see nxlog_family.h)
//   2021-05-20T12:49:52.315+02:00    any of them with an offset
// Fractions past microseconds are cut, not rounded. Pure functions.
#ifndef SPRAYTRACE_PARSE_WINDOWS_WINDOWS_TIME_H_
#define SPRAYTRACE_PARSE_WINDOWS_WINDOWS_TIME_H_

#include <cstdint>
#include <string_view>

#include "event/timestamp.h"

namespace spraytrace::parse {

// *has_zone tells whether the text carried "Z" or an offset (nullptr: not asked). A text without
// one is read as UTC.
bool ParseWindowsTime(std::string_view text, Timestamp* time, bool* has_zone = nullptr);

// Windows FILETIME (100 ns ticks since 1601-01-01 UTC), as libevtx gives a record's written time.
Timestamp FromFiletime(uint64_t filetime);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_WINDOWS_TIME_H_
