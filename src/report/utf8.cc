#include "report/utf8.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/utf8.h"

namespace spraytrace::report {
namespace {

enum class Target { kTerminal, kHtml };

// U+200E/U+200F (marks), U+202A..U+202E (embeddings, overrides), U+2066..U+2069 (isolates) and
// U+061C: invisible, and they reorder the text around them.
bool IsBidiControl(std::string_view seq) {
  if (seq.size() == 2) return seq == "\xD8\x9C";
  if (seq.size() != 3 || seq[0] != '\xE2') return false;
  const auto b1 = static_cast<unsigned char>(seq[1]);
  const auto b2 = static_cast<unsigned char>(seq[2]);
  return (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
         (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

uint32_t CodePoint(std::string_view seq) {
  const auto b = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(seq[i]));
  };
  if (seq.size() == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
}

void AppendAscii(unsigned char c, Target target, std::string* out) {
  if (target == Target::kTerminal) {
    if (c == '\\') {
      out->append("\\\\");
    } else {
      out->push_back(static_cast<char>(c));
    }
    return;
  }
  switch (c) {
    case '&':
      out->append("&amp;");
      break;
    case '<':
      out->append("&lt;");
      break;
    case '>':
      out->append("&gt;");
      break;
    case '"':
      out->append("&quot;");
      break;
    case '\'':
      out->append("&#39;");
      break;
    default:
      out->push_back(static_cast<char>(c));
  }
}

void AppendEscaped(std::string_view text, Target target, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t length = Utf8SequenceLength(text.substr(i));
      // C1 controls (U+0080..U+009F) are encoded as C2 80..C2 9F: escape them too.
      const bool c1_control =
          length == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0;
      if (length == 0 || c1_control) {
        fmt::format_to(std::back_inserter(*out), "\\x{:02x}", c);
        ++i;
        continue;
      }
      const std::string_view seq = text.substr(i, length);
      if (IsBidiControl(seq)) {
        fmt::format_to(std::back_inserter(*out), "\\u{:04x}", CodePoint(seq));
      } else {
        out->append(seq);
      }
      i += length;
      continue;
    }
    if (c < 0x20 || c == 0x7f) {
      fmt::format_to(std::back_inserter(*out), "\\x{:02x}", c);
    } else {
      AppendAscii(c, target, out);
    }
    ++i;
  }
}

}  // namespace

std::string EscapeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscaped(text, Target::kTerminal, &out);
  return out;
}

std::string TruncateForDisplay(std::string_view text, size_t max_chars) {
  size_t end = 0;         // after the characters counted so far
  size_t last_start = 0;  // where the last counted character starts
  for (size_t chars = 0; end < text.size() && chars < max_chars; ++chars) {
    last_start = end;
    end += std::max<size_t>(1, Utf8SequenceLength(text.substr(end)));
  }
  if (end >= text.size()) return std::string(text);
  return std::string(text.substr(0, last_start)) + "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
}

void AppendHtmlEscaped(std::string_view text, std::string* out) {
  AppendEscaped(text, Target::kHtml, out);
}

}  // namespace spraytrace::report
