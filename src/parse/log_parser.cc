#include "parse/log_parser.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "parse/csv/csv_splitter.h"
#include "parse/journald/journal_json.h"
#include "parse/json/json_document.h"
#include "parse/json/json_records.h"
#include "parse/syslog/repeated_message.h"
#include "parse/syslog/syslog_header.h"
#include "parse/syslog/syslog_record.h"
#include "parse/syslog/year_tracker.h"
#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

// Longest part of a line kept as a diagnostic's detail.
constexpr size_t kMaxDetail = 160;
// Lines between two Expire() calls on the families.
constexpr uint64_t kExpireEveryLines = 1000;
// Largest JSON value assembled from several lines, and largest CSV row. A Graph page of 1,000
// sign-ins is a few MB; an export saved as one document may be far larger.
constexpr size_t kMaxJsonDocument = size_t{2} << 30;
constexpr size_t kMaxCsvRow = size_t{16} << 20;

// Forwards events to the caller's sink and counts them.
class CountingSink final : public EventSink {
 public:
  void Reset(EventSink* target, uint64_t* count) {
    target_ = target;
    count_ = count;
  }
  void OnEvent(const AuthEvent& event) override {
    ++*count_;
    target_->OnEvent(event);
  }

 private:
  EventSink* target_ = nullptr;
  uint64_t* count_ = nullptr;
};

// journald's export names its realtime clock; no other family's record does.
bool LooksLikeJournald(std::string_view text) {
  return Contains(text, "\"__REALTIME_TIMESTAMP\"") ||
         Contains(text, "\"_SOURCE_REALTIME_TIMESTAMP\"");
}

std::string_view StripBom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

// Tries the family that took the last record first, then the others in registry order.
// try_one(family) returns the family's verdict.
template <typename Family, typename TryOne>
RecordStatus OfferToFamilies(std::vector<std::unique_ptr<Family>>& families, size_t* last,
                             size_t* taker, TryOne try_one) {
  const size_t n = families.size();
  if (n == 0) return RecordStatus::kNotMine;
  const size_t first = *last < n ? *last : 0;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = (first + k) % n;
    const RecordStatus status = try_one(*families[i]);
    if (status != RecordStatus::kNotMine) {
      *last = i;
      *taker = i;
      return status;
    }
  }
  return RecordStatus::kNotMine;
}

}  // namespace

Status ValidateParserOptions(const ParserOptions& options) {
  if (options.forced_family.empty()) return Status::Ok();
  StringPool strings;
  Diagnostics diagnostics;
  FamilySet families = MakeFamilies(&strings, &diagnostics, options.families);
  return KeepOnlyFamily(options.forced_family, &families);
}

class LogParser::Impl {
 public:
  Impl(StringPool* strings, Diagnostics* diagnostics, const ParserOptions& options);

  void BeginFile(uint32_t file_id, std::string_view display_name, YearHint year);
  void ParseLine(std::string_view text, uint64_t number, uint64_t offset, EventSink* sink);
  void EndFile(EventSink* sink);
  ParseStats stats() const;

 private:
  // Per-family record counts live in one vector: syslog, text, JSON, then CSV families.
  size_t TextIndex(size_t i) const { return families_.syslog.size() + i; }
  size_t JsonIndex(size_t i) const { return TextIndex(families_.text.size()) + i; }
  size_t CsvIndex(size_t i) const { return JsonIndex(families_.json.size()) + i; }

  bool StartCsv(std::string_view header);
  void CsvLine(std::string_view text, const EvidenceLocation& where);
  void JsonLine(std::string_view text, const EvidenceLocation& where);
  void JsonValue(std::string_view json, const JsonDocumentAssembler* document,
                 const EvidenceLocation& where);
  void JsonRecord(const JsonRecordText& record, const RecordContext& context);
  void SyslogLine(std::string_view text, const EvidenceLocation& where);
  bool JournalLine(std::string_view text, SyslogRecord* record, uint64_t number);
  void Dispatch(const SyslogRecord& record);
  bool OfferSyslog(const SyslogRecord& record, uint32_t count);
  void ReplayLastRecord(const SyslogRecord& record, uint32_t count);
  void RememberLast(const SyslogRecord& record, size_t family);
  bool OfferText(std::string_view text, const EvidenceLocation& where);
  void NoteTime(Timestamp time);
  void Reject(DiagnosticKind kind, std::string_view text, uint64_t number);
  RecordContext Context(const EvidenceLocation& where) const { return {file_name_, where}; }

  Diagnostics* diagnostics_;
  FamilySet families_;
  std::vector<uint64_t> family_records_;
  size_t last_syslog_ = 0, last_text_ = 0, last_json_ = 0;
  YearTracker years_;
  JournalJsonParser journal_;
  JsonRecords json_;
  JsonDocumentAssembler document_{kMaxJsonDocument};
  CsvSplitter csv_{kMaxCsvRow};
  CountingSink sink_;
  ParseStats stats_;

  // The current input.
  uint32_t file_id_ = 0;
  std::string file_name_;
  bool first_line_ = true;
  uint64_t file_records_ = 0;  // records of this file some family took or knew as other
  Timestamp latest_ = 0;
  bool has_latest_ = false;
  uint64_t lines_since_expire_ = 0;

  // CSV mode: the header of this file and the family that claimed it.
  bool csv_active_ = false;
  size_t csv_family_ = 0;
  std::vector<std::string> csv_header_text_;
  std::vector<std::string_view> csv_header_;
  EvidenceLocation csv_row_start_;

  // The previous syslog record, for BSD "last message repeated N times". Reused buffers.
  bool has_last_ = false;
  size_t last_family_ = 0;
  std::string last_host_;
  std::string last_program_;
  std::string last_message_;
  int64_t last_pid_ = -1;
};

LogParser::Impl::Impl(StringPool* strings, Diagnostics* diagnostics, const ParserOptions& options)
    : diagnostics_(diagnostics), families_(MakeFamilies(strings, diagnostics, options.families)) {
  if (!options.forced_family.empty()) {
    // Validated by the caller (ValidateParserOptions); an unknown name keeps every family.
    FamilySet forced = MakeFamilies(strings, diagnostics, options.families);
    if (KeepOnlyFamily(options.forced_family, &forced).ok()) families_ = std::move(forced);
  }
  family_records_.assign(CsvIndex(families_.csv.size()), 0);
}

void LogParser::Impl::BeginFile(uint32_t file_id, std::string_view display_name, YearHint year) {
  file_id_ = file_id;
  file_name_.assign(display_name);
  years_.Reset(year);
  has_last_ = false;
  first_line_ = true;
  file_records_ = 0;
  csv_active_ = false;
  csv_.Clear();
  document_.Clear();
  lines_since_expire_ = 0;
}

void LogParser::Impl::ParseLine(std::string_view text, uint64_t number, uint64_t offset,
                                EventSink* sink) {
  ++stats_.lines;
  if (text.ends_with('\r')) text.remove_suffix(1);
  sink_.Reset(sink, &stats_.events);
  const EvidenceLocation where{file_id_, number, offset};
  if (document_.active()) {
    JsonLine(text, where);
    return;
  }
  if (csv_active_) {
    CsvLine(text, where);
    return;
  }
  if (text.find_first_not_of(" \t") == std::string_view::npos) return;  // blank: not counted
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
    Reject(DiagnosticKind::kBinaryLine, text, number);
    return;
  }
  if (first_line_) {
    first_line_ = false;
    text = StripBom(text);
    if (StartCsv(text)) return;
  }
  const size_t start = text.find_first_not_of(" \t");
  const char opening = text[start];
  if ((opening == '{' && !LooksLikeJournald(text)) || opening == '[') {
    JsonLine(text.substr(start), where);
  } else {
    SyslogLine(text, where);
  }
  if (++lines_since_expire_ >= kExpireEveryLines && has_latest_) {
    lines_since_expire_ = 0;
    for (auto& family : families_.syslog) family->Expire(latest_, &sink_);
    for (auto& family : families_.text) family->Expire(latest_, &sink_);
    for (auto& family : families_.json) family->Expire(latest_, &sink_);
  }
}

// A header row is CSV when some CSV family reads it; one comma at least, no JSON or syslog.
bool LogParser::Impl::StartCsv(std::string_view header) {
  if (families_.csv.empty() || header.find(',') == std::string_view::npos) return false;
  CsvSplitter splitter(kMaxCsvRow);
  if (splitter.AddLine(header) != CsvLineStatus::kRow) return false;
  for (size_t i = 0; i < families_.csv.size(); ++i) {
    if (!families_.csv[i]->ClaimsHeader(splitter.fields())) continue;
    csv_header_text_.assign(splitter.fields().begin(), splitter.fields().end());
    csv_header_.assign(csv_header_text_.begin(), csv_header_text_.end());
    csv_active_ = true;
    csv_family_ = i;
    ++file_records_;
    return true;
  }
  return false;
}

void LogParser::Impl::CsvLine(std::string_view text, const EvidenceLocation& where) {
  if (!csv_.pending()) {
    if (text.empty()) return;
    csv_row_start_ = where;
  }
  switch (csv_.AddLine(text)) {
    case CsvLineStatus::kIncomplete:
      if (!families_.csv[csv_family_]->RowsSpanLines()) {
        Reject(DiagnosticKind::kBadCsvRow, "CSV row cut short: a quote left open at its end",
               csv_row_start_.line);
        csv_.Clear();
      }
      return;
    case CsvLineStatus::kTooLong:
      Reject(DiagnosticKind::kBadCsvRow, "CSV row over the length limit (unclosed quote?)",
             csv_row_start_.line);
      return;
    case CsvLineStatus::kBadQuote:
      Reject(DiagnosticKind::kBadCsvRow, text, csv_row_start_.line);
      return;
    case CsvLineStatus::kRow:
      break;
  }
  ++stats_.relevant_lines;
  ++file_records_;
  ++family_records_[CsvIndex(csv_family_)];
  const CsvRow row{csv_header_, csv_.fields()};
  families_.csv[csv_family_]->OnRow(row, Context(csv_row_start_), &sink_);
}

void LogParser::Impl::JsonLine(std::string_view text, const EvidenceLocation& where) {
  // The common case: one complete object per line, parsed without copying into the assembler.
  JsonNesting nesting;
  const bool whole = text.starts_with('{') && nesting.Feed(text) && nesting.complete() &&
                     !TrimRight(text).ends_with(',');
  if (document_.active() && whole && !document_.between_envelope_elements()) {
    // A JSON-lines record cut short (a full disk, a killed exporter) would otherwise swallow
    // every record after it: a new record at the start of a line ends it. Inside an envelope's
    // array ({"records":[ on a line of its own, then one record per line) it is the next
    // element, the last one without a comma.
    Reject(DiagnosticKind::kBadJson, "JSON record cut short before the next record",
           document_.first_line());
    document_.Clear();
  }
  if (!document_.active() && (whole || (nesting.complete() && text.starts_with('[')))) {
    JsonValue(text, nullptr, where);
    return;
  }
  switch (document_.AddLine(text, where)) {
    case AssemblyStatus::kIncomplete:
      return;
    case AssemblyStatus::kNotJson:
      Reject(DiagnosticKind::kBadJson, text, document_.first_line());
      document_.Clear();
      return;
    case AssemblyStatus::kTooLong:
      Reject(DiagnosticKind::kBadJson, "JSON document over the size limit", where.line);
      return;
    case AssemblyStatus::kComplete:
      break;
  }
  JsonValue(document_.text(), &document_, document_.LocationOf(0));
  document_.Clear();
}

// A complete JSON value: one record, or an envelope or array of them. document (when the
// value spans lines) maps positions back to lines.
void LogParser::Impl::JsonValue(std::string_view json, const JsonDocumentAssembler* document,
                                const EvidenceLocation& where) {
  const JsonLoadStatus status = json_.Load(json);
  for (const JsonRecordText& record : json_.records()) {
    EvidenceLocation at = where;
    if (document != nullptr) at = document->LocationOf(record.position);
    JsonRecord(record, Context(at));
  }
  if (status == JsonLoadStatus::kBadJson) {
    Reject(DiagnosticKind::kBadJson, json, where.line);
  } else if (status == JsonLoadStatus::kNotObject) {
    Reject(DiagnosticKind::kUnknownFormat, json, where.line);
  }
}

void LogParser::Impl::JsonRecord(const JsonRecordText& record, const RecordContext& context) {
  size_t taker = 0;
  bool parsed_any = false;
  const RecordStatus status =
      OfferToFamilies(families_.json, &last_json_, &taker, [&](JsonFamily& family) {
        if (!family.Sniff(record.text)) return RecordStatus::kNotMine;
        simdjson::ondemand::object object;
        if (!json_.Parse(record, &object)) return RecordStatus::kNotMine;
        parsed_any = true;
        return family.OnObject(object, record.text, context, &sink_);
      });
  if (status != RecordStatus::kNotMine) {
    ++stats_.relevant_lines;
    ++file_records_;
    ++family_records_[JsonIndex(taker)];
    return;
  }
  simdjson::ondemand::object object;
  if (!parsed_any && !json_.Parse(record, &object)) {
    Reject(DiagnosticKind::kBadJson, record.text, context.where.line);
    return;
  }
  // Valid JSON of no family we read (another product's events): known, not ours.
  ++stats_.other_lines;
}

void LogParser::Impl::SyslogLine(std::string_view text, const EvidenceLocation& where) {
  SyslogRecord record;
  DiagnosticKind failure = DiagnosticKind::kUnknownFormat;
  bool framed = false;
  if (text.front() == '{') {
    framed = JournalLine(text, &record, where.line);
    if (!framed) return;  // JournalLine reported it
  } else {
    switch (ParseSyslogHeader(text, &years_, &record)) {
      case HeaderStatus::kOk:
        framed = true;
        break;
      case HeaderStatus::kBadTimestamp:
        failure = DiagnosticKind::kBadTimestamp;
        break;
      case HeaderStatus::kNotSyslog:
        break;
    }
  }
  if (framed) {
    record.where = where;
    NoteTime(record.time);
    Dispatch(record);
    return;
  }
  if (OfferText(text, where)) return;
  Reject(failure, text, where.line);
}

bool LogParser::Impl::JournalLine(std::string_view text, SyslogRecord* record, uint64_t number) {
  switch (journal_.Parse(text, record)) {
    case JournalStatus::kOk:
      return true;
    case JournalStatus::kBadJson:
      Reject(DiagnosticKind::kBadJson, text, number);
      return false;
    case JournalStatus::kBadTimestamp:
      Reject(DiagnosticKind::kBadTimestamp, text, number);
      return false;
  }
  return false;
}

void LogParser::Impl::Dispatch(const SyslogRecord& record) {
  uint32_t count = 1;
  std::string_view inner;
  if (ParseMessageRepeated(record.message, &count, &inner)) {
    SyslogRecord expanded = record;
    expanded.message = inner;
    if (OfferSyslog(expanded, count)) return;
  } else if (OfferSyslog(record, 1)) {
    return;
  }
  if (record.program.empty() && ParseLastMessageRepeated(record.message, &count) && has_last_) {
    ++stats_.relevant_lines;
    ++file_records_;
    ++family_records_[last_family_];
    ReplayLastRecord(record, count);
    return;
  }
  ++stats_.other_lines;
  ++file_records_;
  has_last_ = false;
}

bool LogParser::Impl::OfferSyslog(const SyslogRecord& record, uint32_t count) {
  size_t taker = 0;
  const RecordContext context = Context(record.where);
  const RecordStatus status =
      OfferToFamilies(families_.syslog, &last_syslog_, &taker, [&](SyslogFamily& family) {
        if (!family.Claims(record)) return RecordStatus::kNotMine;
        RecordStatus verdict = RecordStatus::kHandled;
        for (uint32_t i = 0; i < count; ++i) verdict = family.OnRecord(record, context, &sink_);
        return verdict;
      });
  if (status == RecordStatus::kNotMine) return false;
  ++stats_.relevant_lines;
  ++file_records_;
  ++family_records_[taker];
  RememberLast(record, taker);
  return true;
}

void LogParser::Impl::ReplayLastRecord(const SyslogRecord& record, uint32_t count) {
  SyslogRecord replay = record;
  if (replay.host.empty()) replay.host = last_host_;
  replay.program = last_program_;
  replay.pid = last_pid_;
  replay.message = last_message_;
  const RecordContext context = Context(record.where);
  for (uint32_t i = 0; i < count; ++i) {
    families_.syslog[last_family_]->OnRecord(replay, context, &sink_);
  }
}

void LogParser::Impl::RememberLast(const SyslogRecord& record, size_t family) {
  last_host_.assign(record.host);
  last_program_.assign(record.program);
  last_message_.assign(record.message);
  last_pid_ = record.pid;
  last_family_ = family;
  has_last_ = true;
}

bool LogParser::Impl::OfferText(std::string_view text, const EvidenceLocation& where) {
  size_t taker = 0;
  const RecordContext context = Context(where);
  const RecordStatus status =
      OfferToFamilies(families_.text, &last_text_, &taker,
                      [&](TextFamily& family) { return family.OnLine(text, context, &sink_); });
  if (status == RecordStatus::kNotMine) return false;
  ++stats_.relevant_lines;
  ++file_records_;
  ++family_records_[TextIndex(taker)];
  return true;
}

void LogParser::Impl::NoteTime(Timestamp time) {
  if (!has_latest_ || time > latest_) {
    latest_ = time;
    has_latest_ = true;
  }
}

void LogParser::Impl::EndFile(EventSink* sink) {
  sink_.Reset(sink, &stats_.events);
  if (document_.active()) {
    Reject(DiagnosticKind::kBadJson, "JSON document not closed at the end of the input",
           document_.first_line());
    document_.Clear();
  }
  if (csv_active_ && csv_.pending()) {
    Reject(DiagnosticKind::kBadCsvRow, "CSV row with a quote not closed at the end of the input",
           csv_row_start_.line);
    csv_.Clear();
  }
  for (auto& family : families_.syslog) family->EndFile(&sink_);
  for (auto& family : families_.text) family->EndFile(&sink_);
  for (auto& family : families_.json) family->EndFile(&sink_);
  if (file_records_ == 0 && !first_line_) {
    // Each family once, though several read two framings (the message has a length cap).
    std::vector<std::string> names;
    const auto add = [&names](std::string_view name) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
    };
    for (const auto& f : families_.syslog) add(f->name());
    for (const auto& f : families_.text) add(f->name());
    for (const auto& f : families_.json) add(f->name());
    for (const auto& f : families_.csv) add(f->name());
    diagnostics_->Report(DiagnosticKind::kUnrecognisedFile, file_name_, 0,
                         fmt::format("tried {}", fmt::join(names, ", ")));
  }
  has_last_ = false;
  csv_active_ = false;
}

ParseStats LogParser::Impl::stats() const {
  ParseStats stats = stats_;
  size_t index = 0;
  const auto add = [&](const auto& families) {
    for (const auto& f : families) {
      if (family_records_[index] != 0) {
        // One family may read two framings (FortiGate behind syslog and bare): one count.
        auto same = std::find_if(stats.by_family.begin(), stats.by_family.end(),
                                 [&](const auto& entry) { return entry.first == f->name(); });
        if (same != stats.by_family.end()) {
          same->second += family_records_[index];
        } else {
          stats.by_family.emplace_back(std::string(f->name()), family_records_[index]);
        }
      }
      ++index;
    }
  };
  add(families_.syslog);
  add(families_.text);
  add(families_.json);
  add(families_.csv);
  return stats;
}

void LogParser::Impl::Reject(DiagnosticKind kind, std::string_view text, uint64_t number) {
  ++stats_.not_understood;
  diagnostics_->Report(kind, file_name_, number, text.substr(0, kMaxDetail));
}

LogParser::LogParser(StringPool* strings, Diagnostics* diagnostics, const ParserOptions& options)
    : impl_(std::make_unique<Impl>(strings, diagnostics, options)) {}
LogParser::~LogParser() = default;

void LogParser::BeginFile(uint32_t file_id, std::string_view display_name, YearHint year) {
  impl_->BeginFile(file_id, display_name, year);
}

void LogParser::ParseLine(std::string_view text, uint64_t number, uint64_t offset,
                          EventSink* sink) {
  impl_->ParseLine(text, number, offset, sink);
}

void LogParser::EndFile(EventSink* sink) { impl_->EndFile(sink); }

ParseStats LogParser::stats() const { return impl_->stats(); }

}  // namespace spraytrace::parse
