// STIX 2.1 threat-intel lists: the indicators of a bundle whose patterns are IP address lists.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

#include "correlate/intel_file_internal.h"
#include "correlate/stix_pattern.h"

namespace spraytrace::correlate::intel_internal {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// Lines of objects by where their id strings appear. Objects come in text order, so each search
// starts where the last one ended: the whole bundle is scanned about once.
class LineFinder {
 public:
  explicit LineFinder(std::string_view text) : text_(text) {}
  // 1-based line of the first "id" at or after the previous find (else from the start); 1 when
  // the id is not found.
  uint64_t Find(std::string_view id) {
    if (id.empty()) return line_;
    const std::string quoted = fmt::format("\"{}\"", id);
    size_t at = text_.find(quoted, position_);
    if (at == std::string_view::npos) {
      position_ = 0;
      line_ = 1;
      at = text_.find(quoted);
      if (at == std::string_view::npos) return 1;
    }
    line_ +=
        static_cast<uint64_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(position_),
                                         text_.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    position_ = at;
    return line_;
  }

 private:
  std::string_view text_;
  size_t position_ = 0;
  uint64_t line_ = 1;
};

std::string_view StringMember(object o, std::string_view key) {
  std::string_view value;
  if (o[key].get(value) != simdjson::SUCCESS) return {};
  return value;
}

// The first of indicator_types (STIX 2.1) or labels (2.0), e.g. "malicious-activity".
std::string_view IndicatorType(object o) {
  for (std::string_view key : {"indicator_types", "labels"}) {
    array values;
    if (o[key].get(values) != simdjson::SUCCESS) continue;
    for (element v : values) {
      std::string_view text;
      if (v.get(text) == simdjson::SUCCESS && !text.empty()) return text;
    }
  }
  return {};
}

void LoadIndicator(object o, size_t index, LineFinder* lines, IntelFileStats* stats, IntelSet* set,
                   BadEntries* bad) {
  bool revoked = false;
  if (o["revoked"].get(revoked) == simdjson::SUCCESS && revoked) return;
  const std::string_view id = StringMember(o, "id");
  const uint64_t line = lines->Find(id);
  const std::string name = id.empty() ? fmt::format("objects[{}]", index) : std::string(id);
  const std::string_view pattern_type = StringMember(o, "pattern_type");
  if (!pattern_type.empty() && pattern_type != "stix") {
    ++stats->not_address;  // sigma, snort, yara...: rules, not addresses
    return;
  }
  const std::string_view pattern = StringMember(o, "pattern");
  if (pattern.empty()) {
    bad->Report(line, fmt::format("indicator {} has no pattern", name));
    return;
  }
  std::vector<std::string> values;
  switch (ParseStixAddressPattern(pattern, &values)) {
    case StixPatternKind::kMalformed:
      bad->Report(line, fmt::format("indicator {}: '{}' is not a STIX pattern", name, pattern));
      return;
    case StixPatternKind::kNotAddresses:
      ++stats->not_address;
      return;
    case StixPatternKind::kAddresses:
      break;
  }
  const std::string tag = Tag(stats->name, IndicatorType(o));
  for (const std::string& value : values) AddEntry(value, line, tag, set, stats, bad);
}

}  // namespace

Status LoadStix(std::string_view text, IntelFileStats* stats, IntelSet* set, BadEntries* bad) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  element root;
  if (const auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return Status::InvalidArgument(
        fmt::format("{}: not valid JSON ({}): expected a STIX 2.1 bundle", stats->path,
                    simdjson::error_message(error)));
  }
  // A bundle's objects, an array of objects, or one object.
  std::vector<element> objects;
  object single;
  array list;
  if (root.get(single) == simdjson::SUCCESS) {
    if (single["objects"].get(list) != simdjson::SUCCESS) objects.push_back(root);
  } else if (root.get(list) != simdjson::SUCCESS) {
    return Status::InvalidArgument(
        fmt::format("{}: JSON that is neither a STIX bundle nor a list of objects", stats->path));
  }
  if (objects.empty()) {
    for (element e : list) objects.push_back(e);
  }
  LineFinder lines(text);
  for (size_t i = 0; i < objects.size(); ++i) {
    object o;
    if (objects[i].get(o) != simdjson::SUCCESS) {
      bad->Report(1, fmt::format("objects[{}] is not a JSON object", i));
      continue;
    }
    if (StringMember(o, "type") != "indicator") continue;  // identities, malware, relationships
    LoadIndicator(o, i, &lines, stats, set, bad);
  }
  return Status::Ok();
}

}  // namespace spraytrace::correlate::intel_internal
