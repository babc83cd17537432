#include "parse/json/json_document.h"

#include <algorithm>

namespace spraytrace::parse {

bool JsonNesting::Feed(std::string_view text) {
  for (const char c : text) {
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string_ = true;
        break;
      case '{':
      case '[':
        if (depth_ < kTrackedLevels) {
          const uint64_t bit = uint64_t{1} << depth_;
          arrays_ = c == '[' ? (arrays_ | bit) : (arrays_ & ~bit);
        }
        ++depth_;
        opened_ = true;
        break;
      case '}':
      case ']':
        if (--depth_ < 0) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

AssemblyStatus JsonDocumentAssembler::AddLine(std::string_view line,
                                              const EvidenceLocation& where) {
  if (!active_) {
    Clear();
    active_ = true;
  } else {
    text_.push_back('\n');
  }
  if (text_.size() + line.size() > max_bytes_) {
    Clear();
    return AssemblyStatus::kTooLong;
  }
  starts_.push_back({text_.size(), where});
  text_.append(line);
  if (!nesting_.Feed(line)) {
    active_ = false;
    return AssemblyStatus::kNotJson;
  }
  if (!nesting_.complete()) return AssemblyStatus::kIncomplete;
  active_ = false;
  return AssemblyStatus::kComplete;
}

bool JsonDocumentAssembler::between_envelope_elements() const {
  if (!active_ || !nesting_.inside_array() || nesting_.depth() > 2) return false;
  const size_t last = text_.find_last_not_of(" \t\r\n");
  return last != std::string::npos && (text_[last] == '[' || text_[last] == ',');
}

EvidenceLocation JsonDocumentAssembler::LocationOf(size_t pos) const {
  if (starts_.empty()) return {};
  auto it = std::upper_bound(starts_.begin(), starts_.end(), pos,
                             [](size_t p, const LineStart& s) { return p < s.pos; });
  if (it != starts_.begin()) --it;
  EvidenceLocation where = it->where;
  where.offset += pos - it->pos;
  return where;
}

void JsonDocumentAssembler::Clear() {
  active_ = false;
  nesting_.Reset();
  text_.clear();
  starts_.clear();
}

}  // namespace spraytrace::parse
