#include "common/uuid.h"

#include <openssl/evp.h>

#include <cassert>
#include <vector>

namespace spraytrace {
namespace {

// Dashes come before these byte indices in the text form.
bool DashBefore(size_t byte) { return byte == 4 || byte == 6 || byte == 8 || byte == 10; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Uuid::ToString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (DashBefore(i)) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0f];
  }
  return out;
}

std::optional<Uuid> Uuid::Parse(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Uuid uuid;
  size_t at = 0;
  for (size_t i = 0; i < uuid.bytes.size(); ++i) {
    if (DashBefore(i) && text[at++] != '-') return std::nullopt;
    const int high = HexValue(text[at]);
    const int low = HexValue(text[at + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    uuid.bytes[i] = static_cast<uint8_t>(high << 4 | low);
    at += 2;
  }
  return uuid;
}

Uuid UuidV5(const Uuid& namespace_id, std::string_view name) {
  std::vector<unsigned char> input(namespace_id.bytes.begin(), namespace_id.bytes.end());
  input.insert(input.end(), name.begin(), name.end());
  unsigned char digest[EVP_MAX_MD_SIZE] = {};
  unsigned int digest_size = 0;
  // EVP_Digest with SHA-1 cannot fail short of memory exhaustion; the check is for debug builds.
  const int ok = EVP_Digest(input.data(), input.size(), digest, &digest_size, EVP_sha1(), nullptr);
  assert(ok == 1 && digest_size >= 16);
  (void)ok;
  Uuid uuid;
  for (size_t i = 0; i < uuid.bytes.size(); ++i) uuid.bytes[i] = digest[i];
  uuid.bytes[6] = static_cast<uint8_t>((uuid.bytes[6] & 0x0f) | 0x50);  // version 5
  uuid.bytes[8] = static_cast<uint8_t>((uuid.bytes[8] & 0x3f) | 0x80);  // RFC 9562 variant
  return uuid;
}

}  // namespace spraytrace
