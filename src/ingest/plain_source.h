// PlainSource: the bytes of an uncompressed file or pipe, passed through unchanged.
//
// Reads with read(2) straight into the caller's buffer, so there is no copy beyond the kernel's.
// read(2) rather than mmap: it works the same on pipes and stdin, the memory used is the caller's
// fixed buffer whatever the file size, and a log truncated under us (copytruncate rotation)
// gives a short read instead of SIGBUS. Not thread-safe.
#ifndef SPRAYTRACE_INGEST_PLAIN_SOURCE_H_
#define SPRAYTRACE_INGEST_PLAIN_SOURCE_H_

#include <optional>

#include "ingest/byte_source.h"
#include "ingest/file_input.h"

namespace spraytrace::ingest {

class PlainSource final : public ByteSource {
 public:
  explicit PlainSource(FileInput input) : input_(std::move(input)) {}

  size_t Read(char* out, size_t capacity) override;
  const std::optional<StreamFault>& fault() const override { return fault_; }
  Compression compression() const override { return Compression::kNone; }
  uint64_t raw_bytes_read() const override { return input_.bytes_read(); }

 private:
  FileInput input_;
  std::optional<StreamFault> fault_;
  bool done_ = false;
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_PLAIN_SOURCE_H_
