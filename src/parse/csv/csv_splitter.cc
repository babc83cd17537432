#include "parse/csv/csv_splitter.h"

#include <algorithm>

namespace spraytrace::parse {

bool CsvQuotesBalanced(std::string_view text) {
  return std::count(text.begin(), text.end(), '"') % 2 == 0;
}

CsvLineStatus CsvSplitter::AddLine(std::string_view line) {
  if (!row_.empty()) row_.push_back('\n');
  if (row_.size() + line.size() > max_bytes_ || ++row_lines_ > kMaxRowLines) {
    Clear();
    return CsvLineStatus::kTooLong;
  }
  row_.append(line);
  if (!CsvQuotesBalanced(row_)) return CsvLineStatus::kIncomplete;
  const CsvLineStatus status = Split();
  row_.clear();
  row_lines_ = 0;
  return status;
}

// One pass over the row: copies field contents (quotes removed, "" collapsed) into unquoted_
// and records where each field ends, then makes the views once the buffer stops growing.
CsvLineStatus CsvSplitter::Split() {
  unquoted_.clear();
  ends_.clear();
  fields_.clear();
  size_t i = 0;
  const size_t n = row_.size();
  while (true) {
    if (i < n && row_[i] == '"') {
      ++i;
      while (i < n) {
        if (row_[i] == '"') {
          if (i + 1 < n && row_[i + 1] == '"') {
            unquoted_.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        unquoted_.push_back(row_[i++]);
      }
      if (i < n && row_[i] != ',') {
        fields_.clear();
        return CsvLineStatus::kBadQuote;
      }
    } else {
      while (i < n && row_[i] != ',') unquoted_.push_back(row_[i++]);
    }
    ends_.push_back(unquoted_.size());
    if (i >= n) break;
    ++i;  // the comma
  }
  size_t begin = 0;
  for (const size_t end : ends_) {
    fields_.emplace_back(unquoted_.data() + begin, end - begin);
    begin = end;
  }
  return CsvLineStatus::kRow;
}

void CsvSplitter::Clear() {
  row_.clear();
  row_lines_ = 0;
  fields_.clear();
}

}  // namespace spraytrace::parse
