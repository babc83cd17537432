#include "ingest/line_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "ingest/test_files.h"

// Allocation tracking for the memory-bound tests: while g_tracking is set, the largest single
// request through operator new is recorded. Replacing the global operators is the one way to see
// every allocation the reader makes, including those inside the standard library.
namespace {
std::atomic<bool> g_tracking{false};
std::atomic<size_t> g_largest_allocation{0};

void* Allocate(size_t size) {
  if (g_tracking.load(std::memory_order_relaxed)) {
    size_t seen = g_largest_allocation.load(std::memory_order_relaxed);
    while (size > seen && !g_largest_allocation.compare_exchange_weak(seen, size)) {
    }
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(size_t size) { return Allocate(size); }
void* operator new[](size_t size) { return Allocate(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }

namespace spraytrace::ingest {
namespace {

using ::testing::ElementsAre;
using testing::GunzipPrefix;
using testing::GzipCompress;
using ::testing::HasSubstr;
using testing::TempDir;
using testing::ZstdCompress;

struct ReadLine {
  std::string text;
  uint64_t number = 0;
  uint64_t offset = 0;
  bool invalid_utf8 = false;
};

struct ReadResult {
  std::vector<ReadLine> lines;
  Compression compression = Compression::kNone;
  uint64_t raw_bytes_read = 0;
  uint64_t lines_seen = 0;

  std::vector<std::string> Texts() const {
    std::vector<std::string> texts;
    for (const ReadLine& line : lines) texts.push_back(line.text);
    return texts;
  }
  std::vector<uint64_t> Numbers() const {
    std::vector<uint64_t> numbers;
    for (const ReadLine& line : lines) numbers.push_back(line.number);
    return numbers;
  }
  std::vector<uint64_t> Offsets() const {
    std::vector<uint64_t> offsets;
    for (const ReadLine& line : lines) offsets.push_back(line.offset);
    return offsets;
  }
};

ReadResult ReadAll(const std::string& path, Diagnostics* diagnostics, ReaderOptions options = {}) {
  ReadResult result;
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path, options, diagnostics);
  EXPECT_TRUE(reader.has_value()) << reader.error().ToString();
  if (!reader) return result;
  Line line;
  while ((*reader)->Next(&line)) {
    result.lines.push_back({std::string(line.text), line.number, line.offset, line.invalid_utf8});
  }
  EXPECT_FALSE((*reader)->Next(&line)) << "Next() must keep returning false at the end";
  result.compression = (*reader)->compression();
  result.raw_bytes_read = (*reader)->raw_bytes_read();
  result.lines_seen = (*reader)->lines_seen();
  return result;
}

// "line 1 ...\n" to "line n ...\n", with enough variety that gzip cannot shrink it to nothing.
std::string NumberedLines(int n) {
  std::string text;
  std::mt19937 random(42);
  for (int i = 1; i <= n; ++i) {
    text += "line " + std::to_string(i) + " sshd[" + std::to_string(random() % 100000) +
            "]: Failed password for user" + std::to_string(random() % 1000) + "\n";
  }
  return text;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

TEST(LineReader, ReadsPlainLinesWithNumbersAndOffsets) {
  TempDir dir;
  const std::string path = dir.Write("auth.log", "alpha\nbeta\n\ngamma\n");
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_THAT(result.Texts(), ElementsAre("alpha", "beta", "", "gamma"));
  EXPECT_THAT(result.Numbers(), ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(result.Offsets(), ElementsAre(0, 6, 11, 12));
  EXPECT_EQ(result.compression, Compression::kNone);
  EXPECT_EQ(result.raw_bytes_read, 18u);
  EXPECT_EQ(result.lines_seen, 4u);
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(LineReader, KeepsFinalLineWithoutNewline) {
  TempDir dir;
  const std::string path = dir.Write("auth.log", "a\nbc");
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_THAT(result.Texts(), ElementsAre("a", "bc"));
  EXPECT_THAT(result.Offsets(), ElementsAre(0, 2));
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(LineReader, StripsOneCarriageReturn) {
  TempDir dir;
  const std::string path = dir.Write("auth.log", "a\r\nb\tc\r\n\r\nlast\r");
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_THAT(result.Texts(), ElementsAre("a", "b\tc", "", "last"));
  EXPECT_THAT(result.Offsets(), ElementsAre(0, 3, 8, 10));
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(LineReader, EmptyFileHasNoLines) {
  TempDir dir;
  const std::string path = dir.Write("empty.log", "");
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_TRUE(result.lines.empty());
  EXPECT_EQ(result.lines_seen, 0u);
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(LineReader, SkipsTenMegabyteLineWithoutBufferingIt) {
  TempDir dir;
  constexpr size_t kLongLine = 10 * 1000 * 1000;
  const std::string path =
      dir.Write("auth.log", "good one\n" + std::string(kLongLine, 'x') + "\ngood two\n");
  Diagnostics diagnostics;
  g_largest_allocation = 0;
  g_tracking = true;
  const ReadResult result = ReadAll(path, &diagnostics);
  g_tracking = false;
  EXPECT_THAT(result.Texts(), ElementsAre("good one", "good two"));
  EXPECT_THAT(result.Numbers(), ElementsAre(1, 3));
  EXPECT_THAT(result.Offsets(), ElementsAre(0, 9 + kLongLine + 1));
  EXPECT_EQ(result.lines_seen, 3u);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kLineTooLong), 1u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kLineTooLong).line, 2u);
  EXPECT_THAT(diagnostics.Sample(DiagnosticKind::kLineTooLong).detail, HasSubstr("10000000 bytes"));
  EXPECT_EQ(diagnostics.Total(), 1u);
  EXPECT_GT(g_largest_allocation.load(), 1u << 20) << "the tracker saw the reader's buffer";
  EXPECT_LT(g_largest_allocation.load(), 2u << 20) << "the long line must not be buffered whole";
}

TEST(LineReader, SkipsLongLineAtEndOfGzipStream) {
  TempDir dir;
  const std::string path =
      dir.Write("auth.log.gz", GzipCompress("first\n" + std::string(3 << 20, 'y')));
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_THAT(result.Texts(), ElementsAre("first"));
  EXPECT_EQ(result.lines_seen, 2u);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kLineTooLong), 1u);
  EXPECT_EQ(diagnostics.Total(), 1u);
}

TEST(LineReader, LineAtTheLimitIsKept) {
  TempDir dir;
  const std::string path = dir.Write("auth.log", "12345678\n123456789\n12345678\r\nend\n");
  ReaderOptions options;
  options.max_line_bytes = 8;
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics, options);
  EXPECT_THAT(result.Texts(), ElementsAre("12345678", "12345678", "end"));
  EXPECT_THAT(result.Numbers(), ElementsAre(1, 3, 4));
  EXPECT_THAT(result.Offsets(), ElementsAre(0, 19, 29));
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kLineTooLong), 1u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kLineTooLong).line, 2u);
}

TEST(LineReader, SkipsBinaryGarbageBetweenGoodLines) {
  std::mt19937 random(7);
  std::string garbage(4096, '\0');
  for (char& c : garbage) c = static_cast<char>(random() % 256);
  std::replace(garbage.begin(), garbage.end(), '\n', '\0');
  const auto control = static_cast<size_t>(std::count_if(
      garbage.begin(), garbage.end(), [](char c) { return c >= 0 && c < 0x20 && c != '\t'; }));
  TempDir dir;
  const std::string path =
      dir.Write("auth.log", "before\n" + garbage + "\n\x1b[31mred\x1b[0m\nafter\tok\n");
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_THAT(result.Texts(), ElementsAre("before", "after\tok"));
  EXPECT_THAT(result.Numbers(), ElementsAre(1, 4));
  EXPECT_EQ(result.lines_seen, 4u);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kBinaryLine), 2u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kBinaryLine).line, 2u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kBinaryLine).detail,
            std::to_string(control) + " NUL/control bytes");
}

TEST(LineReader, DeliversInvalidUtf8LinesFlagged) {
  TempDir dir;
  const std::string path =
      dir.Write("auth.log", "ok\nuser \xff\xfe x\ncaf\xc3\xa9\n\xed\xa0\x80\n");
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  ASSERT_EQ(result.lines.size(), 4u);
  EXPECT_FALSE(result.lines[0].invalid_utf8);
  EXPECT_TRUE(result.lines[1].invalid_utf8);
  EXPECT_EQ(result.lines[1].text, "user \xff\xfe x");
  EXPECT_FALSE(result.lines[2].invalid_utf8);
  EXPECT_TRUE(result.lines[3].invalid_utf8) << "an encoded surrogate is not UTF-8";
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kInvalidUtf8), 2u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kInvalidUtf8).line, 2u);
  EXPECT_THAT(diagnostics.Sample(DiagnosticKind::kInvalidUtf8).detail, HasSubstr("byte 5"));
}

TEST(LineReader, ReadsGzip) {
  const std::string text = NumberedLines(5000);
  const std::string compressed = GzipCompress(text);
  TempDir dir;
  const std::string path = dir.Write("auth.log.1.gz", compressed);
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_EQ(result.Texts(), SplitLines(text));
  EXPECT_EQ(result.lines.back().number, 5000u);
  EXPECT_EQ(result.lines.back().offset, text.size() - result.lines.back().text.size() - 1);
  EXPECT_EQ(result.compression, Compression::kGzip);
  EXPECT_EQ(result.raw_bytes_read, compressed.size());
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(LineReader, ReadsMultiMemberGzipAsOneStream) {
  TempDir dir;
  // The first member ends in the middle of a line, as `cat a.gz b.gz` may well do.
  const std::string path =
      dir.Write("auth.log.gz", GzipCompress("one\ntw") + GzipCompress("o\nthree\n") +
                                   GzipCompress("") + GzipCompress("four\n"));
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_THAT(result.Texts(), ElementsAre("one", "two", "three", "four"));
  EXPECT_THAT(result.Offsets(), ElementsAre(0, 4, 8, 14));
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(LineReader, TruncatedGzipKeepsEveryCompleteLine) {
  const std::string text = NumberedLines(20000);
  const std::string compressed = GzipCompress(text);
  const std::string cut = compressed.substr(0, compressed.size() / 2);
  const std::string recoverable = GunzipPrefix(cut);
  const std::vector<std::string> expected = SplitLines(recoverable);
  ASSERT_GT(expected.size(), 100u);
  ASSERT_NE(recoverable.back(), '\n') << "choose a cut inside a line for this test";
  TempDir dir;
  const std::string path = dir.Write("auth.log.2.gz", cut);
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_EQ(result.Texts(), expected);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kTruncatedGzip), 1u);
  EXPECT_EQ(diagnostics.Total(), 1u);
  const DiagnosticSample& sample = diagnostics.Sample(DiagnosticKind::kTruncatedGzip);
  EXPECT_EQ(sample.line, expected.size() + 1);
  const size_t partial = recoverable.size() - recoverable.rfind('\n') - 1;
  EXPECT_THAT(sample.detail, HasSubstr("dropping its " + std::to_string(partial) + " bytes"));
  EXPECT_EQ(result.raw_bytes_read, cut.size());
}

TEST(LineReader, GzipCutInItsTrailerKeepsAllLinesButIsReported) {
  const std::string text = NumberedLines(100);
  const std::string compressed = GzipCompress(text);
  TempDir dir;
  const std::string path = dir.Write("auth.log.gz", compressed.substr(0, compressed.size() - 4));
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_EQ(result.Texts(), SplitLines(text));
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kTruncatedGzip), 1u);
  EXPECT_THAT(diagnostics.Sample(DiagnosticKind::kTruncatedGzip).detail,
              HasSubstr("stopped before line 101"));
}

TEST(LineReader, CorruptGzipIsReportedAfterTheLinesBeforeIt) {
  const std::string text = NumberedLines(20000);
  std::string compressed = GzipCompress(text);
  for (size_t i = compressed.size() / 2; i < compressed.size() / 2 + 64; ++i) compressed[i] ^= 0x5a;
  TempDir dir;
  const std::string path = dir.Write("auth.log.gz", compressed);
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  const std::vector<std::string> original = SplitLines(text);
  ASSERT_GT(result.lines.size(), 100u);
  EXPECT_LT(result.lines.size(), original.size());
  EXPECT_EQ(result.lines[0].text, original[0]);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kCorruptGzip), 1u);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kTruncatedGzip), 0u);
}

TEST(LineReader, TrailingGarbageAfterGzipMemberIsCorrupt) {
  TempDir dir;
  const std::string path = dir.Write("auth.log.gz", GzipCompress("a\nb\n") + "not gzip");
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_THAT(result.Texts(), ElementsAre("a", "b"));
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kCorruptGzip), 1u);
  EXPECT_THAT(diagnostics.Sample(DiagnosticKind::kCorruptGzip).detail, HasSubstr("member 2"));
}

TEST(LineReader, ReadsMultiFrameZstd) {
  const std::string text = NumberedLines(3000);
  const std::string compressed =
      ZstdCompress(text.substr(0, 1000)) + ZstdCompress(text.substr(1000));
  TempDir dir;
  const std::string path = dir.Write("auth.log.zst", compressed);
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_EQ(result.Texts(), SplitLines(text));
  EXPECT_EQ(result.compression, Compression::kZstd);
  EXPECT_EQ(result.raw_bytes_read, compressed.size());
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(LineReader, TruncatedZstdKeepsCompleteLinesAndIsReported) {
  const std::string text = NumberedLines(20000);
  const std::string compressed = ZstdCompress(text);
  TempDir dir;
  const std::string path = dir.Write("auth.log.zst", compressed.substr(0, compressed.size() / 2));
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  const std::vector<std::string> original = SplitLines(text);
  ASSERT_LT(result.lines.size(), original.size());
  for (size_t i = 0; i < result.lines.size(); ++i) {
    ASSERT_EQ(result.lines[i].text, original[i]) << "line " << i + 1;
  }
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kCorruptZstd), 1u);
  EXPECT_THAT(diagnostics.Sample(DiagnosticKind::kCorruptZstd).detail, HasSubstr("inside a frame"));
  EXPECT_EQ(diagnostics.Total(), 1u);
}

TEST(LineReader, CorruptZstdIsReported) {
  std::string compressed = ZstdCompress(NumberedLines(20000));
  for (size_t i = compressed.size() / 2; i < compressed.size() / 2 + 64; ++i) compressed[i] ^= 0x5a;
  TempDir dir;
  const std::string path = dir.Write("auth.log.zst", compressed);
  Diagnostics diagnostics;
  ReadAll(path, &diagnostics);
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kCorruptZstd), 1u);
}

TEST(LineReader, DetectsCompressionByContentNotName) {
  TempDir dir;
  const std::string plain = dir.Write("looks.gz", "plain text\n");
  const std::string gzip = dir.Write("looks.log", GzipCompress("gzip text\n"));
  const std::string zstd = dir.Write("looks.txt", ZstdCompress("zstd text\n"));
  Diagnostics diagnostics;
  EXPECT_THAT(ReadAll(plain, &diagnostics).Texts(), ElementsAre("plain text"));
  EXPECT_THAT(ReadAll(gzip, &diagnostics).Texts(), ElementsAre("gzip text"));
  EXPECT_THAT(ReadAll(zstd, &diagnostics).Texts(), ElementsAre("zstd text"));
  EXPECT_EQ(ReadAll(plain, &diagnostics).compression, Compression::kNone);
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(LineReader, ShortFileIsPlainText) {
  TempDir dir;
  const std::string path = dir.Write("one_byte", "\x1f");
  Diagnostics diagnostics;
  const ReadResult result = ReadAll(path, &diagnostics);
  EXPECT_TRUE(result.lines.empty());
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kBinaryLine), 1u);
}

TEST(LineReader, MissingFileIsNotFound) {
  TempDir dir;
  const std::string path = (dir.path() / "missing.log").string();
  Diagnostics diagnostics;
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path, {}, &diagnostics);
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().code(), ErrorCode::kNotFound);
  EXPECT_THAT(reader.error().message(), HasSubstr(path));
  EXPECT_THAT(reader.error().message(), HasSubstr("No such file or directory"));
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kUnreadableFile), 1u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kUnreadableFile).file, path);
}

TEST(LineReader, DirectoryIsIoError) {
  TempDir dir;
  Diagnostics diagnostics;
  Result<std::unique_ptr<LineReader>> reader =
      LineReader::Open(dir.path().string(), {}, &diagnostics);
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().code(), ErrorCode::kIoError);
  EXPECT_THAT(reader.error().message(), HasSubstr("Is a directory"));
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kUnreadableFile), 1u);
}

TEST(LineReader, PermissionDeniedIsIoError) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: chmod 000 does not stop reads";
  TempDir dir;
  const std::string path = dir.Write("secret.log", "x\n");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  Diagnostics diagnostics;
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path, {}, &diagnostics);
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().code(), ErrorCode::kIoError);
  EXPECT_THAT(reader.error().message(), HasSubstr("Permission denied"));
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kUnreadableFile), 1u);
}

// Replaces stdin with the read end of a pipe for the lifetime of the object.
class PipedStdin {
 public:
  PipedStdin() {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    saved_stdin_ = ::dup(STDIN_FILENO);
    ::dup2(fds[0], STDIN_FILENO);
    ::close(fds[0]);
    write_end_ = fds[1];
  }
  ~PipedStdin() {
    ::dup2(saved_stdin_, STDIN_FILENO);
    ::close(saved_stdin_);
  }
  // Writes bytes one at a time for the first few, then the rest, then closes the pipe.
  void WriteAndClose(std::string bytes) {
    writer_ = std::thread([fd = write_end_, bytes = std::move(bytes)] {
      size_t done = 0;
      while (done < bytes.size()) {
        const size_t chunk = done < 3 ? 1 : bytes.size() - done;
        const ssize_t n = ::write(fd, bytes.data() + done, chunk);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
      }
      ::close(fd);
    });
  }
  void Join() { writer_.join(); }

 private:
  int saved_stdin_ = -1;
  int write_end_ = -1;
  std::thread writer_;
};

TEST(LineReader, ReadsGzipFromStdinPipe) {
  PipedStdin stdin_pipe;
  const std::string text = NumberedLines(1000);
  stdin_pipe.WriteAndClose(GzipCompress(text));
  Diagnostics diagnostics;
  const ReadResult result = ReadAll("-", &diagnostics);
  stdin_pipe.Join();
  EXPECT_EQ(result.compression, Compression::kGzip);
  EXPECT_EQ(result.Texts(), SplitLines(text));
  EXPECT_EQ(diagnostics.Total(), 0u);
}

}  // namespace
}  // namespace spraytrace::ingest
