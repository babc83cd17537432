#include "ingest/line_splitter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace spraytrace::ingest {
namespace {

using ::testing::ElementsAre;

// Hands out a fixed string at most chunk bytes per Read(), then optionally faults.
class FakeSource final : public ByteSource {
 public:
  FakeSource(std::string data, size_t chunk, bool fault_at_end = false)
      : data_(std::move(data)), chunk_(chunk), fault_at_end_(fault_at_end) {}

  size_t Read(char* out, size_t capacity) override {
    const size_t n = std::min({capacity, chunk_, data_.size() - position_});
    std::memcpy(out, data_.data() + position_, n);
    position_ += n;
    if (n == 0 && fault_at_end_) fault_ = StreamFault{DiagnosticKind::kTruncatedGzip, "cut"};
    return n;
  }
  const std::optional<StreamFault>& fault() const override { return fault_; }
  Compression compression() const override { return Compression::kNone; }
  uint64_t raw_bytes_read() const override { return position_; }

 private:
  std::string data_;
  size_t chunk_;
  bool fault_at_end_;
  size_t position_ = 0;
  std::optional<StreamFault> fault_;
};

struct Split {
  std::vector<std::string> texts;  // "<too long N>" for skipped lines
  std::vector<uint64_t> offsets;
  uint64_t dropped = 0;
};

Split SplitAll(const std::string& data, size_t chunk, size_t max_line_bytes,
               bool fault_at_end = false) {
  FakeSource source(data, chunk, fault_at_end);
  LineSplitter splitter(&source, max_line_bytes);
  Split split;
  RawLine line;
  uint64_t expected_number = 0;
  while (splitter.Next(&line)) {
    EXPECT_EQ(line.number, ++expected_number);
    split.texts.push_back(line.too_long ? "<too long " + std::to_string(line.length) + ">"
                                        : std::string(line.text));
    split.offsets.push_back(line.offset);
  }
  split.dropped = splitter.dropped_tail_bytes();
  return split;
}

TEST(LineSplitter, SameLinesWhateverTheReadSize) {
  const std::string data = "a\r\n\nlong line here\nxy\r\n0123456789abcdef\nz";
  for (size_t chunk : {1, 2, 3, 5, 7, 64}) {
    const Split split = SplitAll(data, chunk, 10);
    EXPECT_THAT(split.texts, ElementsAre("a", "", "<too long 14>", "xy", "<too long 16>", "z"))
        << "chunk " << chunk;
    EXPECT_THAT(split.offsets, ElementsAre(0, 3, 4, 19, 23, 40)) << "chunk " << chunk;
  }
}

TEST(LineSplitter, LongLineCountsCarriageReturnOnlyWhenSkippedInFlight) {
  // 11 bytes + '\r' fit the buffer check, so the '\r' is stripped before measuring.
  EXPECT_THAT(SplitAll("0123456789a\r\nb\n", 64, 10).texts, ElementsAre("<too long 11>", "b"));
  // A line streamed past byte by byte is discarded before its end is seen.
  EXPECT_THAT(SplitAll("0123456789abc\r\nb\n", 1, 10).texts, ElementsAre("<too long 14>", "b"));
}

TEST(LineSplitter, LongLineRunningToEndOfStream) {
  const Split split = SplitAll("ok\n" + std::string(3 << 20, 'x'), 1 << 16, 1024);
  EXPECT_THAT(split.texts, ElementsAre("ok", "<too long 3145728>"));
}

TEST(LineSplitter, DropsPartialLineWhenTheSourceFaults) {
  const Split split = SplitAll("one\ntwo\nthr", 4, 100, /*fault_at_end=*/true);
  EXPECT_THAT(split.texts, ElementsAre("one", "two"));
  EXPECT_EQ(split.dropped, 3u);
}

TEST(LineSplitter, KeepsPartialLineAtCleanEnd) {
  const Split split = SplitAll("one\ntwo\nthr", 4, 100);
  EXPECT_THAT(split.texts, ElementsAre("one", "two", "thr"));
  EXPECT_EQ(split.dropped, 0u);
}

TEST(LineSplitter, BufferIsBoundedByTheLineLimit) {
  FakeSource source("", 1);
  EXPECT_EQ(LineSplitter(&source, 100).buffer_capacity(), LineSplitter::kMinBufferBytes);
  EXPECT_LT(LineSplitter(&source, 1 << 20).buffer_capacity(), size_t{2} << 20);
}

}  // namespace
}  // namespace spraytrace::ingest
