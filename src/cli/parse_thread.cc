#include "cli/parse_thread.h"

#include <utility>

namespace spraytrace::cli {

ParseThread::ParseThread(ingest::LineReader* reader, parse::LogParser* parser,
                         parse::EventSink* observer)
    : reader_(reader), parser_(parser), observer_(observer) {
  reader_->SetWaitHook([this] { HandOverPartial(); });
  thread_ = std::thread([this] { Run(); });
}

ParseThread::~ParseThread() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ParseThread::BatchingSink::OnEvent(const AuthEvent& event) {
  if (owner_->stopped_) return;  // nobody will read it: the scan is being abandoned
  if (owner_->observer_ != nullptr) owner_->observer_->OnEvent(event);
  owner_->filling_->events.push_back(event);
  // One line can emit many events ("message repeated 500 times"): flush mid-line to stay bounded.
  if (owner_->filling_->events.size() >= kBatchEvents && !owner_->Flush()) {
    owner_->stopped_ = true;
  }
}

std::unique_ptr<ParseThread::Batch> ParseThread::TakeFreeBatch() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return stop_ || full_.size() < kQueueBatches; });
  if (stop_) return nullptr;
  if (free_.empty()) {
    lock.unlock();
    auto batch = std::make_unique<Batch>();
    batch->events.reserve(kBatchEvents);
    return batch;
  }
  std::unique_ptr<Batch> batch = std::move(free_.back());
  free_.pop_back();
  return batch;
}

bool ParseThread::Flush() {
  filling_->raw_bytes = reader_->raw_bytes_read();
  filling_->lines = lines_read_;
  lines_at_flush_ = lines_read_;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_) return false;
    full_.push_back(std::move(filling_));
  }
  changed_.notify_all();
  filling_ = TakeFreeBatch();
  return filling_ != nullptr;
}

void ParseThread::HandOverPartial() {
  if (stopped_ || !filling_ || filling_->events.empty()) return;
  if (!Flush()) stopped_ = true;
}

void ParseThread::End(std::exception_ptr error) {
  if (filling_) {
    filling_->raw_bytes = reader_->raw_bytes_read();
    filling_->lines = lines_read_;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // One batch past the bound at most, and only at the end: no waiting for room here.
    if (filling_) full_.push_back(std::move(filling_));
    ended_ = true;
    error_ = std::move(error);
  }
  changed_.notify_all();
}

void ParseThread::Run() {
  std::exception_ptr error;
  try {
    filling_ = TakeFreeBatch();
    if (!filling_) return;
    ingest::Line line;
    while (reader_->Next(&line)) {
      parser_->ParseLine(line.text, line.number, line.offset, &batching_);
      ++lines_read_;
      if (stopped_) return;
      if (lines_read_ - lines_at_flush_ >= kBatchLines && !Flush()) return;
    }
    parser_->EndFile(&batching_);
    if (stopped_) return;
  } catch (...) {
    // Rethrown on the caller's thread, as a single-threaded scan would have thrown it.
    error = std::current_exception();
  }
  End(std::move(error));
}

bool ParseThread::DeliverNext(parse::EventSink* sink) {
  if (done_) return false;
  std::unique_ptr<Batch> batch;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || ended_; });
    if (full_.empty()) {
      done_ = true;
      std::exception_ptr error = std::move(error_);
      lock.unlock();
      thread_.join();
      if (error) std::rethrow_exception(error);
      return false;
    }
    batch = std::move(full_.front());
    full_.pop_front();
  }
  changed_.notify_all();
  const std::vector<AuthEvent>& events = batch->events;
  for (size_t i = 0; i < events.size(); ++i) {
    if (i + 1 < events.size()) sink->Upcoming(events[i + 1]);
    sink->OnEvent(events[i]);
  }
  raw_bytes_ = batch->raw_bytes;
  lines_ = batch->lines;
  batch->events.clear();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(batch));
  }
  changed_.notify_all();
  return true;
}

}  // namespace spraytrace::cli
