#include "ingest/line_splitter.h"

#include <algorithm>
#include <cstring>

namespace spraytrace::ingest {
namespace {

std::string_view StripCarriageReturn(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace

LineSplitter::LineSplitter(ByteSource* source, size_t max_line_bytes)
    : source_(source),
      max_line_bytes_(max_line_bytes),
      // +1 for a '\r' before the newline; the reserve keeps reads large when a line is pending.
      capacity_(std::max(kMinBufferBytes, max_line_bytes + 1 + kReadReserveBytes)),
      buffer_(std::make_unique_for_overwrite<char[]>(capacity_)) {}

bool LineSplitter::Next(RawLine* line) {
  for (;;) {
    const void* found = std::memchr(buffer_.get() + scan_, '\n', end_ - scan_);
    if (found != nullptr) {
      TakeLine(static_cast<size_t>(static_cast<const char*>(found) - buffer_.get()), line);
      return true;
    }
    scan_ = end_;
    // Longer than the limit even if its last byte turns out to be a '\r': stop buffering it.
    if (end_ - begin_ > max_line_bytes_ + 1) {
      SkipLongLine(line);
      return true;
    }
    if (ended_ || !Fill()) {
      if (begin_ == end_) return false;
      if (source_->fault().has_value()) {
        dropped_tail_bytes_ = end_ - begin_;
        begin_ = scan_ = end_;
        return false;
      }
      TakeLastLine(line);
      return true;
    }
  }
}

void LineSplitter::TakeLine(size_t newline, RawLine* line) { Take(newline, 1, line); }

void LineSplitter::TakeLastLine(RawLine* line) { Take(end_, 0, line); }

void LineSplitter::Take(size_t stop, size_t terminator, RawLine* line) {
  const std::string_view raw(buffer_.get() + begin_, stop - begin_);
  const std::string_view text = StripCarriageReturn(raw);
  line->number = ++line_number_;
  line->offset = offset_;
  line->length = text.size();
  line->too_long = text.size() > max_line_bytes_;
  line->text = line->too_long ? std::string_view() : text;
  offset_ += raw.size() + terminator;
  begin_ = scan_ = stop + terminator;
}

void LineSplitter::SkipLongLine(RawLine* line) {
  line->number = ++line_number_;
  line->offset = offset_;
  line->text = std::string_view();
  line->too_long = true;
  uint64_t skipped = end_ - begin_;
  begin_ = scan_ = end_ = 0;
  while (!ended_) {
    const size_t got = Read(buffer_.get(), capacity_);
    if (got == 0) {
      ended_ = true;
      break;
    }
    const void* found = std::memchr(buffer_.get(), '\n', got);
    if (found != nullptr) {
      const auto newline = static_cast<size_t>(static_cast<const char*>(found) - buffer_.get());
      skipped += newline;
      offset_ += 1;  // the newline
      begin_ = scan_ = newline + 1;
      end_ = got;
      break;
    }
    skipped += got;
  }
  line->length = skipped;
  offset_ += skipped;
}

bool LineSplitter::Fill() {
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  const size_t got = Read(buffer_.get() + end_, capacity_ - end_);
  if (got == 0) {
    ended_ = true;
    return false;
  }
  end_ += got;
  return true;
}

size_t LineSplitter::Read(char* out, size_t capacity) {
  if (before_read_) before_read_();
  return source_->Read(out, capacity);
}

}  // namespace spraytrace::ingest
