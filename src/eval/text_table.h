// TextTable: columns aligned for a terminal. Cells must already be terminal-safe text (see
// report::EscapeForTerminal); widths count UTF-8 code points.
#ifndef SPRAYTRACE_EVAL_TEXT_TABLE_H_
#define SPRAYTRACE_EVAL_TEXT_TABLE_H_

#include <string>
#include <vector>

namespace spraytrace::eval {

class TextTable {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string header;
    Align align = Align::kLeft;
  };

  explicit TextTable(std::vector<Column> columns);
  // REQUIRES: cells.size() == number of columns.
  void AddRow(std::vector<std::string> cells);
  // Header and rows, columns separated by two spaces, each line indented by `indent` and ending
  // in '\n'; trailing spaces trimmed.
  std::string Render(size_t indent = 0) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace spraytrace::eval

#endif  // SPRAYTRACE_EVAL_TEXT_TABLE_H_
