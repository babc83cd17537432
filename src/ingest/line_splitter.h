// LineSplitter: cuts a ByteSource's bytes into lines in one fixed, reused buffer.
//
// A line ends at '\n'; one '\r' before it is dropped; bytes after the last '\n' form a last line
// unless the source faulted (then they are dropped and counted in dropped_tail_bytes()). Lines
// whose text is longer than max_line_bytes come back flagged too_long with no text: once a line
// cannot fit, its bytes are discarded as they arrive while looking for the newline, so memory
// stays at the buffer size (about max_line_bytes + 64 KiB, at least 1 MiB) whatever the line's
// length. Views point into the buffer and are valid until the next Next(). No allocation after
// construction. Not thread-safe.
#ifndef SPRAYTRACE_INGEST_LINE_SPLITTER_H_
#define SPRAYTRACE_INGEST_LINE_SPLITTER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "ingest/byte_source.h"

namespace spraytrace::ingest {

struct RawLine {
  std::string_view text;  // without "\n" / "\r\n"; empty when too_long
  uint64_t number = 0;    // 1-based
  uint64_t offset = 0;    // of the first byte, in the decoded stream
  uint64_t length = 0;    // bytes of text, counted even when too_long (then including any '\r')
  bool too_long = false;
};

class LineSplitter {
 public:
  // REQUIRES: source outlives the splitter.
  LineSplitter(ByteSource* source, size_t max_line_bytes);
  LineSplitter(const LineSplitter&) = delete;
  LineSplitter& operator=(const LineSplitter&) = delete;

  // Next line, good or too long; false at the end of the stream.
  bool Next(RawLine* line);

  // Called before each read from the source: every complete line read so far has been returned.
  void set_before_read(std::function<void()> hook) { before_read_ = std::move(hook); }

  // Bytes of an unterminated last line dropped because the source faulted.
  uint64_t dropped_tail_bytes() const { return dropped_tail_bytes_; }
  size_t buffer_capacity() const { return capacity_; }

  // Smallest buffer, so that short max_line_bytes settings still read in large blocks.
  static constexpr size_t kMinBufferBytes = 1 << 20;
  // Room for reading beyond the longest line the buffer must hold.
  static constexpr size_t kReadReserveBytes = 64 * 1024;

 private:
  // Emits the complete line [begin_, newline) and moves past it.
  void TakeLine(size_t newline, RawLine* line);
  // Emits the line [begin_, end_) that the stream ended without a newline.
  void TakeLastLine(RawLine* line);
  // Emits [begin_, stop) as a line and skips `terminator` bytes (the newline, or none at EOF).
  void Take(size_t stop, size_t terminator, RawLine* line);
  // Discards the over-long line starting at begin_ up to and including its newline.
  void SkipLongLine(RawLine* line);
  // Moves pending bytes to the buffer start and reads more; false at the end of the stream.
  bool Fill();
  size_t Read(char* out, size_t capacity);

  ByteSource* source_;
  std::function<void()> before_read_;
  size_t max_line_bytes_;
  size_t capacity_;
  std::unique_ptr<char[]> buffer_;
  size_t begin_ = 0;     // start of the current, not yet returned line
  size_t scan_ = 0;      // bytes in [begin_, scan_) hold no '\n'
  size_t end_ = 0;       // end of the bytes read
  uint64_t offset_ = 0;  // stream offset of buffer_[begin_]
  uint64_t line_number_ = 0;
  uint64_t dropped_tail_bytes_ = 0;
  bool ended_ = false;
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_LINE_SPLITTER_H_
