#include "ingest/line_reader.h"

#include <string_view>

#include "ingest/file_input.h"
#include "ingest/gzip_source.h"
#include "ingest/plain_source.h"
#include "ingest/stream_line_reader.h"
#include "ingest/zstd_source.h"

namespace spraytrace::ingest {
namespace {

constexpr std::string_view kGzipMagic = "\x1f\x8b";
constexpr std::string_view kZstdMagic = "\x28\xb5\x2f\xfd";

Compression DetectCompression(std::string_view head) {
  if (head.starts_with(kGzipMagic)) return Compression::kGzip;
  if (head.starts_with(kZstdMagic)) return Compression::kZstd;
  return Compression::kNone;
}

std::unique_ptr<ByteSource> MakeSource(Compression compression, FileInput input) {
  switch (compression) {
    case Compression::kGzip:
      return std::make_unique<GzipSource>(std::move(input));
    case Compression::kZstd:
      return std::make_unique<ZstdSource>(std::move(input));
    case Compression::kNone:
      break;
  }
  return std::make_unique<PlainSource>(std::move(input));
}

Status ReportUnreadable(const std::string& path, Status status, Diagnostics* diagnostics) {
  diagnostics->Report(DiagnosticKind::kUnreadableFile, path, 0, status.message());
  return status;
}

}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path,
                                                     const ReaderOptions& options,
                                                     Diagnostics* diagnostics) {
  Result<FileInput> input = FileInput::Open(path);
  if (!input) return ReportUnreadable(path, input.error(), diagnostics);
  Result<std::string_view> head = input->Peek(kZstdMagic.size());
  if (!head) return ReportUnreadable(path, head.error(), diagnostics);
  const Compression compression = DetectCompression(*head);
  return std::unique_ptr<LineReader>(std::make_unique<StreamLineReader>(
      MakeSource(compression, std::move(*input)), path, options, diagnostics));
}

}  // namespace spraytrace::ingest
