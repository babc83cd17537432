// LogParser: the parse stage's front door. Takes raw lines of any supported family, recognises
// the framing per line and hands each record to the log family that claims it (parse/family.h,
// the list in parse/family_registry.cc):
//   - syslog (RFC 3164, RFC 5424, ISO-8601 "high precision", journald JSON export), with
//     "message repeated N times: [ ... ]" expanded, to the syslog families (sshd, VPNs);
//   - JSON: an object per line, or a value spanning lines, whose records may sit in a
//     `{"value":[...]}` page, a `{"records":[...]}` export or a top-level array, one object per
//     record to the JSON families (Entra, M365, Windows renderings, ECS);
//   - CSV: a file whose first line is a header a CSV family claims, row by row (quoted fields
//     may span lines);
//   - any other line to the text families (their own framing: FortiGate files, event XML).
// Each file may mix families; the family that took the previous record is asked first. Counts
// what it read, what each family understood and what nobody did, with diagnostics for the
// latter; an input in which nothing was recognised gets one kUnrecognisedFile naming the
// families tried.
//
// Not thread-safe: one LogParser per input stream.
#ifndef SPRAYTRACE_PARSE_LOG_PARSER_H_
#define SPRAYTRACE_PARSE_LOG_PARSER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "event/string_pool.h"
#include "parse/event_sink.h"
#include "parse/family_registry.h"

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
  uint64_t relevant_lines = 0;  // records some family took (syslog lines, JSON records, rows)
  uint64_t other_lines = 0;     // well-formed records of no family (CRON, systemd, other JSON)
  uint64_t not_understood = 0;  // lines in no known framing, or unparseable timestamps
  // Records each family took, in registry order, families with none left out.
  std::vector<std::pair<std::string, uint64_t>> by_family;
};

struct ParserOptions {
  std::string forced_family;  // --format: only this family is tried; empty: all
  FamilyOptions families;
};

// An unknown --format name is an error naming every family.
Status ValidateParserOptions(const ParserOptions& options);

class LogParser {
 public:
  // REQUIRES: strings and diagnostics outlive the parser; options pass ValidateParserOptions.
  LogParser(StringPool* strings, Diagnostics* diagnostics, const ParserOptions& options = {});
  ~LogParser();
  LogParser(const LogParser&) = delete;
  LogParser& operator=(const LogParser&) = delete;

  // Starts a new input; file_id is the FileTable index evidence will cite.
  void BeginFile(uint32_t file_id, std::string_view display_name, YearHint year);
  // text: one line without its newline. number is 1-based, offset the byte offset of the line.
  void ParseLine(std::string_view text, uint64_t number, uint64_t offset, EventSink* sink);
  // Flushes attempts still pending for this input.
  void EndFile(EventSink* sink);

  ParseStats stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_LOG_PARSER_H_
