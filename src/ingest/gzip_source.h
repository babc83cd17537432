// GzipSource: decompresses gzip (or zlib) data with zlib, member after member.
//
// Handles multi-member files as `cat a.gz b.gz` makes them: after each member's trailer the
// stream is reset and decoding goes on while input remains. A stream that ends inside a member
// (missing data or trailer) faults with kTruncatedGzip; a zlib data error, including bytes after a
// member that are not another member, faults with kCorruptGzip. Memory: a fixed 256 KiB input
// buffer plus zlib's ~40 KiB state. Not thread-safe.
#ifndef SPRAYTRACE_INGEST_GZIP_SOURCE_H_
#define SPRAYTRACE_INGEST_GZIP_SOURCE_H_

#include <zlib.h>

#include <memory>
#include <optional>

#include "ingest/byte_source.h"
#include "ingest/file_input.h"

namespace spraytrace::ingest {

class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(FileInput input);
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;
  ~GzipSource() override;

  size_t Read(char* out, size_t capacity) override;
  const std::optional<StreamFault>& fault() const override { return fault_; }
  Compression compression() const override { return Compression::kGzip; }
  uint64_t raw_bytes_read() const override { return input_.bytes_read() - stream_.avail_in; }

  static constexpr size_t kInputBufferBytes = 256 * 1024;

 private:
  // Refills the input buffer if it is empty; false after setting a fault on a read error.
  bool Refill();
  // After a member's trailer: finish at end of input, else reset for the next member.
  void StartNextMember();
  void Fail(DiagnosticKind kind, std::string detail);

  FileInput input_;
  std::unique_ptr<unsigned char[]> in_buffer_;
  z_stream stream_{};
  bool initialised_ = false;
  bool input_ended_ = false;
  bool done_ = false;
  uint64_t member_ = 1;
  std::optional<StreamFault> fault_;
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_GZIP_SOURCE_H_
