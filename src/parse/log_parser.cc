#include "parse/log_parser.h"

#include <cstring>
#include <string>

#include "parse/journald/journal_json.h"
#include "parse/sshd/sshd_parser.h"
#include "parse/syslog/repeated_message.h"
#include "parse/syslog/syslog_header.h"
#include "parse/syslog/syslog_record.h"
#include "parse/syslog/year_tracker.h"

namespace spraytrace::parse {
namespace {

// Longest part of a line kept as a diagnostic's detail.
constexpr size_t kMaxDetail = 160;
// Lines between two SshdParser::Expire() calls.
constexpr uint64_t kExpireEveryLines = 1000;

// Forwards events to the caller's sink and counts them.
class CountingSink final : public EventSink {
 public:
  void Reset(EventSink* target, uint64_t* count) {
    target_ = target;
    count_ = count;
  }
  void OnEvent(const AuthEvent& event) override {
    ++*count_;
    target_->OnEvent(event);
  }

 private:
  EventSink* target_ = nullptr;
  uint64_t* count_ = nullptr;
};

}  // namespace

class LogParser::Impl {
 public:
  Impl(StringPool* strings, Diagnostics* diagnostics)
      : diagnostics_(diagnostics), sshd_(strings, diagnostics) {}

  void BeginFile(uint32_t file_id, std::string_view display_name, YearHint year);
  void ParseLine(std::string_view text, uint64_t number, uint64_t offset, EventSink* sink);
  void EndFile(EventSink* sink);
  const ParseStats& stats() const { return stats_; }

 private:
  // Fills *record from text; reports and counts the line when it cannot.
  bool ParseFraming(std::string_view text, uint64_t number, SyslogRecord* record);
  void Dispatch(const SyslogRecord& record);
  void ReplayLastRecord(const SyslogRecord& record, uint32_t count);
  void SendToSshd(const SyslogRecord& record, uint32_t count);
  void RememberLast(const SyslogRecord& record);
  void Reject(DiagnosticKind kind, std::string_view text, uint64_t number);

  Diagnostics* diagnostics_;
  SshdParser sshd_;
  YearTracker years_;
  JournalJsonParser journal_;
  CountingSink sink_;
  ParseStats stats_;
  uint32_t file_id_ = 0;
  std::string file_name_;
  Timestamp latest_ = 0;
  bool has_latest_ = false;
  uint64_t lines_since_expire_ = 0;

  // The previous sshd record, for BSD "last message repeated N times". Reused buffers.
  bool has_last_ = false;
  std::string last_host_;
  std::string last_program_;
  std::string last_message_;
  int64_t last_pid_ = -1;
};

void LogParser::Impl::BeginFile(uint32_t file_id, std::string_view display_name, YearHint year) {
  file_id_ = file_id;
  file_name_.assign(display_name);
  years_.Reset(year);
  has_last_ = false;
  lines_since_expire_ = 0;
}

void LogParser::Impl::ParseLine(std::string_view text, uint64_t number, uint64_t offset,
                                EventSink* sink) {
  ++stats_.lines;
  if (text.ends_with('\r')) text.remove_suffix(1);
  if (text.find_first_not_of(" \t") == std::string_view::npos) return;  // blank: not counted
  sink_.Reset(sink, &stats_.events);
  SyslogRecord record;
  if (!ParseFraming(text, number, &record)) return;
  record.where = {file_id_, number, offset};
  if (!has_latest_ || record.time > latest_) {
    latest_ = record.time;
    has_latest_ = true;
  }
  Dispatch(record);
  if (++lines_since_expire_ >= kExpireEveryLines) {
    lines_since_expire_ = 0;
    sshd_.Expire(latest_, &sink_);
  }
}

void LogParser::Impl::EndFile(EventSink* sink) {
  sink_.Reset(sink, &stats_.events);
  sshd_.Flush(&sink_);
  has_last_ = false;
}

bool LogParser::Impl::ParseFraming(std::string_view text, uint64_t number, SyslogRecord* record) {
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
    Reject(DiagnosticKind::kBinaryLine, text, number);
    return false;
  }
  if (text.front() == '{') {
    switch (journal_.Parse(text, record)) {
      case JournalStatus::kOk:
        return true;
      case JournalStatus::kBadJson:
        Reject(DiagnosticKind::kBadJson, text, number);
        return false;
      case JournalStatus::kBadTimestamp:
        Reject(DiagnosticKind::kBadTimestamp, text, number);
        return false;
    }
  }
  switch (ParseSyslogHeader(text, &years_, record)) {
    case HeaderStatus::kOk:
      return true;
    case HeaderStatus::kBadTimestamp:
      Reject(DiagnosticKind::kBadTimestamp, text, number);
      break;
    case HeaderStatus::kNotSyslog:
      Reject(DiagnosticKind::kUnknownFormat, text, number);
      break;
  }
  return false;
}

void LogParser::Impl::Dispatch(const SyslogRecord& record) {
  uint32_t count = 0;
  if (SshdParser::HandlesProgram(record.program)) {
    ++stats_.relevant_lines;
    std::string_view inner;
    if (!ParseMessageRepeated(record.message, &count, &inner)) {
      SendToSshd(record, 1);
      return;
    }
    SyslogRecord expanded = record;
    expanded.message = inner;
    SendToSshd(expanded, count);
    return;
  }
  if (record.program.empty() && ParseLastMessageRepeated(record.message, &count)) {
    if (has_last_) {
      ++stats_.relevant_lines;
      ReplayLastRecord(record, count);
      return;
    }
  }
  ++stats_.other_lines;
  has_last_ = false;
}

void LogParser::Impl::ReplayLastRecord(const SyslogRecord& record, uint32_t count) {
  SyslogRecord replay = record;
  if (replay.host.empty()) replay.host = last_host_;
  replay.program = last_program_;
  replay.pid = last_pid_;
  replay.message = last_message_;
  for (uint32_t i = 0; i < count; ++i) sshd_.OnRecord(replay, file_name_, &sink_);
}

void LogParser::Impl::SendToSshd(const SyslogRecord& record, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) sshd_.OnRecord(record, file_name_, &sink_);
  RememberLast(record);
}

void LogParser::Impl::RememberLast(const SyslogRecord& record) {
  last_host_.assign(record.host);
  last_program_.assign(record.program);
  last_message_.assign(record.message);
  last_pid_ = record.pid;
  has_last_ = true;
}

void LogParser::Impl::Reject(DiagnosticKind kind, std::string_view text, uint64_t number) {
  ++stats_.not_understood;
  diagnostics_->Report(kind, file_name_, number, text.substr(0, kMaxDetail));
}

LogParser::LogParser(StringPool* strings, Diagnostics* diagnostics)
    : impl_(std::make_unique<Impl>(strings, diagnostics)) {}
LogParser::~LogParser() = default;

void LogParser::BeginFile(uint32_t file_id, std::string_view display_name, YearHint year) {
  impl_->BeginFile(file_id, display_name, year);
}

void LogParser::ParseLine(std::string_view text, uint64_t number, uint64_t offset,
                          EventSink* sink) {
  impl_->ParseLine(text, number, offset, sink);
}

void LogParser::EndFile(EventSink* sink) { impl_->EndFile(sink); }

const ParseStats& LogParser::stats() const { return impl_->stats(); }

}  // namespace spraytrace::parse
