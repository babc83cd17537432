#include "ingest/threaded_line_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/test_files.h"

namespace spraytrace::ingest {
namespace {

using testing::QuietPipe;
using testing::TempDir;

struct ReadLine {
  std::string text;
  uint64_t number = 0;
  uint64_t offset = 0;
  bool invalid_utf8 = false;
  bool operator==(const ReadLine&) const = default;
};

struct ReadResult {
  std::vector<ReadLine> lines;
  uint64_t raw_bytes = 0;
  uint64_t lines_seen = 0;
  Diagnostics diagnostics;
};

ReadResult ReadAll(const std::string& path, bool threaded) {
  ReadResult result;
  auto opened = LineReader::Open(path, ReaderOptions{}, &result.diagnostics);
  EXPECT_TRUE(opened.has_value());
  if (!opened.has_value()) return result;
  std::unique_ptr<LineReader> reader = std::move(*opened);
  if (threaded) reader = std::make_unique<ThreadedLineReader>(std::move(reader));
  Line line;
  while (reader->Next(&line)) {
    result.lines.push_back(
        ReadLine{std::string(line.text), line.number, line.offset, line.invalid_utf8});
  }
  EXPECT_FALSE(reader->Next(&line));  // stays at the end
  result.raw_bytes = reader->raw_bytes_read();
  result.lines_seen = reader->lines_seen();
  return result;
}

// Many batches' worth of sshd lines, with a line longer than a batch, a binary line, invalid
// UTF-8, CRLF and blank lines among them.
std::string NastyLog() {
  std::string log;
  for (int i = 0; i < 30000; ++i) {
    log += "Nov  2 03:10:" + std::to_string(i % 60) + " bastion sshd[" + std::to_string(1000 + i) +
           "]: Failed password for invalid user u" + std::to_string(i) +
           " from 203.0.113.7 port 22 ssh2\n";
    if (i == 5000) log += std::string(ThreadedLineReader::kBatchBytes + 17, 'x') + "\n";
    if (i == 7000) log += std::string("bin\0ary\x01 line\n", 15);
    if (i == 9000) log += "user \xff\xfe not utf-8\r\n";
    if (i == 11000) log += "\n\n";
  }
  return log;
}

void ExpectSameRead(const std::string& path) {
  const ReadResult plain = ReadAll(path, false);
  const ReadResult threaded = ReadAll(path, true);
  ASSERT_GT(plain.lines.size(), 30000u);
  EXPECT_EQ(plain.lines, threaded.lines);
  EXPECT_EQ(plain.raw_bytes, threaded.raw_bytes);
  EXPECT_EQ(plain.lines_seen, threaded.lines_seen);
  for (auto kind : {DiagnosticKind::kBinaryLine, DiagnosticKind::kInvalidUtf8}) {
    EXPECT_EQ(plain.diagnostics.Count(kind), threaded.diagnostics.Count(kind));
    EXPECT_GE(threaded.diagnostics.Count(kind), 1u);
    EXPECT_EQ(plain.diagnostics.Sample(kind).line, threaded.diagnostics.Sample(kind).line);
  }
  EXPECT_EQ(plain.diagnostics.Total(), threaded.diagnostics.Total());
}

TEST(ThreadedLineReader, PlainFileReadsExactlyAsTheReaderItWraps) {
  TempDir dir;
  ExpectSameRead(dir.Write("auth.log", NastyLog()));
}

TEST(ThreadedLineReader, GzipAndZstdReadExactlyAsTheReaderItWraps) {
  TempDir dir;
  ExpectSameRead(dir.Write("auth.log.gz", testing::GzipCompress(NastyLog())));
  ExpectSameRead(dir.Write("auth.log.zst", testing::ZstdCompress(NastyLog())));
}

TEST(ThreadedLineReader, TruncatedGzipEndsAfterTheLastCompleteLineWithItsDiagnostic) {
  TempDir dir;
  std::string gz = testing::GzipCompress(NastyLog());
  gz.resize(gz.size() / 2);
  const std::string path = dir.Write("cut.log.gz", gz);
  const ReadResult plain = ReadAll(path, false);
  const ReadResult threaded = ReadAll(path, true);
  EXPECT_EQ(plain.lines, threaded.lines);
  EXPECT_GT(threaded.diagnostics.Total(), 2u);
  EXPECT_EQ(plain.diagnostics.Total(), threaded.diagnostics.Total());
}

TEST(ThreadedLineReader, EmptyFileHasNoLines) {
  TempDir dir;
  const ReadResult threaded = ReadAll(dir.Write("empty.log", ""), true);
  EXPECT_TRUE(threaded.lines.empty());
}

TEST(ThreadedLineReader, StoppingMidFileJoinsTheThread) {
  TempDir dir;
  Diagnostics diagnostics;
  auto opened = LineReader::Open(dir.Write("auth.log", NastyLog()), ReaderOptions{}, &diagnostics);
  ASSERT_TRUE(opened.has_value());
  auto reader = std::make_unique<ThreadedLineReader>(std::move(*opened));
  Line line;
  ASSERT_TRUE(reader->Next(&line));
  EXPECT_EQ(line.number, 1u);
  reader.reset();  // the producer may be blocked on a full queue: must not hang
}

// The wait hook runs before every read of the source, when every line read so far has been
// returned: a consumer batching lines hands them over there.
TEST(LineReaderWaitHook, RunsBeforeEachReadWithEveryLineSoFarReturned) {
  TempDir dir;
  std::string log;
  for (int i = 0; i < 100000; ++i) log += "line " + std::to_string(i) + " of a log of 2 MB or so\n";
  const std::string path = dir.Write("big.log", log);
  Diagnostics diagnostics;
  auto reader = LineReader::Open(path, ReaderOptions{}, &diagnostics);
  ASSERT_TRUE(reader.has_value());
  std::vector<uint64_t> returned_at_hook;
  uint64_t returned = 0;
  (*reader)->SetWaitHook([&] { returned_at_hook.push_back(returned); });
  Line line;
  while ((*reader)->Next(&line)) {
    // A line is whole when returned: the hook never interrupts one.
    EXPECT_TRUE(line.text.starts_with("line ")) << line.text;
    ++returned;
  }
  EXPECT_EQ(returned, 100000u);
  // A buffer is about 1 MiB: the 3.3 MB file takes several reads, and a last one finds the end.
  ASSERT_GE(returned_at_hook.size(), 4u);
  EXPECT_EQ(returned_at_hook.front(), 0u);
  EXPECT_EQ(returned_at_hook.back(), returned);
  EXPECT_TRUE(std::is_sorted(returned_at_hook.begin(), returned_at_hook.end()));
}

// journalctl -f | spraytrace scan -: the reader thread hands over what it has read when the pipe
// goes quiet, instead of waiting to fill a batch of kBatchLines.
TEST(ThreadedLineReader, LinesFromAQuietPipeAreNotHeldBack) {
  QuietPipe pipe;
  pipe.Write("first\nsecond\nthird\n");
  Diagnostics diagnostics;
  auto opened = LineReader::Open(pipe.path(), ReaderOptions{}, &diagnostics);
  ASSERT_TRUE(opened.has_value());
  // The consumer's hook runs when no batch is ready, before it waits: the fourth line, written
  // only then, must come through too.
  int consumer_waits = 0;
  ThreadedLineReader reader(std::move(*opened));
  reader.SetWaitHook([&] {
    if (consumer_waits++ == 0) pipe.Write("fourth\n");
  });
  Line line;
  for (const char* expected : {"first", "second", "third"}) {
    ASSERT_TRUE(reader.Next(&line));
    EXPECT_EQ(line.text, expected);
  }
  EXPECT_FALSE(pipe.gave_up()) << "the lines came only when the writer closed the pipe";
  ASSERT_TRUE(reader.Next(&line));
  EXPECT_GE(consumer_waits, 1);
  EXPECT_EQ(line.text, "fourth");
  EXPECT_EQ(line.number, 4u);
  EXPECT_FALSE(pipe.gave_up());
  pipe.Close();
  EXPECT_FALSE(reader.Next(&line));
}

}  // namespace
}  // namespace spraytrace::ingest
