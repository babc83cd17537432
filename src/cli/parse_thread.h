// ParseThread: reads and parses one line-based input on a thread of its own, so the caller's
// thread only detects (scan --threads 2 or more, docs/pipeline.md).
//
// The thread runs reader->Next and parser->ParseLine for every line, then parser->EndFile, and
// copies the AuthEvents the parser emits into batches handed over through a bounded queue of
// kQueueBatches: at kBatchEvents events, at kBatchLines lines (so the progress display keeps
// moving through lines without events), and whenever the reader is about to wait for more input
// (so the events of a pipe that goes quiet are not held back). Batches are recycled, so a long
// scan allocates nothing per event and memory stays bounded. DeliverNext() gives the caller's sink
// exactly the OnEvent calls, in exactly the order, the parser made (parse::EventSink has no other
// call), so detection sees what a single-threaded scan sees.
//
// What is shared with the caller's thread while the parse thread runs, and why it is safe:
//   - the StringPool: the parser interns on the parse thread; the detect side only calls View()
//     on ids that came through the queue (detectors, the tally and the findings writers hold a
//     const pool; the enricher has a string table of its own), which StringPool allows
//     (event/string_pool.h). Nothing on the detect side may call Intern(), Find() or size()
//     during the scan.
//   - Diagnostics: the parser (and, with --threads 2, the reader) must report to a Diagnostics
//     that only the parse thread touches until DeliverNext() returned false; the caller merges it.
//   - the reader and the parser: the caller's again once DeliverNext() returned false (the
//     thread has been joined) or the ParseThread is destroyed.
#ifndef SPRAYTRACE_CLI_PARSE_THREAD_H_
#define SPRAYTRACE_CLI_PARSE_THREAD_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "event/auth_event.h"
#include "ingest/line_reader.h"
#include "parse/event_sink.h"
#include "parse/log_parser.h"

namespace spraytrace::cli {

class ParseThread {
 public:
  static constexpr size_t kBatchEvents = 1024;
  static constexpr uint64_t kBatchLines = 4096;
  static constexpr size_t kQueueBatches = 8;

  // Starts the thread at once. REQUIRES: parser->BeginFile was called for this input; reader and
  // parser outlive this object and nobody else uses them (nor the Diagnostics they report to)
  // until DeliverNext() returned false or this object is destroyed. observer, when given, sees
  // every event on the parse thread as it is emitted (the run's tally), under the same terms.
  ParseThread(ingest::LineReader* reader, parse::LogParser* parser,
              parse::EventSink* observer = nullptr);
  // Stops the parse thread (even mid-file) and joins it: a detection-side error or exception
  // never leaves it blocked on a full queue.
  ~ParseThread();
  ParseThread(const ParseThread&) = delete;
  ParseThread& operator=(const ParseThread&) = delete;

  // Waits for the next batch and gives its events to sink, in order; true when it did. False once
  // every event of the input (EndFile's included) has been given: the thread is joined then, and
  // an exception it ended with is rethrown here, after the events emitted before it.
  bool DeliverNext(parse::EventSink* sink);

  // As of the last delivered batch: the reader's raw bytes and the lines it gave the parser.
  uint64_t raw_bytes_read() const { return raw_bytes_; }
  uint64_t lines_parsed() const { return lines_; }

 private:
  struct Batch {
    std::vector<AuthEvent> events;
    uint64_t raw_bytes = 0;
    uint64_t lines = 0;
  };
  // The parser's sink on the parse thread: appends to the batch being filled.
  class BatchingSink final : public parse::EventSink {
   public:
    explicit BatchingSink(ParseThread* owner) : owner_(owner) {}
    void OnEvent(const AuthEvent& event) override;

   private:
    ParseThread* owner_;
  };

  void Run();
  // Hands the batch being filled over and takes a free one. False when the consumer is gone
  // (stop_): the parse thread then ends.
  bool Flush();
  // The reader's wait hook: hands over the events batched so far, if any.
  void HandOverPartial();
  // Hands over what was filled and marks the input ended, with error if the thread threw.
  void End(std::exception_ptr error);
  std::unique_ptr<Batch> TakeFreeBatch();

  ingest::LineReader* reader_;
  parse::LogParser* parser_;
  parse::EventSink* observer_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> full_;   // GUARDED_BY(mutex_)
  std::vector<std::unique_ptr<Batch>> free_;  // GUARDED_BY(mutex_)
  bool stop_ = false;                         // GUARDED_BY(mutex_)
  bool ended_ = false;                        // GUARDED_BY(mutex_): nothing more comes
  std::exception_ptr error_;                  // GUARDED_BY(mutex_)

  // Parse thread only.
  std::unique_ptr<Batch> filling_;
  BatchingSink batching_{this};
  uint64_t lines_read_ = 0;
  uint64_t lines_at_flush_ = 0;
  bool stopped_ = false;  // Flush() found the consumer gone

  // Caller's thread only.
  uint64_t raw_bytes_ = 0;
  uint64_t lines_ = 0;
  bool done_ = false;

  std::thread thread_;  // last: started after everything above exists
};

}  // namespace spraytrace::cli

#endif  // SPRAYTRACE_CLI_PARSE_THREAD_H_
