#include "common/utf8.h"

#include <cstdint>
#include <cstring>

namespace spraytrace {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Length of the well-formed sequence starting at text[i] (1 to 4), or 0 if it is ill-formed.
// Second-byte ranges per lead byte are what exclude overlongs (E0, F0), surrogates (ED) and
// code points above U+10FFFF (F4).
size_t SequenceLength(const unsigned char* p, size_t remaining) {
  const unsigned char lead = p[0];
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;  // 80..C1 (continuation or overlong 2-byte lead) and F5..FF
  }
  if (remaining < length) return 0;
  if (p[1] < low || p[1] > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (p[k] < 0x80 || p[k] > 0xBF) return 0;
  }
  return length;
}

}  // namespace

size_t Utf8SequenceLength(std::string_view text) {
  if (text.empty()) return 0;
  return SequenceLength(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    // Fast path: skip whole 8-byte words of ASCII.
    while (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, bytes + i, sizeof(word));
      if ((word & kHighBits) != 0) break;
      i += 8;
    }
    if (i >= size) break;
    const size_t length = SequenceLength(bytes + i, size - i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace spraytrace
