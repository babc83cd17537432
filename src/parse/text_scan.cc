#include "parse/text_scan.h"

#include <cstring>

namespace spraytrace::parse {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

using std::string_view;

bool Contains(string_view text, string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > text.size()) return false;  // also keeps a null data() out of memmem
  return memmem(text.data(), text.size(), needle.data(), needle.size()) != nullptr;
}

// Consumes prefix, accepting either case for its first letter ("PAM: Authentication" and
// "PAM: authentication" both occur).
bool ConsumeAnyFirstCase(string_view* text, string_view lower_prefix) {
  if (text->size() < lower_prefix.size() || text->empty()) return false;
  char first = (*text)[0];
  if (first >= 'A' && first <= 'Z') first = static_cast<char>(first - 'A' + 'a');
  if (first != lower_prefix[0]) return false;
  if (text->substr(1, lower_prefix.size() - 1) != lower_prefix.substr(1)) return false;
  text->remove_prefix(lower_prefix.size());
  return true;
}

string_view TrimRight(string_view text) {
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

string_view TrimLeft(string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  return text;
}

bool IsDigits(string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Value of " key=" up to the next space; empty when absent.
string_view FieldValue(string_view text, string_view key_with_space) {
  size_t pos = text.find(key_with_space);
  if (pos == string_view::npos) return {};
  string_view value = text.substr(pos + key_with_space.size());
  return value.substr(0, value.find(' '));
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  const auto lower = [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  };
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace spraytrace::parse
