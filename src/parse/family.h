// Log families: the parsers the parse stage's front door (LogParser) hands records to.
//
// A family turns the records of one product's log (sshd, FortiGate, Entra sign-ins, Windows
// Security, ...) into AuthEvents. The front door owns the framing: it splits syslog headers,
// assembles JSON documents that span lines ({"value":[...]}, {"records":[...]}, [...]) into one
// object per record, and splits CSV rows by their header. A family only sees records in the
// framing it declared, and says whether a record is its own, so one file may mix families and
// `--format NAME` can force one.
//
// Rules every family keeps:
//   - Never print or throw; a record it claims but cannot use is reported to the Diagnostics it
//     was given (kBadRecord or a closer kind) and counted, and the run goes on.
//   - Claims*/Sniff are cheap (a prefix or substring test): they run on every record until one
//     family says yes. The front door tries the family that claimed the previous record first.
//   - Strings in events are interned in the StringPool given at construction; views into the
//     record are valid only during the call.
//   - Not thread-safe: one family object per input stream (the front door owns one of each).
#ifndef SPRAYTRACE_PARSE_FAMILY_H_
#define SPRAYTRACE_PARSE_FAMILY_H_

#include <simdjson.h>

#include <span>
#include <string_view>

#include "event/auth_event.h"
#include "parse/event_sink.h"
#include "parse/syslog/syslog_record.h"

namespace spraytrace::parse {

// Where a record came from, for evidence and diagnostics.
struct RecordContext {
  std::string_view file_name;  // as given on the command line, "-" for stdin
  EvidenceLocation where;      // file id, 1-based line, byte offset of the record's first line
};

enum class RecordStatus : uint8_t {
  kNotMine,  ///< not this family's record: the front door tries the next family
  kHandled,  ///< this family's record; zero or more events emitted (not every record is an attempt)
  kBad,      ///< this family's record, but unusable; the family has reported a diagnostic
};

// Families whose records arrive as syslog messages: sshd, FortiGate, Cisco ASA, OpenVPN,
// GlobalProtect. The front door parses the header (RFC 3164, RFC 5424, ISO-8601, journald
// JSON) and offers the record.
class SyslogFamily {
 public:
  virtual ~SyslogFamily() = default;
  virtual std::string_view name() const = 0;  // e.g. "sshd", "fortigate"
  // The record's program and message are this family's (e.g. program "sshd"; a message that
  // starts with "%ASA-"; FortiGate's "date=... logid=..." body).
  virtual bool Claims(const SyslogRecord& record) const = 0;
  virtual RecordStatus OnRecord(const SyslogRecord& record, const RecordContext& context,
                                EventSink* sink) = 0;
  // Event time reached `now`: emit attempts the family holds back for later lines.
  virtual void Expire(Timestamp /*now*/, EventSink* /*sink*/) {}
  // End of one input: emit everything still held back.
  virtual void EndFile(EventSink* /*sink*/) {}
};

// Families whose lines have their own framing, with no syslog header in front: a FortiGate
// log saved by the device ("date=2024-10-14 time=13:46:40 ..."), OpenVPN's own log file
// ("2024-01-02 03:04:05 1.2.3.4:5678 ..."). Offered a line only when it is not syslog.
class TextFamily {
 public:
  virtual ~TextFamily() = default;
  virtual std::string_view name() const = 0;
  // line: without its newline or trailing CR.
  virtual RecordStatus OnLine(std::string_view line, const RecordContext& context,
                              EventSink* sink) = 0;
  virtual void Expire(Timestamp /*now*/, EventSink* /*sink*/) {}
  virtual void EndFile(EventSink* /*sink*/) {}
};

// Families whose records are JSON objects: one per line, or the elements of a document's
// "value" / "records" array or of a top-level array. `text` is the object's own JSON text (for
// Sniff's substring tests); `object` is the same object, parsed on demand (simdjson On-Demand:
// fields are read once, in any order with find_field_unordered).
class JsonFamily {
 public:
  virtual ~JsonFamily() = default;
  virtual std::string_view name() const = 0;  // e.g. "entra-graph", "m365-ual", "windows-json"
  // Cheap test on the raw text: does the object carry this family's telltale keys?
  virtual bool Sniff(std::string_view text) const = 0;
  virtual RecordStatus OnObject(simdjson::ondemand::object object, std::string_view text,
                                const RecordContext& context, EventSink* sink) = 0;
  // As for syslog families: a family that holds attempts back (Win32-OpenSSH's sshd messages
  // inside Windows events) emits them when time passes or the input ends.
  virtual void Expire(Timestamp /*now*/, EventSink* /*sink*/) {}
  virtual void EndFile(EventSink* /*sink*/) {}
};

// One CSV row, split by the front door (RFC 4180 quoting, fields unquoted and unescaped).
// Views valid only during the call.
struct CsvRow {
  std::span<const std::string_view> header;  // the file's header row
  std::span<const std::string_view> fields;  // this row; may be shorter or longer than header
};

// Families whose records are CSV rows: the Purview audit export, or any SIEM export with a
// column mapping given on the command line.
class CsvFamily {
 public:
  virtual ~CsvFamily() = default;
  virtual std::string_view name() const = 0;
  // The file's header row is one this family reads (its required columns are present).
  virtual bool ClaimsHeader(std::span<const std::string_view> header) const = 0;
  virtual RecordStatus OnRow(const CsvRow& row, const RecordContext& context, EventSink* sink) = 0;
  // Whether a quoted field may hold line breaks. When it may not (the Purview export: its
  // AuditData JSON never holds a raw line break), a line that leaves a quote open is a row cut
  // short, reported at once instead of swallowing the rows after it.
  virtual bool RowsSpanLines() const { return true; }
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_FAMILY_H_
