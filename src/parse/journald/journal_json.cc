#include "parse/journald/journal_json.h"

#include <simdjson.h>

#include <cstring>
#include <string>
#include <utility>

namespace spraytrace::parse {
namespace {

namespace ondemand = simdjson::ondemand;

// Decimal digits only, at most 18 of them (fits int64_t).
bool ParseDecimal(std::string_view text, int64_t* value) {
  if (text.empty() || text.size() > 18) return false;
  int64_t result = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    result = result * 10 + (c - '0');
  }
  *value = result;
  return true;
}

// journald writes numbers as strings ("1234"); a hand-made export may use JSON numbers.
bool ReadInteger(ondemand::value value, int64_t* out, bool* present) {
  ondemand::json_type type;
  if (value.type().get(type)) return false;
  if (type == ondemand::json_type::null) return true;
  if (type == ondemand::json_type::number) {
    uint64_t number = 0;
    if (value.get_uint64().get(number) || number > uint64_t{INT64_MAX}) return false;
    *out = static_cast<int64_t>(number);
    *present = true;
    return true;
  }
  std::string_view text;
  if (value.get_string().get(text)) return false;
  *present = ParseDecimal(text, out);
  return true;
}

// A string field; null leaves *out alone. Arrays (a field set several times) give the first.
bool ReadString(ondemand::value value, std::string_view* out) {
  ondemand::json_type type;
  if (value.type().get(type)) return false;
  if (type == ondemand::json_type::null) return true;
  if (type == ondemand::json_type::array) {
    for (auto element : value.get_array()) {
      std::string_view text;
      if (element.get_string().get(text)) return false;
      if (out->empty()) *out = text;
    }
    return true;
  }
  return !value.get_string().get(*out);
}

}  // namespace

class JournalJsonParser::Impl {
 public:
  JournalStatus Parse(std::string_view line, SyslogRecord* record);

 private:
  struct Fields {
    int64_t realtime = 0;
    int64_t source_realtime = 0;
    bool has_realtime = false;
    bool has_source_realtime = false;
    std::string_view hostname;
    std::string_view identifier;
    std::string_view comm;
    int64_t pid = -1;
    int64_t syslog_pid = -1;
    bool has_pid = false;
    bool has_syslog_pid = false;
    std::string_view message;
  };

  bool ReadField(std::string_view key, ondemand::value value, Fields* fields);
  bool ReadMessage(ondemand::value value, std::string_view* message);

  ondemand::parser parser_;
  std::string padded_;         // the line plus SIMDJSON_PADDING bytes, reused
  std::string message_bytes_;  // MESSAGE decoded from a byte array, reused
};

JournalStatus JournalJsonParser::Impl::Parse(std::string_view line, SyslogRecord* record) {
  if (padded_.size() < line.size() + simdjson::SIMDJSON_PADDING) {
    padded_.resize(line.size() + simdjson::SIMDJSON_PADDING);
  }
  std::memcpy(padded_.data(), line.data(), line.size());
  std::memset(padded_.data() + line.size(), 0, simdjson::SIMDJSON_PADDING);

  ondemand::document document;
  ondemand::object object;
  if (parser_.iterate(padded_.data(), line.size(), padded_.size()).get(document) ||
      document.get_object().get(object)) {
    return JournalStatus::kBadJson;
  }
  Fields fields;
  for (auto result : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(result).get(field) || field.unescaped_key().get(key))
      return JournalStatus::kBadJson;
    if (!ReadField(key, field.value(), &fields)) return JournalStatus::kBadJson;
  }
  if (!fields.has_realtime && !fields.has_source_realtime) return JournalStatus::kBadTimestamp;
  record->time = fields.has_realtime ? fields.realtime : fields.source_realtime;
  record->host = fields.hostname;
  record->program = fields.identifier.empty() ? fields.comm : fields.identifier;
  record->pid = fields.has_pid ? fields.pid : fields.has_syslog_pid ? fields.syslog_pid : -1;
  record->message = fields.message;
  return JournalStatus::kOk;
}

bool JournalJsonParser::Impl::ReadField(std::string_view key, ondemand::value value,
                                        Fields* fields) {
  if (key == "__REALTIME_TIMESTAMP")
    return ReadInteger(value, &fields->realtime, &fields->has_realtime);
  if (key == "_SOURCE_REALTIME_TIMESTAMP") {
    return ReadInteger(value, &fields->source_realtime, &fields->has_source_realtime);
  }
  if (key == "_HOSTNAME") return ReadString(value, &fields->hostname);
  if (key == "SYSLOG_IDENTIFIER") return ReadString(value, &fields->identifier);
  if (key == "_COMM") return ReadString(value, &fields->comm);
  if (key == "_PID") return ReadInteger(value, &fields->pid, &fields->has_pid);
  if (key == "SYSLOG_PID") return ReadInteger(value, &fields->syslog_pid, &fields->has_syslog_pid);
  if (key == "MESSAGE") return ReadMessage(value, &fields->message);
  return true;  // other fields are skipped by the iterator
}

bool JournalJsonParser::Impl::ReadMessage(ondemand::value value, std::string_view* message) {
  ondemand::json_type type;
  if (value.type().get(type)) return false;
  if (type != ondemand::json_type::array) return ReadString(value, message);
  // Either bytes ([70,97,105,...], non-UTF-8 text) or strings (a field set several times).
  message_bytes_.clear();
  bool strings = false;
  bool bytes = false;
  for (auto element : value.get_array()) {
    ondemand::json_type element_type;
    if (element.type().get(element_type)) return false;
    if (element_type == ondemand::json_type::string) {
      std::string_view text;
      if (bytes || element.get_string().get(text)) return false;
      if (!strings) message_bytes_.assign(text);
      strings = true;
      continue;
    }
    uint64_t byte = 0;
    if (strings || element.get_uint64().get(byte) || byte > 255) return false;
    message_bytes_.push_back(static_cast<char>(byte));
    bytes = true;
  }
  *message = message_bytes_;
  return true;
}

JournalJsonParser::JournalJsonParser() : impl_(std::make_unique<Impl>()) {}
JournalJsonParser::~JournalJsonParser() = default;

JournalStatus JournalJsonParser::Parse(std::string_view line, SyslogRecord* record) {
  return impl_->Parse(line, record);
}

}  // namespace spraytrace::parse
