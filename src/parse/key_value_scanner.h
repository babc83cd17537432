// KeyValueScanner: walks the `key=value` pairs of a vendor log record (FortiGate, and any family
// that logs the same way), without regex and without allocating.
//
//   date=2024-10-14 time=13:46:40 user="N/A" msg="said \"hi\"" ui=ssh(192.0.2.7) tunnelip=(null)
//
// A value is either bare (up to the next space) or double-quoted; inside quotes a backslash
// escapes the next byte (\" and \\), and the returned view still holds the backslashes (see
// `escaped` and Unescape). A word without '=' is skipped. A quote that never closes runs to the
// end of the text and sets truncated(): the record was cut (a syslog relay's size limit).
// Views point into the scanned text. Not thread-safe (a cursor); cheap to construct.
#ifndef SPRAYTRACE_PARSE_KEY_VALUE_SCANNER_H_
#define SPRAYTRACE_PARSE_KEY_VALUE_SCANNER_H_

#include <string>
#include <string_view>

namespace spraytrace::parse {

struct KeyValue {
  std::string_view key;
  std::string_view value;  // without its quotes; escapes left in place
  bool quoted = false;
  bool escaped = false;  // the value holds at least one backslash escape
};

class KeyValueScanner {
 public:
  explicit KeyValueScanner(std::string_view text) : text_(text) {}

  // The next pair; false at the end of the text.
  bool Next(KeyValue* pair);
  bool truncated() const { return truncated_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  bool truncated_ = false;
};

// A quoted value with its backslash escapes resolved ("a\"b" -> a"b). Writes into *out to reuse
// its buffer; returns the result as a view of *out.
std::string_view Unescape(std::string_view value, std::string* out);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_KEY_VALUE_SCANNER_H_
