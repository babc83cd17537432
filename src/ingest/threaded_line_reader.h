// ThreadedLineReader: runs another LineReader (reading, decompressing, splitting and checking
// lines) on a thread of its own, so the consumer's thread only parses and detects.
//
// The reader thread copies lines into batches (kBatchBytes of text, or kBatchLines lines) and
// hands them over through a bounded queue of kQueueBatches; batches are recycled, so a long scan
// allocates nothing per line. Lines come out in exactly the inner reader's order, with the same
// numbers and offsets, so everything downstream sees the single-threaded input. A view returned
// by Next() is valid until the next call to Next().
//
// The inner reader reports to a Diagnostics of its own (REQUIRES: nobody else touches it until
// Next() has returned false or the reader is destroyed); the caller merges it afterwards.
// Next() and the accessors are for one consumer thread.
#ifndef SPRAYTRACE_INGEST_THREADED_LINE_READER_H_
#define SPRAYTRACE_INGEST_THREADED_LINE_READER_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ingest/line_reader.h"

namespace spraytrace::ingest {

class ThreadedLineReader final : public LineReader {
 public:
  static constexpr size_t kBatchBytes = size_t{1} << 18;
  static constexpr size_t kBatchLines = 4096;
  static constexpr size_t kQueueBatches = 8;

  // Starts the thread at once. REQUIRES: inner != nullptr.
  explicit ThreadedLineReader(std::unique_ptr<LineReader> inner);
  // Stops the reader thread (even mid-file) and joins it.
  ~ThreadedLineReader() override;
  ThreadedLineReader(const ThreadedLineReader&) = delete;
  ThreadedLineReader& operator=(const ThreadedLineReader&) = delete;

  bool Next(Line* line) override;
  // Runs when Next() finds no batch ready and is about to wait for the reader thread, which hands
  // over a partial batch whenever the inner reader is about to wait.
  void SetWaitHook(std::function<void()> hook) override { wait_hook_ = std::move(hook); }
  Compression compression() const override { return compression_; }
  uint64_t raw_bytes_read() const override { return raw_bytes_.load(std::memory_order_relaxed); }
  uint64_t lines_seen() const override { return lines_seen_.load(std::memory_order_relaxed); }

 private:
  struct Slot {
    size_t start = 0;  // in Batch::text
    size_t size = 0;
    uint64_t number = 0;
    uint64_t offset = 0;
    bool invalid_utf8 = false;
  };
  struct Batch {
    std::string text;
    std::vector<Slot> lines;
    bool last = false;  // the inner reader ended after this batch
  };

  void Run();
  // The reader thread's hook on the inner reader: publishes the lines batched so far.
  void PublishPartial();
  std::unique_ptr<Batch> TakeFreeBatch();
  std::unique_ptr<Batch> TakeEmptyBatch();
  // Hands filling_ over and takes an empty one (none after the last); false when the consumer is
  // gone.
  bool PublishFilling();
  // False when the consumer is gone.
  bool Publish(std::unique_ptr<Batch> batch);

  std::unique_ptr<LineReader> inner_;
  Compression compression_;
  std::atomic<uint64_t> raw_bytes_{0};
  std::atomic<uint64_t> lines_seen_{0};

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> full_;   // GUARDED_BY(mutex_)
  std::vector<std::unique_ptr<Batch>> free_;  // GUARDED_BY(mutex_)
  bool stop_ = false;                         // GUARDED_BY(mutex_)

  // The reader thread's batch being filled; null once the consumer is gone.
  std::unique_ptr<Batch> filling_;

  // The consumer's batch and position in it.
  std::function<void()> wait_hook_;
  std::unique_ptr<Batch> current_;
  size_t next_line_ = 0;
  bool done_ = false;

  std::thread thread_;  // last: started after everything above exists
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_THREADED_LINE_READER_H_
