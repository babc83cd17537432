#include "report/utf8.h"

#include <fmt/format.h>

#include "common/utf8.h"

namespace spraytrace::report {

std::string EscapeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t length = Utf8SequenceLength(text.substr(i));
      // C1 controls (U+0080..U+009F) are encoded as C2 80..C2 9F: escape them too.
      const bool c1_control =
          length == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0;
      if (length == 0 || c1_control) {
        fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
        ++i;
        continue;
      }
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    if (c < 0x20 || c == 0x7f) {
      fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
    } else if (c == '\\') {
      out.append("\\\\");
    } else {
      out.push_back(static_cast<char>(c));
    }
    ++i;
  }
  return out;
}

}  // namespace spraytrace::report
