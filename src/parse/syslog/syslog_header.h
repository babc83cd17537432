// Syslog header parsing: splits one line's framing (time, host, program, pid) from the program's
// message, without regex and without allocating. Views in the record point into the line.
//
// Framings, picked from the line's first bytes:
//   RFC 3164   [<PRI>]Mmm dd hh:mm:ss[.frac] [host ]tag msg    day space-padded or not; year from
//              a YearTracker. Also "Mmm dd yyyy hh:mm:ss[:]" (Cisco ASA style) with its own year.
//   ISO 8601   [<PRI>]yyyy-mm-ddThh:mm:ss[.frac](Z|+hh:mm|-hh:mm) [host ]tag msg
//              (rsyslog high-precision format); converted to UTC.
//   RFC 5424   <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD [BOM]MSG   with "-" nil values.
// Tags: "sshd[123]:", "sshd-session[1]:", "sshd(pam_unix)[19939]:", "sshd:", "[sshd]:", "[sshd]",
// "sshd[123]" (colon optional after a bracket). The first word after the time is the host unless
// it has a tag's shape; when no word has a tag's shape the record has an empty program and the
// message is everything after the host. Vendor variants: a lone ":" between host and tag (Cisco
// "host : %ASA-6-113005: ..."); a first word with a comma is CSV, not a host (PAN-OS
// "Nov 30 16:09:08 1,2021/03/24 ..."), and the message is everything after the time.
// "last message repeated N times" (BSD syslogd) directly after the time is a message with neither
// host nor program.
//
// Timestamps: seconds may be 60 (leap second); 24:00:00 and impossible dates (Feb 30, Feb 29 of
// a non-leap year) are bad timestamps. Year-less times are taken as UTC. Thread-safe (pure
// functions; the YearTracker passed in is the caller's).
#ifndef SPRAYTRACE_PARSE_SYSLOG_SYSLOG_HEADER_H_
#define SPRAYTRACE_PARSE_SYSLOG_SYSLOG_HEADER_H_

#include <cstdint>
#include <string_view>

#include "event/timestamp.h"
#include "parse/syslog/syslog_record.h"
#include "parse/syslog/year_tracker.h"

namespace spraytrace::parse {

enum class HeaderStatus : uint8_t {
  kNotSyslog,     ///< no syslog framing: the caller reports DiagnosticKind::kUnknownFormat
  kBadTimestamp,  ///< syslog framing with an unparseable or impossible time: kBadTimestamp
  kOk,            ///< record filled
};

// Parses line's framing into *record (time, host, program, pid, message; `where` is left alone).
// *years supplies years to RFC 3164 times and is advanced by them. On a status other than kOk
// *record is unspecified.
HeaderStatus ParseSyslogHeader(std::string_view line, YearTracker* years, SyslogRecord* record);

// Parses a whole RFC 3339 / ISO 8601 timestamp "2015-04-16T18:02:50.568798+00:00" into UTC
// microseconds. Fraction optional (digits past the sixth are dropped); zone "Z", "+hh:mm",
// "-hh:mm", "+hhmm", or absent (taken as UTC). False when text is anything else or invalid.
bool ParseRfc3339Time(std::string_view text, Timestamp* time);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_SYSLOG_SYSLOG_HEADER_H_
