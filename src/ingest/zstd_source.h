// ZstdSource: decompresses a zstd stream of one or more frames with libzstd's streaming API.
//
// Frames follow each other as `cat a.zst b.zst` makes them; skippable frames are skipped by
// libzstd. A frame error, or input that ends inside a frame, faults with kCorruptZstd. Memory: a
// fixed input buffer of ZSTD_DStreamInSize() (~128 KiB) plus the decoder's window, which the
// frame sets (8 MiB at level 19; libzstd refuses windows over 128 MiB by default). Not thread-safe.
#ifndef SPRAYTRACE_INGEST_ZSTD_SOURCE_H_
#define SPRAYTRACE_INGEST_ZSTD_SOURCE_H_

#include <zstd.h>

#include <memory>
#include <optional>

#include "ingest/byte_source.h"
#include "ingest/file_input.h"

namespace spraytrace::ingest {

class ZstdSource final : public ByteSource {
 public:
  explicit ZstdSource(FileInput input);

  size_t Read(char* out, size_t capacity) override;
  const std::optional<StreamFault>& fault() const override { return fault_; }
  Compression compression() const override { return Compression::kZstd; }
  uint64_t raw_bytes_read() const override { return input_.bytes_read() - (in_.size - in_.pos); }

 private:
  struct DCtxDeleter {
    void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
  };

  // Refills the input buffer if it is used up; false after setting a fault on a read error.
  bool Refill();
  void Fail(std::string detail);

  FileInput input_;
  std::unique_ptr<ZSTD_DCtx, DCtxDeleter> context_;
  std::unique_ptr<char[]> in_buffer_;
  size_t in_capacity_ = 0;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  // True between frames: the last ZSTD_decompressStream() call returned 0 (frame complete).
  bool frame_complete_ = true;
  bool input_ended_ = false;
  bool done_ = false;
  std::optional<StreamFault> fault_;
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_ZSTD_SOURCE_H_
