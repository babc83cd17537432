#include "ingest/control_bytes.h"

#include <cstdint>
#include <cstring>

namespace spraytrace::ingest {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Nonzero iff some byte of word is below 0x20 (the "hasless" bit trick; exact for the
// any-byte question, which is all it is used for).
uint64_t HasByteBelow0x20(uint64_t word) { return (word - kOnes * 0x20) & ~word & kHighBits; }

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

}  // namespace spraytrace::ingest
