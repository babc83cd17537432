// ByteSource: a stream of decoded bytes (plain, gunzipped or zstd-decompressed) from one input.
//
// A source never throws and never reports diagnostics itself: when the stream cannot go on
// (read error, damaged or truncated compressed data) Read() returns 0 and fault() says why, so
// the line layer can add what it knows (the line number, the bytes of a half line it dropped).
// Not thread-safe; one source per input.
#ifndef SPRAYTRACE_INGEST_BYTE_SOURCE_H_
#define SPRAYTRACE_INGEST_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "ingest/line_reader.h"

namespace spraytrace::ingest {

// Why a stream ended early.
struct StreamFault {
  DiagnosticKind kind = DiagnosticKind::kUnreadableFile;
  std::string detail;  // e.g. "gzip stream ends before its trailer after 4096 compressed bytes"
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Writes up to capacity (> 0) decoded bytes to out and returns how many; 0 only at the end of
  // the stream, clean or not (see fault()). Once it has returned 0 it keeps returning 0.
  virtual size_t Read(char* out, size_t capacity) = 0;

  // Set when the stream ended early; empty after a clean end or while still reading.
  virtual const std::optional<StreamFault>& fault() const = 0;

  virtual Compression compression() const = 0;
  // Bytes taken from the file so far (compressed size for gzip/zstd).
  virtual uint64_t raw_bytes_read() const = 0;
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_BYTE_SOURCE_H_
