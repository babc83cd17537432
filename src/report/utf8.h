// Escaping of log text for what people read: the terminal summary and the HTML report. One
// walker (utf8.cc) decides what is shown as a visible escape; each output adds its own quoting.
#ifndef SPRAYTRACE_REPORT_UTF8_H_
#define SPRAYTRACE_REPORT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace spraytrace::report {

// Text safe to print on a terminal: control characters (C0, DEL, C1, and so ANSI escape
// sequences) and invalid UTF-8 bytes become visible \xNN escapes, bidirectional controls (which
// can make "nimda" read as "admin") become \uNNNN; a backslash becomes "\\". Valid printable
// UTF-8 is kept.
std::string EscapeForTerminal(std::string_view text);

// Appends text to *out for an HTML or SVG text node or a double- or single-quoted attribute
// value: & < > " ' become character references, and control characters, bidirectional controls
// and invalid UTF-8 become the same visible escapes as on the terminal (XML forbids most C0
// controls, and a browser would silently hide the rest). A backslash is kept as it is, so
// DOMAIN\user reads as logged. The result is valid UTF-8 and never markup.
void AppendHtmlEscaped(std::string_view text, std::string* out);

// At most max_chars characters of text (a code point, or one invalid byte, counts as one), with
// "…" in place of the rest when it was longer; never cuts a UTF-8 sequence. For labels that
// must fit a chart; the full text goes in a tooltip.
std::string TruncateForDisplay(std::string_view text, size_t max_chars);

inline std::string EscapeForHtml(std::string_view text) {
  std::string out;
  AppendHtmlEscaped(text, &out);
  return out;
}

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_UTF8_H_
