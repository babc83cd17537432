// Small, allocation-free scanners over std::string_view shared by the program parsers: consume
// a prefix or suffix, trim, test digits, read a "key=value" field. Pure functions.
#ifndef SPRAYTRACE_PARSE_TEXT_SCAN_H_
#define SPRAYTRACE_PARSE_TEXT_SCAN_H_

#include <string_view>

namespace spraytrace::parse {

// Removes prefix from *text and returns true when *text starts with it; else leaves it.
// Inline, and the first byte compared before the rest: the parsers try a line against a run of
// literal prefixes, nearly all of which fail at once, and a call to memcmp for each cost more
// than the comparison (about a tenth of an sshd line's parsing).
inline bool Consume(std::string_view* text, std::string_view prefix) {
  if (prefix.empty()) return true;
  if (text->size() < prefix.size() || (*text)[0] != prefix[0]) return false;
  if (text->substr(1, prefix.size() - 1) != prefix.substr(1)) return false;
  text->remove_prefix(prefix.size());
  return true;
}
// The same at the end of *text, the last byte first.
inline bool ConsumeSuffix(std::string_view* text, std::string_view suffix) {
  if (suffix.empty()) return true;
  if (text->size() < suffix.size() || text->back() != suffix.back()) return false;
  if (!text->ends_with(suffix)) return false;
  text->remove_suffix(suffix.size());
  return true;
}
// Consume() that also accepts the prefix with its first letter upper-cased ("authentication
// failure" and "Authentication failure"). REQUIRES: lower_prefix starts with a lower-case letter.
bool ConsumeAnyFirstCase(std::string_view* text, std::string_view lower_prefix);
std::string_view TrimRight(std::string_view text);
std::string_view TrimLeft(std::string_view text);
// ASCII case-insensitive equality (column names, status words, operation names).
bool EqualsIgnoringCase(std::string_view a, std::string_view b);
// True for a non-empty run of ASCII digits.
bool IsDigits(std::string_view text);
// Whether needle occurs in text. Not string_view::find, which runs memchr for the needle's
// first byte: for a quoted JSON key that is a quote, found every few bytes of a JSON line, and
// the family sniffers test every line for several keys.
bool Contains(std::string_view text, std::string_view needle);
// The value after key_with_space (e.g. " rhost=") up to the next space, or "".
std::string_view FieldValue(std::string_view text, std::string_view key_with_space);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_TEXT_SCAN_H_
