// LogParser: the parse stage's front door. Takes raw lines of any supported family, recognises
// the framing per line (RFC 3164 syslog, RFC 5424, ISO-8601 "high precision" syslog, journald
// JSON export), expands "message repeated N times: [ ... ]", and hands each record to the
// program parser that owns it (sshd today). Counts what it read, what it understood and what it
// did not, with diagnostics for the latter.
//
// Not thread-safe: one LogParser per input stream.
#ifndef SPRAYTRACE_PARSE_LOG_PARSER_H_
#define SPRAYTRACE_PARSE_LOG_PARSER_H_

#include <cstdint>
#include <memory>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/event_sink.h"

namespace spraytrace::parse {

// Where year-less syslog timestamps get their year. The year of the file's first record is
// `year`, or year - 1 when that record's month is later than `month` (a file last written in
// January that starts in December). Within a file the year advances when the month wraps
// (Dec -> Jan). With `forced`, the first record's year is exactly `year`.
struct YearHint {
  int year = 1970;
  int month = 12;
  bool forced = false;
};

struct ParseStats {
  uint64_t lines = 0;           // lines handed to ParseLine
  uint64_t events = 0;          // AuthEvents emitted
  uint64_t relevant_lines = 0;  // lines from a program we parse (sshd)
  uint64_t other_lines = 0;     // well-formed log lines of other programs (CRON, systemd...)
  uint64_t not_understood = 0;  // lines in no known framing, or unparseable timestamps
};

class LogParser {
 public:
  // REQUIRES: strings and diagnostics outlive the parser.
  LogParser(StringPool* strings, Diagnostics* diagnostics);
  ~LogParser();
  LogParser(const LogParser&) = delete;
  LogParser& operator=(const LogParser&) = delete;

  // Starts a new input; file_id is the FileTable index evidence will cite.
  void BeginFile(uint32_t file_id, std::string_view display_name, YearHint year);
  // text: one line without its newline. number is 1-based, offset the byte offset of the line.
  void ParseLine(std::string_view text, uint64_t number, uint64_t offset, EventSink* sink);
  // Flushes attempts still pending for this input.
  void EndFile(EventSink* sink);

  const ParseStats& stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_LOG_PARSER_H_
