// StreamLineReader: the LineReader over one ByteSource; classifies lines and reports bad ones.
//
// For each line from the LineSplitter: too long -> kLineTooLong, skipped; NUL/control bytes ->
// kBinaryLine, skipped; invalid UTF-8 -> kInvalidUtf8, delivered with invalid_utf8 set. When the
// source faults, the fault is reported once, naming the line it stopped at and the bytes of the
// half line it dropped. A diagnostic's detail text is only built for the first occurrence of its
// kind (the sample), so a file full of garbage costs no allocation per line. Not thread-safe.
#ifndef SPRAYTRACE_INGEST_STREAM_LINE_READER_H_
#define SPRAYTRACE_INGEST_STREAM_LINE_READER_H_

#include <functional>
#include <memory>
#include <string>

#include "common/diagnostics.h"
#include "ingest/byte_source.h"
#include "ingest/line_reader.h"
#include "ingest/line_splitter.h"

namespace spraytrace::ingest {

class StreamLineReader final : public LineReader {
 public:
  // display_name is the file named in diagnostics. REQUIRES: diagnostics outlives the reader.
  StreamLineReader(std::unique_ptr<ByteSource> source, std::string display_name,
                   const ReaderOptions& options, Diagnostics* diagnostics);

  bool Next(Line* line) override;
  void SetWaitHook(std::function<void()> hook) override {
    splitter_.set_before_read(std::move(hook));
  }
  Compression compression() const override { return source_->compression(); }
  uint64_t raw_bytes_read() const override { return source_->raw_bytes_read(); }
  uint64_t lines_seen() const override { return lines_seen_; }

  size_t buffer_capacity() const { return splitter_.buffer_capacity(); }

 private:
  // True if the line is delivered; false if it was skipped (and reported).
  bool Accept(const RawLine& raw, Line* line);
  void ReportFault();
  // Reports one occurrence; make_detail() runs only when this is the kind's first occurrence.
  template <typename MakeDetail>
  void Report(DiagnosticKind kind, uint64_t line_number, MakeDetail make_detail);

  std::unique_ptr<ByteSource> source_;
  LineSplitter splitter_;
  std::string display_name_;
  size_t max_line_bytes_;
  Diagnostics* diagnostics_;
  uint64_t lines_seen_ = 0;
  bool fault_reported_ = false;
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_STREAM_LINE_READER_H_
