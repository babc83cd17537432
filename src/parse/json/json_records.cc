#include "parse/json/json_records.h"

#include <cstring>

#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

namespace ondemand = simdjson::ondemand;

size_t FirstNonSpace(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
}

// Keys under which envelopes carry their records.
bool IsRecordArrayKey(std::string_view key) { return key == "value" || key == "records"; }

// Only an object naming one of those keys can be an envelope; the rest skip the extra pass.
bool MayBeEnvelope(std::string_view text) {
  return Contains(text, "\"value\"") || Contains(text, "\"records\"");
}

}  // namespace

JsonLoadStatus JsonRecords::Load(std::string_view json) {
  records_.clear();
  size_ = json.size();
  if (buffer_.size() < size_ + simdjson::SIMDJSON_PADDING) {
    buffer_.resize(size_ + simdjson::SIMDJSON_PADDING);
  }
  std::memcpy(buffer_.data(), json.data(), size_);
  const std::string_view text(buffer_.data(), size_);
  const size_t start = FirstNonSpace(text);
  if (start == std::string_view::npos) return JsonLoadStatus::kBadJson;
  if (text[start] == '[') {
    if (parser_.iterate(buffer_.data(), size_, buffer_.size()).get(document_)) {
      return JsonLoadStatus::kBadJson;
    }
    ondemand::array array;
    if (document_.get_array().get(array)) return JsonLoadStatus::kBadJson;
    return CollectArray(array);
  }
  if (text[start] != '{') return JsonLoadStatus::kNotObject;
  if (MayBeEnvelope(text)) return LoadEnvelope();
  records_.push_back({text.substr(start), start});
  return JsonLoadStatus::kOk;
}

JsonLoadStatus JsonRecords::LoadEnvelope() {
  const std::string_view text(buffer_.data(), size_);
  if (parser_.iterate(buffer_.data(), size_, buffer_.size()).get(document_)) {
    return JsonLoadStatus::kBadJson;
  }
  ondemand::object object;
  if (document_.get_object().get(object)) return JsonLoadStatus::kBadJson;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return JsonLoadStatus::kBadJson;
    if (!IsRecordArrayKey(key)) continue;
    ondemand::value value = field.value();
    ondemand::json_type type;
    if (value.type().get(type)) return JsonLoadStatus::kBadJson;
    if (type != ondemand::json_type::array) continue;
    ondemand::array array;
    if (value.get_array().get(array)) return JsonLoadStatus::kBadJson;
    return CollectArray(array);
  }
  // An object that only mentions "value" inside: it is a record itself.
  const size_t start = FirstNonSpace(text);
  records_.push_back({text.substr(start), start});
  return JsonLoadStatus::kOk;
}

JsonLoadStatus JsonRecords::CollectArray(ondemand::array array) {
  for (auto element : array) {
    ondemand::object object;
    if (element.get_object().get(object)) {
      return records_.empty() ? JsonLoadStatus::kNotObject : JsonLoadStatus::kBadJson;
    }
    std::string_view raw;
    if (object.raw_json().get(raw)) return JsonLoadStatus::kBadJson;
    records_.push_back({raw, static_cast<size_t>(raw.data() - buffer_.data())});
  }
  return JsonLoadStatus::kOk;
}

bool JsonRecords::Parse(const JsonRecordText& record, ondemand::object* object) {
  // The record lies inside buffer_, so the bytes after it (the rest of the value, then the
  // padding) satisfy simdjson's padding rule.
  const size_t capacity = buffer_.size() - record.position;
  if (parser_.iterate(record.text.data(), record.text.size(), capacity).get(document_)) {
    return false;
  }
  return !document_.get_object().get(*object);
}

}  // namespace spraytrace::parse
