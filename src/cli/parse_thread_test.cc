// ParseThread hands its events over whenever the reader is about to wait for input, not only when
// a batch fills: with `journalctl -f | spraytrace scan -` (--threads 2 and 3), the failures of a
// pipe that goes quiet reach detection at once instead of waiting for a thousand more events.
#include "cli/parse_thread.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ingest/test_files.h"
#include "ingest/threaded_line_reader.h"

namespace spraytrace::cli {
namespace {

class CollectingEvents final : public parse::EventSink {
 public:
  void OnEvent(const AuthEvent& event) override { events.push_back(event); }
  std::vector<AuthEvent> events;
};

std::string FailureLine(int second, const std::string& user) {
  return "Nov  2 03:10:" + std::to_string(10 + second) + " bastion sshd[" +
         std::to_string(1000 + second) + "]: Failed password for invalid user " + user +
         " from 203.0.113.7 port " + std::to_string(40000 + second) + " ssh2\n";
}

void ExpectEventsFromAQuietPipe(bool reader_thread) {
  SCOPED_TRACE(reader_thread ? "reader thread" : "reader on the parse thread");
  ingest::testing::QuietPipe pipe;
  pipe.Write(FailureLine(0, "admin") + FailureLine(1, "oracle"));
  StringPool strings;
  Diagnostics diagnostics;
  auto opened = ingest::LineReader::Open(pipe.path(), ingest::ReaderOptions{}, &diagnostics);
  ASSERT_TRUE(opened.has_value());
  std::unique_ptr<ingest::LineReader> reader = std::move(*opened);
  if (reader_thread) reader = std::make_unique<ingest::ThreadedLineReader>(std::move(reader));
  parse::LogParser parser(&strings, &diagnostics);
  parser.BeginFile(0, "-", parse::YearHint{2026, 12, true});
  CollectingEvents sink;
  {
    ParseThread parsing(reader.get(), &parser);
    while (sink.events.size() < 2) ASSERT_TRUE(parsing.DeliverNext(&sink));
    EXPECT_FALSE(pipe.gave_up()) << "the events came only when the writer closed the pipe";
    EXPECT_EQ(parsing.lines_parsed(), 2u);
    pipe.Write(FailureLine(2, "test"));
    while (sink.events.size() < 3) ASSERT_TRUE(parsing.DeliverNext(&sink));
    EXPECT_FALSE(pipe.gave_up());
    pipe.Close();
    while (parsing.DeliverNext(&sink)) {
    }
  }
  ASSERT_EQ(sink.events.size(), 3u);
  EXPECT_EQ(strings.View(sink.events[0].user), "admin");
  EXPECT_EQ(strings.View(sink.events[1].user), "oracle");
  EXPECT_EQ(strings.View(sink.events[2].user), "test");
  EXPECT_EQ(sink.events[2].where.line, 3u);
}

TEST(ParseThread, EventsFromAQuietPipeAreNotHeldBack) { ExpectEventsFromAQuietPipe(false); }

TEST(ParseThread, EventsFromAQuietPipeAreNotHeldBackWithAReaderThread) {
  ExpectEventsFromAQuietPipe(true);
}

// The detect side is told of each event one ahead (EventSink::Upcoming, for prefetching), across
// batch boundaries too, and the events themselves still come exactly once, in order.
class RecordingHints final : public parse::EventSink {
 public:
  void OnEvent(const AuthEvent& event) override { calls.push_back({false, event.where.line}); }
  void Upcoming(const AuthEvent& event) override { calls.push_back({true, event.where.line}); }
  struct Call {
    bool upcoming;
    uint64_t line;
  };
  std::vector<Call> calls;
};

TEST(ParseThread, EachEventIsAnnouncedWhileItsPredecessorIsDelivered) {
  ingest::testing::TempDir dir;
  std::string text;
  constexpr int kLines = 2 * static_cast<int>(ParseThread::kBatchEvents) + 7;  // three batches
  for (int i = 0; i < kLines; ++i) text += FailureLine(i % 40, "user" + std::to_string(i));
  const std::string path = dir.Write("auth.log", text);
  StringPool strings;
  Diagnostics diagnostics;
  auto opened = ingest::LineReader::Open(path, ingest::ReaderOptions{}, &diagnostics);
  ASSERT_TRUE(opened.has_value());
  parse::LogParser parser(&strings, &diagnostics);
  parser.BeginFile(0, path, parse::YearHint{2026, 12, true});
  RecordingHints sink;
  {
    ParseThread parsing(opened->get(), &parser);
    while (parsing.DeliverNext(&sink)) {
    }
  }
  std::vector<uint64_t> delivered;
  size_t hints = 0;
  for (size_t i = 0; i < sink.calls.size(); ++i) {
    if (!sink.calls[i].upcoming) {
      delivered.push_back(sink.calls[i].line);
      continue;
    }
    ++hints;
    // A hint is followed by the event before the hinted one, then by the hinted one's turn.
    ASSERT_LT(i + 1, sink.calls.size());
    EXPECT_FALSE(sink.calls[i + 1].upcoming);
    EXPECT_EQ(sink.calls[i + 1].line + 1, sink.calls[i].line);
  }
  ASSERT_EQ(delivered.size(), static_cast<size_t>(kLines));
  for (size_t i = 0; i < delivered.size(); ++i) EXPECT_EQ(delivered[i], i + 1);
  // Within a batch every event but the last is announced; the batches' last ones are not.
  EXPECT_GE(hints, static_cast<size_t>(kLines) - 3);
}

}  // namespace
}  // namespace spraytrace::cli
