#include "ingest/gzip_source.h"

#include <algorithm>
#include <limits>
#include <string>

namespace spraytrace::ingest {
namespace {

// windowBits 15 = the largest window; +32 = detect a gzip or a zlib header automatically.
constexpr int kWindowBitsAutoDetect = 15 + 32;

}  // namespace

GzipSource::GzipSource(FileInput input)
    : input_(std::move(input)),
      in_buffer_(std::make_unique_for_overwrite<unsigned char[]>(kInputBufferBytes)) {
  if (inflateInit2(&stream_, kWindowBitsAutoDetect) != Z_OK) {
    Fail(DiagnosticKind::kCorruptGzip, "cannot start zlib: out of memory");
    return;
  }
  initialised_ = true;
}

GzipSource::~GzipSource() {
  if (initialised_) inflateEnd(&stream_);
}

void GzipSource::Fail(DiagnosticKind kind, std::string detail) {
  fault_ = StreamFault{kind, std::move(detail)};
  done_ = true;
}

bool GzipSource::Refill() {
  if (stream_.avail_in > 0 || input_ended_) return true;
  Result<size_t> got = input_.Read(reinterpret_cast<char*>(in_buffer_.get()), kInputBufferBytes);
  if (!got) {
    Fail(DiagnosticKind::kUnreadableFile, got.error().message());
    return false;
  }
  stream_.next_in = in_buffer_.get();
  stream_.avail_in = static_cast<uInt>(*got);
  if (*got == 0) input_ended_ = true;
  return true;
}

void GzipSource::StartNextMember() {
  if (!Refill()) return;
  if (stream_.avail_in == 0) {
    done_ = true;  // clean end: the last member's trailer was the last byte
    return;
  }
  inflateReset(&stream_);
  ++member_;
}

size_t GzipSource::Read(char* out, size_t capacity) {
  while (!done_) {
    if (!Refill()) break;
    stream_.next_out = reinterpret_cast<unsigned char*>(out);
    const uInt room =
        static_cast<uInt>(std::min<size_t>(capacity, std::numeric_limits<uInt>::max()));
    stream_.avail_out = room;
    const int rc = inflate(&stream_, Z_NO_FLUSH);
    const size_t produced = room - stream_.avail_out;
    if (rc == Z_STREAM_END) {
      StartNextMember();
    } else if (rc == Z_OK || rc == Z_BUF_ERROR) {
      if (produced == 0 && stream_.avail_in == 0 && input_ended_) {
        Fail(DiagnosticKind::kTruncatedGzip,
             "gzip member " + std::to_string(member_) + " ends before its trailer after " +
                 std::to_string(raw_bytes_read()) + " compressed bytes");
      }
    } else {
      const char* reason = stream_.msg != nullptr ? stream_.msg : zError(rc);
      Fail(DiagnosticKind::kCorruptGzip, "gzip member " + std::to_string(member_) +
                                             " damaged near compressed byte " +
                                             std::to_string(raw_bytes_read()) + ": " + reason);
    }
    if (produced > 0) return produced;
  }
  return 0;
}

}  // namespace spraytrace::ingest
