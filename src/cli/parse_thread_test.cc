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

}  // namespace
}  // namespace spraytrace::cli
