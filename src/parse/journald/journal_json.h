// JournalJsonParser: one line of `journalctl -o json` output -> SyslogRecord.
//
// Fields used: __REALTIME_TIMESTAMP (decimal microseconds, as a string; fallback
// _SOURCE_REALTIME_TIMESTAMP), _HOSTNAME, SYSLOG_IDENTIFIER (fallback _COMM), _PID (fallback
// SYSLOG_PID) and MESSAGE. journald writes MESSAGE as an array of byte values when it is not
// valid UTF-8, as null when it is too large to show, and as an array of strings when a field
// was set several times (the first is used). Missing host, program or pid leave the record's
// defaults (empty, empty, -1); a missing MESSAGE gives an empty message.
//
// Uses simdjson On-Demand with a parser and a padded copy buffer that are reused across lines,
// so steady-state parsing does not allocate. The record's views point into this object and are
// valid until the next Parse(). Not thread-safe: one per input stream.
#ifndef SPRAYTRACE_PARSE_JOURNALD_JOURNAL_JSON_H_
#define SPRAYTRACE_PARSE_JOURNALD_JOURNAL_JSON_H_

#include <cstdint>
#include <memory>
#include <string_view>

#include "parse/syslog/syslog_record.h"

namespace spraytrace::parse {

enum class JournalStatus : uint8_t {
  kOk,            ///< record filled
  kBadJson,       ///< not a valid JSON object, or a field of the wrong type
  kBadTimestamp,  ///< valid JSON without a usable realtime timestamp
};

class JournalJsonParser {
 public:
  JournalJsonParser();
  ~JournalJsonParser();
  JournalJsonParser(const JournalJsonParser&) = delete;
  JournalJsonParser& operator=(const JournalJsonParser&) = delete;

  // Parses one JSON object (line without its newline) into *record (`where` left alone).
  JournalStatus Parse(std::string_view line, SyslogRecord* record);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_JOURNALD_JOURNAL_JSON_H_
