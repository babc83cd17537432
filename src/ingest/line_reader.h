// LineReader: bytes in, lines out, from a file, stdin, gzip or zstd, with bad input counted.
//
// Compression is recognised by magic bytes, not by file name (gzip 1f 8b, zstd 28 b5 2f fd), so a
// renamed or piped compressed file still reads. Lines are returned as views into a buffer the
// reader reuses: a view is valid until the next call to Next(). A trailing "\r" is removed.
//
// Bad input never stops the reader early without a diagnostic: over-long lines and lines with
// NUL/control bytes are skipped and counted; a truncated or corrupt compressed stream ends the
// file after the last complete line, with a diagnostic. Not thread-safe; one reader per stream.
#ifndef SPRAYTRACE_INGEST_LINE_READER_H_
#define SPRAYTRACE_INGEST_LINE_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "common/result.h"

namespace spraytrace::ingest {

struct ReaderOptions {
  // Lines whose text (without "\n" or "\r\n") is longer than this are skipped with
  // kLineTooLong. sshd lines are < 1 KiB; journald JSON records can reach a few KiB. 1 MiB keeps
  // memory bounded against a 10 MB garbage line: the reader's buffer is about this size + 64 KiB
  // (at least 1 MiB), and a longer line is discarded as it streams past, never held whole.
  size_t max_line_bytes = 1 << 20;
};

enum class Compression : uint8_t { kNone, kGzip, kZstd };

struct Line {
  std::string_view text;      // without the newline
  uint64_t number = 0;        // 1-based
  uint64_t offset = 0;        // byte offset of the line start in the decompressed stream
  bool invalid_utf8 = false;  // reported once per line to diagnostics as kInvalidUtf8
};

class LineReader {
 public:
  virtual ~LineReader() = default;

  // Opens path, or stdin when path is "-"; diagnostics cite path as given. Compression is
  // sniffed from the first bytes here, so Open() may block on a pipe until 4 bytes or EOF.
  // Errors: kNotFound / kIoError (also reported as kUnreadableFile to diagnostics).
  // REQUIRES: diagnostics outlives the reader.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path,
                                                  const ReaderOptions& options,
                                                  Diagnostics* diagnostics);

  // Next good line; false at end of input (including after a truncation diagnostic).
  virtual bool Next(Line* line) = 0;

  // `hook` runs on the thread calling Next() whenever the reader is about to wait for more input
  // (read its source, or wait for a reader thread of its own), so everything it returned so far
  // is all there is for now. A consumer that batches what it reads hands its partial batch over
  // there: lines from a pipe that goes quiet (journalctl -f | spraytrace scan -) are not held
  // back until more arrive. On a file it runs once per buffer refill (about a megabyte).
  // REQUIRES: called before the first Next(). Null: none.
  virtual void SetWaitHook(std::function<void()> hook) = 0;

  virtual Compression compression() const = 0;
  // Compressed (on-disk) bytes consumed so far, for progress and throughput.
  virtual uint64_t raw_bytes_read() const = 0;
  // Lines seen, including skipped ones.
  virtual uint64_t lines_seen() const = 0;
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_LINE_READER_H_
