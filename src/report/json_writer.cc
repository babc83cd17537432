#include "report/json_writer.h"

#include <fmt/format.h>

#include <cmath>

#include "common/utf8.h"

namespace spraytrace::report {

void AppendJsonEscaped(std::string_view value, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t i = 0;
  while (i < value.size()) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80) {
      const size_t length = Utf8SequenceLength(value.substr(i));
      if (length == 0) {
        out->append("\\ufffd");
        ++i;
      } else {
        out->append(value.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '<':
      case '>':
      case '&':
      default:
        if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&') {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xf]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
}

void JsonWriter::Clear() {
  out_.clear();
  first_in_scope_.clear();
  after_key_ = false;
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_in_scope_.empty()) {
    if (!first_in_scope_.back()) out_.push_back(',');
    first_in_scope_.back() = false;
  }
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  first_in_scope_.push_back(true);
}

void JsonWriter::EndObject() {
  out_.push_back('}');
  first_in_scope_.pop_back();
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  first_in_scope_.push_back(true);
}

void JsonWriter::EndArray() {
  out_.push_back(']');
  first_in_scope_.pop_back();
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  out_.push_back('"');
  AppendJsonEscaped(key, &out_);
  out_.append("\":");
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  out_.push_back('"');
  AppendJsonEscaped(value, &out_);
  out_.push_back('"');
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", value);
}

void JsonWriter::UInt(uint64_t value) {
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", value);
}

void JsonWriter::Double(double value) {
  if (!std::isfinite(value)) {
    Null();
    return;
  }
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", value);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

}  // namespace spraytrace::report
