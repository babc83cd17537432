#include "correlate/text_fields.h"

#include <array>

namespace spraytrace::correlate {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool SplitLeadingFields(std::string_view line, size_t count, std::vector<std::string_view>* fields,
                        std::string_view* rest) {
  fields->clear();
  const bool tabs = line.find('\t') != std::string_view::npos;
  size_t i = 0;
  while (fields->size() < count) {
    if (!tabs) {
      while (i < line.size() && IsBlank(line[i])) ++i;
    }
    if (i >= line.size()) return false;
    size_t end = i;
    while (end < line.size() && (tabs ? line[end] != '\t' : !IsBlank(line[end]))) ++end;
    fields->push_back(Trim(line.substr(i, end - i)));
    i = end < line.size() ? end + 1 : end;
  }
  *rest = Trim(line.substr(std::min(i, line.size())));
  return true;
}

bool SplitCsvRecord(std::string_view line, std::vector<std::string>* fields) {
  fields->clear();
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
      was_quoted = true;
    } else if (c == ',') {
      fields->push_back(was_quoted ? field : std::string(Trim(field)));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) return false;
  fields->push_back(was_quoted ? field : std::string(Trim(field)));
  return true;
}

std::string ListName(std::string_view path) {
  if (const size_t slash = path.rfind('/'); slash != std::string_view::npos) {
    path.remove_prefix(slash + 1);
  }
  static constexpr std::array<std::string_view, 3> kCompression = {".gz", ".zst", ".zstd"};
  for (std::string_view ext : kCompression) {
    if (EndsWith(path, ext)) path.remove_suffix(ext.size());
  }
  static constexpr std::array<std::string_view, 8> kKinds = {".txt",  ".list", ".csv",   ".tsv",
                                                             ".json", ".stix", ".ipset", ".netset"};
  for (std::string_view ext : kKinds) {
    if (EndsWith(path, ext) && path.size() > ext.size()) {
      path.remove_suffix(ext.size());
      break;
    }
  }
  return std::string(path);
}

}  // namespace spraytrace::correlate
