// CsvSplitter: RFC 4180 rows from lines. Fields are separated by commas and may be quoted with
// '"' (a doubled quote inside is one quote); a quoted field may hold commas and line breaks, so
// a row can span several lines: AddLine() says when it is complete. Fields come back unquoted;
// views into a buffer the splitter reuses, valid until the next AddLine() or Clear().
// Not thread-safe.
#ifndef SPRAYTRACE_PARSE_CSV_CSV_SPLITTER_H_
#define SPRAYTRACE_PARSE_CSV_CSV_SPLITTER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace spraytrace::parse {

enum class CsvLineStatus : uint8_t {
  kRow,         ///< fields() holds a complete row
  kIncomplete,  ///< a quoted field continues on the next line
  kTooLong,     ///< the row grew past max_bytes or kMaxRowLines lines; abandoned
  kBadQuote,    ///< text after a closing quote that is not a comma; row abandoned
};

class CsvSplitter {
 public:
  // A quoted field may hold line breaks, but an unclosed quote must not swallow a whole file:
  // a row spanning more lines than this is abandoned.
  static constexpr size_t kMaxRowLines = 64;

  explicit CsvSplitter(size_t max_bytes) : max_bytes_(max_bytes) {}

  CsvLineStatus AddLine(std::string_view line);
  const std::vector<std::string_view>& fields() const { return fields_; }
  // A row is open (a quoted field was not closed before the line ended).
  bool pending() const { return !row_.empty(); }
  void Clear();

 private:
  CsvLineStatus Split();

  size_t max_bytes_;
  size_t row_lines_ = 0;
  std::string row_;       // the row's raw text, lines joined with '\n'
  std::string unquoted_;  // field contents, back to back
  std::vector<size_t> ends_;
  std::vector<std::string_view> fields_;
};

// True when the quotes of text (a row so far) are balanced: no quoted field left open.
bool CsvQuotesBalanced(std::string_view text);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_CSV_CSV_SPLITTER_H_
