// JsonWriter: builds one JSON document into a reused std::string, escaping every string.
//
// Log text is hostile: usernames hold quotes, control bytes, HTML and invalid UTF-8. Strings are
// written as valid UTF-8 JSON: quotes, backslashes and control characters escaped, invalid bytes
// replaced by U+FFFD, and '<', '>', '&' escaped as \u003c... so the output is also safe to embed
// in an HTML <script> block. The caller keeps the nesting right; commas are handled here.
#ifndef SPRAYTRACE_REPORT_JSON_WRITER_H_
#define SPRAYTRACE_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spraytrace::report {

class JsonWriter {
 public:
  void Clear();
  const std::string& str() const { return out_; }

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // Writes a member name inside an object; the next value call is its value.
  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(int64_t value);
  void UInt(uint64_t value);
  void Double(double value);  // shortest round-trip; NaN/inf written as null
  void Bool(bool value);
  void Null();

 private:
  void BeforeValue();
  std::string out_;
  std::vector<bool> first_in_scope_;  // one entry per open object/array
  bool after_key_ = false;
};

// Appends value to *out as a JSON string body (no surrounding quotes), escaped as above.
void AppendJsonEscaped(std::string_view value, std::string* out);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_JSON_WRITER_H_
