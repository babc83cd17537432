#include "ingest/threaded_line_reader.h"

#include <utility>

namespace spraytrace::ingest {

ThreadedLineReader::ThreadedLineReader(std::unique_ptr<LineReader> inner)
    : inner_(std::move(inner)), compression_(inner_->compression()) {
  thread_ = std::thread([this] { Run(); });
}

ThreadedLineReader::~ThreadedLineReader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::unique_ptr<ThreadedLineReader::Batch> ThreadedLineReader::TakeFreeBatch() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return stop_ || full_.size() < kQueueBatches; });
  if (stop_) return nullptr;
  if (free_.empty()) return std::make_unique<Batch>();
  std::unique_ptr<Batch> batch = std::move(free_.back());
  free_.pop_back();
  return batch;
}

bool ThreadedLineReader::Publish(std::unique_ptr<Batch> batch) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_) return false;
    full_.push_back(std::move(batch));
  }
  changed_.notify_all();
  return true;
}

void ThreadedLineReader::Run() {
  bool more = true;
  while (more) {
    std::unique_ptr<Batch> batch = TakeFreeBatch();
    if (!batch) return;
    batch->text.clear();
    batch->lines.clear();
    Line line;
    while (batch->text.size() < kBatchBytes && batch->lines.size() < kBatchLines) {
      more = inner_->Next(&line);
      if (!more) break;
      batch->lines.push_back(
          Slot{batch->text.size(), line.text.size(), line.number, line.offset, line.invalid_utf8});
      batch->text.append(line.text);
    }
    batch->last = !more;
    raw_bytes_.store(inner_->raw_bytes_read(), std::memory_order_relaxed);
    lines_seen_.store(inner_->lines_seen(), std::memory_order_relaxed);
    if (!Publish(std::move(batch))) return;
  }
}

bool ThreadedLineReader::Next(Line* line) {
  while (!current_ || next_line_ == current_->lines.size()) {
    if (done_) return false;
    std::unique_lock<std::mutex> lock(mutex_);
    if (current_) {
      done_ = current_->last;
      free_.push_back(std::move(current_));
      changed_.notify_all();
      if (done_) return false;
    }
    changed_.wait(lock, [&] { return !full_.empty(); });
    current_ = std::move(full_.front());
    full_.pop_front();
    next_line_ = 0;
    changed_.notify_all();
  }
  const Slot& slot = current_->lines[next_line_++];
  line->text = std::string_view(current_->text).substr(slot.start, slot.size);
  line->number = slot.number;
  line->offset = slot.offset;
  line->invalid_utf8 = slot.invalid_utf8;
  return true;
}

}  // namespace spraytrace::ingest
