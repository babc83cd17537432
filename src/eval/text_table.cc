#include "eval/text_table.h"

#include <algorithm>
#include <cassert>

namespace spraytrace::eval {
namespace {

size_t DisplayWidth(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void AppendLine(const std::vector<std::string>& cells,
                const std::vector<TextTable::Column>& columns, const std::vector<size_t>& widths,
                size_t indent, std::string* out) {
  std::string line(indent, ' ');
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += "  ";
    const std::string padding(widths[i] - DisplayWidth(cells[i]), ' ');
    if (columns[i].align == TextTable::Align::kRight) line += padding;
    line += cells[i];
    if (columns[i].align == TextTable::Align::kLeft) line += padding;
  }
  line.erase(line.find_last_not_of(' ') + 1);
  *out += line;
  *out += '\n';
}

}  // namespace

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

void TextTable::AddRow(std::vector<std::string> cells) {
  assert(cells.size() == columns_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::Render(size_t indent) const {
  std::vector<size_t> widths;
  std::vector<std::string> headers;
  for (const Column& column : columns_) {
    widths.push_back(DisplayWidth(column.header));
    headers.push_back(column.header);
  }
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string out;
  AppendLine(headers, columns_, widths, indent, &out);
  for (const auto& row : rows_) AppendLine(row, columns_, widths, indent, &out);
  return out;
}

}  // namespace spraytrace::eval
