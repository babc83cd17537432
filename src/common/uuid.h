// Uuid: a 128-bit RFC 9562 (formerly RFC 4122) UUID, and name-based version 5 UUIDs.
//
// Version 5 is SHA-1 over a namespace UUID and a name: the same namespace and name always give
// the same UUID, anywhere. spraytrace names its STIX objects this way so that a rerun on the same
// findings writes the same identifiers and a recipient merges versions instead of duplicating.
#ifndef SPRAYTRACE_COMMON_UUID_H_
#define SPRAYTRACE_COMMON_UUID_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spraytrace {

struct Uuid {
  std::array<uint8_t, 16> bytes{};  // network byte order, as RFC 9562 lays them out

  // "2ed6657d-e927-568b-95e1-2665a8aea6a2": lower-case hex, 8-4-4-4-12.
  std::string ToString() const;
  // The 8-4-4-4-12 form, either case; nullopt for anything else (braces, urn:uuid:, no dashes).
  static std::optional<Uuid> Parse(std::string_view text);

  int version() const { return bytes[6] >> 4; }
  // The RFC 9562 variant (binary 10 in the top bits of byte 8), which every version 1-8 uses.
  bool has_rfc_variant() const { return (bytes[8] & 0xc0) == 0x80; }

  bool operator==(const Uuid&) const = default;
};

// RFC 9562 appendix C: the namespace for fully qualified domain names.
inline constexpr Uuid kUuidNamespaceDns = {{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80,
                                            0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}};
// RFC 9562 appendix C: the namespace for URLs.
inline constexpr Uuid kUuidNamespaceUrl = {{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80,
                                            0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}};

// The name-based UUID of name in namespace_id: SHA-1 (OpenSSL) over the namespace's 16 bytes then
// the name's bytes, cut to 16 bytes, version 5 and the RFC variant set.
Uuid UuidV5(const Uuid& namespace_id, std::string_view name);

}  // namespace spraytrace

#endif  // SPRAYTRACE_COMMON_UUID_H_
