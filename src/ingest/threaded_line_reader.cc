#include "ingest/threaded_line_reader.h"

#include <utility>

namespace spraytrace::ingest {

ThreadedLineReader::ThreadedLineReader(std::unique_ptr<LineReader> inner)
    : inner_(std::move(inner)), compression_(inner_->compression()) {
  inner_->SetWaitHook([this] { PublishPartial(); });
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

std::unique_ptr<ThreadedLineReader::Batch> ThreadedLineReader::TakeEmptyBatch() {
  std::unique_ptr<Batch> batch = TakeFreeBatch();
  if (batch) {
    batch->text.clear();
    batch->lines.clear();
    batch->last = false;
  }
  return batch;
}

bool ThreadedLineReader::PublishFilling() {
  raw_bytes_.store(inner_->raw_bytes_read(), std::memory_order_relaxed);
  lines_seen_.store(inner_->lines_seen(), std::memory_order_relaxed);
  const bool last = filling_->last;
  if (!Publish(std::move(filling_))) return false;
  if (!last) filling_ = TakeEmptyBatch();
  return filling_ != nullptr || last;
}

void ThreadedLineReader::PublishPartial() {
  if (filling_ && !filling_->lines.empty()) PublishFilling();
}

void ThreadedLineReader::Run() {
  filling_ = TakeEmptyBatch();
  Line line;
  while (filling_) {
    const bool more = inner_->Next(&line);
    if (!filling_) return;  // the consumer left while the inner reader waited
    if (more) {
      filling_->lines.push_back(Slot{filling_->text.size(), line.text.size(), line.number,
                                     line.offset, line.invalid_utf8});
      filling_->text.append(line.text);
    }
    filling_->last = !more;
    const bool full = filling_->text.size() >= kBatchBytes || filling_->lines.size() >= kBatchLines;
    if ((full || !more) && !PublishFilling()) return;
    if (!more) return;
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
    if (full_.empty() && wait_hook_) {
      lock.unlock();  // the hook may wait for its own consumer
      wait_hook_();
      lock.lock();
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
