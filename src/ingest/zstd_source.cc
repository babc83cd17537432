#include "ingest/zstd_source.h"

#include <string>

namespace spraytrace::ingest {

ZstdSource::ZstdSource(FileInput input)
    : input_(std::move(input)), context_(ZSTD_createDCtx()), in_capacity_(ZSTD_DStreamInSize()) {
  in_buffer_ = std::make_unique_for_overwrite<char[]>(in_capacity_);
  in_.src = in_buffer_.get();
  if (context_ == nullptr) Fail("cannot start zstd: out of memory");
}

void ZstdSource::Fail(std::string detail) {
  fault_ = StreamFault{DiagnosticKind::kCorruptZstd, std::move(detail)};
  done_ = true;
}

bool ZstdSource::Refill() {
  if (in_.pos < in_.size || input_ended_) return true;
  Result<size_t> got = input_.Read(in_buffer_.get(), in_capacity_);
  if (!got) {
    fault_ = StreamFault{DiagnosticKind::kUnreadableFile, got.error().message()};
    done_ = true;
    return false;
  }
  in_.size = *got;
  in_.pos = 0;
  if (*got == 0) input_ended_ = true;
  return true;
}

size_t ZstdSource::Read(char* out, size_t capacity) {
  while (!done_) {
    if (!Refill()) break;
    const bool no_input = in_.pos == in_.size;
    if (no_input && input_ended_ && frame_complete_) {
      done_ = true;  // clean end between frames
      break;
    }
    ZSTD_outBuffer output{out, capacity, 0};
    const size_t rc = ZSTD_decompressStream(context_.get(), &output, &in_);
    if (ZSTD_isError(rc)) {
      Fail(std::string("zstd data damaged near compressed byte ") +
           std::to_string(raw_bytes_read()) + ": " + ZSTD_getErrorName(rc));
    } else {
      frame_complete_ = rc == 0;
      // With no input left, a call that produced nothing proves the frame can never finish.
      if (output.pos == 0 && no_input && input_ended_ && !frame_complete_) {
        Fail("zstd stream ends inside a frame after " + std::to_string(raw_bytes_read()) +
             " compressed bytes");
      }
    }
    if (output.pos > 0) return output.pos;
  }
  return 0;
}

}  // namespace spraytrace::ingest
