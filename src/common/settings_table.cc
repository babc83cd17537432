#include "common/settings_table.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace spraytrace {
namespace {

std::string_view KindName(SettingKind kind) {
  switch (kind) {
    case SettingKind::kInt:
    case SettingKind::kInt64:
      return "an integer";
    case SettingKind::kDouble:
      return "a number";
    case SettingKind::kBool:
      return "true or false";
    case SettingKind::kDuration:
      return "a duration such as \"90s\", \"10m\", \"24h\" or \"7d\"";
    case SettingKind::kString:
      return "a string";
    case SettingKind::kStringList:
      return "a list of strings";
  }
  return "";
}

std::string Prefix(std::string_view source) {
  return source.empty() ? std::string() : fmt::format("{}: ", source);
}

// Reads all of text as a T; false on junk, overflow or empty text, leaving *value alone.
template <typename T>
bool ParseNumber(std::string_view text, T* value) {
  const char* end = text.data() + text.size();
  T parsed{};
  auto [ptr, ec] = std::from_chars(text.data(), end, parsed);
  if (ec != std::errc() || ptr != end) return false;
  *value = parsed;
  return true;
}

// "a, b,c" -> {"a", "b", "c"}; "" and " " -> {}. Empty items ("a,,b") are kept so that the
// config's Validate() names them instead of the list silently shrinking.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  if (text.find_first_not_of(' ') == std::string_view::npos) return items;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    items.emplace_back(item);
    if (comma == std::string_view::npos) return items;
    start = comma + 1;
  }
}

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string TomlString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

Result<Assignment> ParseAssignment(std::string_view text, std::string_view example) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    return Status::InvalidArgument(
        fmt::format("--set '{}': expected KEY=VALUE, e.g. {}", text, example));
  }
  return Assignment{text.substr(0, eq), text.substr(eq + 1)};
}

namespace settings_internal {

Status TypeError(std::string_view key, SettingKind kind, std::string_view value,
                 std::string_view source) {
  return Status::InvalidArgument(
      fmt::format("{}invalid {} '{}': must be {}", Prefix(source), key, value, KindName(kind)));
}

Status RangeError(std::string_view key, SettingKind kind, const SettingRange& range,
                  std::string_view value, std::string_view source) {
  if (kind == SettingKind::kDouble) {
    return Status::InvalidArgument(fmt::format("{}invalid {} '{}': must be between {} and {}",
                                               Prefix(source), key, value, range.min, range.max));
  }
  return Status::InvalidArgument(
      fmt::format("{}invalid {} '{}': must be between {} and {}", Prefix(source), key, value,
                  static_cast<int64_t>(range.min), static_cast<int64_t>(range.max)));
}

Status StoreText(std::string_view key, SettingKind kind, const std::optional<SettingRange>& range,
                 std::string_view text, std::string_view source, void* field) {
  bool ok = false;
  switch (kind) {
    case SettingKind::kInt:
      ok = ParseNumber(text, static_cast<int*>(field));
      break;
    case SettingKind::kInt64:
      ok = ParseNumber(text, static_cast<int64_t*>(field));
      break;
    case SettingKind::kDouble: {
      double value = 0;
      ok = ParseNumber(text, &value) && (!range || std::isfinite(value));
      if (ok) *static_cast<double*>(field) = value;
      break;
    }
    case SettingKind::kBool:
      ok = text == "true" || text == "false";
      if (ok) *static_cast<bool*>(field) = text == "true";
      break;
    case SettingKind::kDuration: {
      auto parsed = ParseDuration(text);
      ok = parsed.has_value();
      if (ok) *static_cast<Micros*>(field) = *parsed;
      break;
    }
    case SettingKind::kString:
      static_cast<std::string*>(field)->assign(text);
      ok = true;
      break;
    case SettingKind::kStringList:
      *static_cast<std::vector<std::string>*>(field) = SplitList(text);
      ok = true;
      break;
  }
  if (!ok) return TypeError(key, kind, text, source);
  if (range && !InRange(kind, *range, field)) return RangeError(key, kind, *range, text, source);
  return Status::Ok();
}

std::string ValueText(SettingKind kind, const void* field) {
  switch (kind) {
    case SettingKind::kInt:
      return fmt::format("{}", *static_cast<const int*>(field));
    case SettingKind::kInt64:
      return fmt::format("{}", *static_cast<const int64_t*>(field));
    case SettingKind::kDuration:
      return fmt::format("\"{}\"", FormatDuration(*static_cast<const Micros*>(field)));
    case SettingKind::kDouble:
      return fmt::format("{}", *static_cast<const double*>(field));
    case SettingKind::kBool:
      return *static_cast<const bool*>(field) ? "true" : "false";
    case SettingKind::kString:
      return TomlString(*static_cast<const std::string*>(field));
    case SettingKind::kStringList: {
      std::string out = "[";
      for (const std::string& item : *static_cast<const std::vector<std::string>*>(field)) {
        out += fmt::format("{}{}", out.size() > 1 ? ", " : "", TomlString(item));
      }
      return out + "]";
    }
  }
  return "";
}

bool InRange(SettingKind kind, const SettingRange& range, const void* field) {
  double value = 0;
  switch (kind) {
    case SettingKind::kInt:
      value = *static_cast<const int*>(field);
      break;
    case SettingKind::kInt64:
    case SettingKind::kDuration:
      value = static_cast<double>(*static_cast<const int64_t*>(field));
      break;
    case SettingKind::kDouble:
      value = *static_cast<const double*>(field);
      break;
    case SettingKind::kBool:
    case SettingKind::kString:
    case SettingKind::kStringList:
      return true;
  }
  return value >= range.min && value <= range.max;  // false for NaN
}

std::string Render(const std::vector<std::pair<std::string_view, std::string>>& values,
                   SettingsLayout layout) {
  std::string out;
  std::string_view section;
  for (const auto& [key, value] : values) {
    if (layout == SettingsLayout::kFlat) {
      out += fmt::format("{} = {}\n", key, value);
      continue;
    }
    const size_t dot = key.find('.');
    if (key.substr(0, dot) != section) {
      section = key.substr(0, dot);
      out += fmt::format("{}[{}]\n", out.empty() ? "" : "\n", section);
    }
    out += fmt::format("{} = {}\n", key.substr(dot + 1), value);
  }
  return out;
}

}  // namespace settings_internal
}  // namespace spraytrace
