#include "ingest/control_bytes.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace spraytrace::ingest {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Nonzero iff some byte of word is below 0x20 (the "hasless" bit trick; exact for the
// any-byte question, which is all it is used for).
uint64_t HasByteBelow0x20(uint64_t word) { return (word - kOnes * 0x20) & ~word & kHighBits; }

bool IsPlainByte(unsigned char byte) { return byte < 0x80 && (byte >= 0x20 || byte == '\t'); }

size_t CountInRange(const unsigned char* bytes, size_t size) {
  size_t count = 0;
  for (size_t i = 0; i < size; ++i) {
    count += static_cast<size_t>(bytes[i] < 0x20 && bytes[i] != '\t');
  }
  return count;
}

}  // namespace

size_t CountControlBytes(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t count = 0;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, sizeof(word));
    if (HasByteBelow0x20(word) != 0) count += CountInRange(bytes + i, 8);
  }
  return count + CountInRange(bytes + i, size - i);
}

bool IsPlainAscii(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
#if defined(__SSE2__)
  // A signed compare against 0x20 flags the control bytes and, being negative, every byte from
  // 0x80 up: one mask for both; tabs are taken back out.
  const auto plain16 = [&](size_t at) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at));
    const int below = _mm_movemask_epi8(_mm_cmplt_epi8(chunk, _mm_set1_epi8(0x20)));
    return below == 0 ||
           (below & ~_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('\t')))) == 0;
  };
  if (size >= 16) {
    for (; i + 16 <= size; i += 16) {
      if (!plain16(i)) return false;
    }
    // The tail as the last sixteen bytes, overlapping what was checked.
    return i == size || plain16(size - 16);
  }
#endif
  for (; i < size; ++i) {
    if (!IsPlainByte(bytes[i])) return false;
  }
  return true;
}

}  // namespace spraytrace::ingest
