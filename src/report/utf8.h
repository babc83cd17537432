// UTF-8 helpers for escaping text shown to people or written as JSON.
#ifndef SPRAYTRACE_REPORT_UTF8_H_
#define SPRAYTRACE_REPORT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace spraytrace::report {

// Text safe to print on a terminal: control characters (C0, DEL, C1, and so ANSI escape
// sequences) and invalid UTF-8 bytes become visible \xNN escapes; a backslash becomes "\\".
// Valid printable UTF-8 is kept.
std::string EscapeForTerminal(std::string_view text);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_UTF8_H_
