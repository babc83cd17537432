// HtmlWriter: builds an HTML page (with inline SVG) into one string, so that text from logs can
// never become markup. Tag names, attribute names and raw markup are `Markup`, which only a
// string literal (or a constexpr array) converts to at compile time; every text node and every
// attribute value goes through AppendHtmlEscaped (report/utf8.h). Not thread-safe.
#ifndef SPRAYTRACE_REPORT_HTML_WRITER_H_
#define SPRAYTRACE_REPORT_HTML_WRITER_H_

#include <fmt/format.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace spraytrace::report {

// Markup the program itself wrote: a compile-time constant, never text from input.
class Markup {
 public:
  template <size_t N>
  consteval Markup(const char (&literal)[N]) : text_(literal, N - 1) {}  // NOLINT: implicit
  std::string_view view() const { return text_; }

 private:
  std::string_view text_;
};

// One attribute: a constant name and a value that is always escaped.
struct Attr {
  Markup name;
  std::string_view value;
};

class HtmlWriter {
 public:
  // <tag a="v" ...>
  void Open(Markup tag, std::initializer_list<Attr> attrs = {});
  // </tag>
  void Close(Markup tag);
  // A void HTML element or a self-closed SVG element: <tag a="v" .../>
  void Empty(Markup tag, std::initializer_list<Attr> attrs = {});
  // <tag a="v">text</tag>
  void Element(Markup tag, std::initializer_list<Attr> attrs, std::string_view text);
  void Element(Markup tag, std::string_view text) { Element(tag, {}, text); }

  void Text(std::string_view text);
  template <typename... Args>
  void TextF(fmt::format_string<Args...> format, Args&&... args) {
    Text(fmt::format(format, std::forward<Args>(args)...));
  }
  void Raw(Markup markup) { out_.append(markup.view()); }

  size_t size() const { return out_.size(); }
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void OpenTag(Markup tag, std::initializer_list<Attr> attrs);
  std::string out_;
};

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_HTML_WRITER_H_
