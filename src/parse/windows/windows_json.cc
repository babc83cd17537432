#include "parse/windows/windows_json.h"

namespace spraytrace::parse {

namespace ondemand = simdjson::ondemand;

ScalarStatus ReadScalar(ondemand::value value, std::string_view* out) {
  *out = {};
  ondemand::json_type type;
  if (value.type().get(type)) return ScalarStatus::kBad;
  switch (type) {
    case ondemand::json_type::null:
      return ScalarStatus::kNull;
    case ondemand::json_type::object:
    case ondemand::json_type::array:
      return ScalarStatus::kCompound;
    case ondemand::json_type::string:
      return value.get_string().get(*out) ? ScalarStatus::kBad : ScalarStatus::kText;
    default: {
      // Numbers and booleans: the token as written, without the whitespace after it.
      std::string_view token = value.raw_json_token();
      while (!token.empty() && (token.back() == ' ' || token.back() == '\t' ||
                                token.back() == '\n' || token.back() == '\r')) {
        token.remove_suffix(1);
      }
      // raw_json_token() does not validate: "tru" would pass as a boolean.
      const bool bad = type == ondemand::json_type::boolean
                           ? value.get_bool().error() != simdjson::SUCCESS
                           : value.get_number().error() != simdjson::SUCCESS;
      if (bad) return ScalarStatus::kBad;
      *out = token;
      return ScalarStatus::kText;
    }
  }
}

bool ReadEventData(ondemand::object object, WindowsEvent* event) {
  for (auto result : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(result).get(field) || field.unescaped_key().get(key)) return false;
    std::string_view text;
    switch (ReadScalar(field.value(), &text)) {
      case ScalarStatus::kBad:
        return false;
      case ScalarStatus::kCompound:
        continue;  // skipped by the iterator
      case ScalarStatus::kText:
      case ScalarStatus::kNull:
        event->Add(key, text);
    }
  }
  return true;
}

bool ParseEventId(std::string_view text, uint32_t* id) {
  if (text.empty() || text.size() > 5) return false;
  uint32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  if (value > 65535) return false;
  *id = value;
  return true;
}

}  // namespace spraytrace::parse
