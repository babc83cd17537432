#include "parse/key_value_scanner.h"

namespace spraytrace::parse {

bool KeyValueScanner::Next(KeyValue* pair) {
  while (pos_ < text_.size()) {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && text_[pos_] != '=') ++pos_;
    if (pos_ >= text_.size() || text_[pos_] == ' ') continue;  // a word without '=': skipped
    pair->key = text_.substr(start, pos_ - start);
    ++pos_;  // '='
    pair->quoted = pos_ < text_.size() && text_[pos_] == '"';
    pair->escaped = false;
    if (!pair->quoted) {
      const size_t end = text_.find(' ', pos_);
      const size_t stop = end == std::string_view::npos ? text_.size() : end;
      pair->value = text_.substr(pos_, stop - pos_);
      pos_ = stop;
    } else {
      const size_t value_start = ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '"') {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
          pair->escaped = true;
          ++pos_;
        }
        ++pos_;
      }
      pair->value = text_.substr(value_start, pos_ - value_start);
      if (pos_ >= text_.size()) {
        truncated_ = true;
      } else {
        ++pos_;  // closing quote
      }
    }
    if (!pair->key.empty()) return true;
  }
  return false;
}

std::string_view Unescape(std::string_view value, std::string* out) {
  out->clear();
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) ++i;
    out->push_back(value[i]);
  }
  return *out;
}

}  // namespace spraytrace::parse
