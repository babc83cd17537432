#include "ingest/stream_line_reader.h"

#include <fmt/format.h>

#include "common/utf8.h"
#include "ingest/control_bytes.h"

namespace spraytrace::ingest {

StreamLineReader::StreamLineReader(std::unique_ptr<ByteSource> source, std::string display_name,
                                   const ReaderOptions& options, Diagnostics* diagnostics)
    : source_(std::move(source)),
      splitter_(source_.get(), options.max_line_bytes),
      display_name_(std::move(display_name)),
      max_line_bytes_(options.max_line_bytes),
      diagnostics_(diagnostics) {}

template <typename MakeDetail>
void StreamLineReader::Report(DiagnosticKind kind, uint64_t line_number, MakeDetail make_detail) {
  if (diagnostics_->Count(kind) == 0) {
    diagnostics_->Report(kind, display_name_, line_number, make_detail());
  } else {
    diagnostics_->Report(kind, display_name_, line_number, {});
  }
}

bool StreamLineReader::Next(Line* line) {
  RawLine raw;
  while (splitter_.Next(&raw)) {
    ++lines_seen_;
    if (Accept(raw, line)) return true;
  }
  ReportFault();
  return false;
}

bool StreamLineReader::Accept(const RawLine& raw, Line* line) {
  if (raw.too_long) {
    Report(DiagnosticKind::kLineTooLong, raw.number, [&] {
      return fmt::format("line of {} bytes is over the limit of {}", raw.length, max_line_bytes_);
    });
    return false;
  }
  if (IsPlainAscii(raw.text)) {  // no control bytes, and valid UTF-8 as ASCII
    line->text = raw.text;
    line->number = raw.number;
    line->offset = raw.offset;
    line->invalid_utf8 = false;
    return true;
  }
  if (const size_t control = CountControlBytes(raw.text); control > 0) {
    Report(DiagnosticKind::kBinaryLine, raw.number,
           [&] { return fmt::format("{} NUL/control bytes", control); });
    return false;
  }
  const size_t invalid_at = FindInvalidUtf8(raw.text);
  line->text = raw.text;
  line->number = raw.number;
  line->offset = raw.offset;
  line->invalid_utf8 = invalid_at != std::string_view::npos;
  if (line->invalid_utf8) {
    Report(DiagnosticKind::kInvalidUtf8, raw.number,
           [&] { return fmt::format("invalid UTF-8 at byte {} of the line", invalid_at); });
  }
  return true;
}

void StreamLineReader::ReportFault() {
  if (fault_reported_ || !source_->fault().has_value()) return;
  fault_reported_ = true;
  const StreamFault& fault = *source_->fault();
  const uint64_t stop_line = lines_seen_ + 1;
  const uint64_t dropped = splitter_.dropped_tail_bytes();
  Report(fault.kind, stop_line, [&] {
    if (dropped == 0) return fmt::format("{}; stopped before line {}", fault.detail, stop_line);
    return fmt::format("{}; stopped in line {}, dropping its {} bytes read so far", fault.detail,
                       stop_line, dropped);
  });
}

}  // namespace spraytrace::ingest
