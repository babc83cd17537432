// JsonDocumentAssembler: gathers the lines of a JSON value that spans several lines (a Graph
// `{"value":[...]}` page as saved by a browser, `jq .` output, an Azure Monitor blob) into one
// buffer, and remembers where each line started so every record inside can cite its own line.
//
// Tracks nesting outside strings (escapes included), so it knows when the value is complete
// without parsing it. Bounded: a value longer than max_bytes is abandoned (the caller reports
// it). Not thread-safe; reuses its buffers.
#ifndef SPRAYTRACE_PARSE_JSON_JSON_DOCUMENT_H_
#define SPRAYTRACE_PARSE_JSON_JSON_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "event/auth_event.h"

namespace spraytrace::parse {

// Nesting depth of JSON text fed in pieces. Depth 0 after a piece that opened something means
// the value is complete.
class JsonNesting {
 public:
  void Reset() { *this = JsonNesting(); }
  // Consumes text; returns false when a closing bracket has nothing to close (not JSON).
  bool Feed(std::string_view text);
  int depth() const { return depth_; }
  bool opened() const { return opened_; }
  bool complete() const { return opened_ && depth_ == 0 && !in_string_; }
  // The innermost open bracket is an array's (known for the first 64 levels): the text is
  // between the elements of an array, such as an envelope's records.
  bool inside_array() const {
    return !in_string_ && depth_ > 0 && depth_ <= kTrackedLevels &&
           ((arrays_ >> (depth_ - 1)) & 1U) != 0;
  }

 private:
  static constexpr int kTrackedLevels = 64;
  int depth_ = 0;
  uint64_t arrays_ = 0;  // bit d set: the bracket opened at depth d + 1 is an array's
  bool opened_ = false;
  bool in_string_ = false;
  bool escaped_ = false;
};

enum class AssemblyStatus : uint8_t {
  kIncomplete,  ///< more lines needed
  kComplete,    ///< text() holds the whole value
  kNotJson,     ///< brackets do not balance: not a JSON value
  kTooLong,     ///< over max_bytes; abandoned
};

class JsonDocumentAssembler {
 public:
  explicit JsonDocumentAssembler(size_t max_bytes) : max_bytes_(max_bytes) {}

  bool active() const { return active_; }
  // The value being assembled is an envelope's array ("[" or {"records":[ ...) waiting for its
  // next element: at most two levels deep, innermost an array, text so far ending in "[" or
  // ",". A complete object on the next line is then that element, not a new record. (A record
  // cut inside an array of its own is deeper, or ends elsewhere.)
  bool between_envelope_elements() const;
  // Starts a value at this line, or continues the current one. Lines are joined with '\n'.
  AssemblyStatus AddLine(std::string_view line, const EvidenceLocation& where);
  // The assembled text (REQUIRES: the last AddLine returned kComplete). Valid until Clear().
  std::string_view text() const { return text_; }
  // Where the byte at position pos of text() was in the input.
  EvidenceLocation LocationOf(size_t pos) const;
  uint64_t first_line() const { return starts_.empty() ? 0 : starts_.front().where.line; }
  void Clear();

 private:
  struct LineStart {
    size_t pos;
    EvidenceLocation where;
  };
  size_t max_bytes_;
  bool active_ = false;
  JsonNesting nesting_;
  std::string text_;
  std::vector<LineStart> starts_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_JSON_JSON_DOCUMENT_H_
