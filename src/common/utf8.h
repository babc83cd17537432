// UTF-8 validation, shared by the reader (flags lines) and the writers (escape output): ASCII is
// checked 8 bytes at a time, the rest byte by byte against the well-formed byte sequences of
// Unicode 15 table 3-7 (no overlongs, no surrogates, nothing above U+10FFFF). Pure functions;
// thread-safe.
#ifndef SPRAYTRACE_COMMON_UTF8_H_
#define SPRAYTRACE_COMMON_UTF8_H_

#include <cstddef>
#include <string_view>

namespace spraytrace {

// Index of the first byte of the first ill-formed sequence, or std::string_view::npos if text
// is valid UTF-8. A sequence cut off by the end of text is ill-formed.
size_t FindInvalidUtf8(std::string_view text);

// Length (1 to 4) of the well-formed sequence at the start of text, or 0 when the bytes there are
// not one (or text is empty).
size_t Utf8SequenceLength(std::string_view text);

inline bool IsValidUtf8(std::string_view text) {
  return FindInvalidUtf8(text) == std::string_view::npos;
}

}  // namespace spraytrace

#endif  // SPRAYTRACE_COMMON_UTF8_H_
