// IpAddress: an IPv4 or IPv6 address in one 16-byte form.
//
// IPv4 is stored IPv4-mapped (::ffff:a.b.c.d), so "::ffff:1.2.3.4" and "1.2.3.4" are the same
// address and print as "1.2.3.4". A plain value type: trivially copyable, hashable, ordered.
#ifndef SPRAYTRACE_EVENT_IP_ADDRESS_H_
#define SPRAYTRACE_EVENT_IP_ADDRESS_H_

#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace spraytrace {

class IpAddress {
 public:
  IpAddress() = default;  // :: (the unspecified address)

  // Accepts dotted IPv4 (leading zeros read as decimal: "192.030.0.6" is 192.30.0.6), any IPv6
  // text form, IPv4-mapped/compatible IPv6, and bracketed IPv6 "[2001:db8::1]". A zone suffix
  // ("fe80::1%eth0") is dropped. Returns nullopt for anything else, e.g. host names.
  static std::optional<IpAddress> Parse(std::string_view text);
  static IpAddress FromV4(uint32_t host_order);
  // The 16-byte form as bytes() returns it (IPv4 mapped), e.g. from a state snapshot.
  static IpAddress FromBytes(const std::array<uint8_t, 16>& bytes) {
    IpAddress ip;
    ip.bytes_ = bytes;
    return ip;
  }

  bool is_v4() const;
  // Private, loopback or link-local: RFC 1918, 127/8, 169.254/16, fc00::/7, fe80::/10, ::1.
  // (Carrier-grade NAT space, 100.64/10, is not private here: it is the customers' side of an ISP.)
  bool IsInternal() const;
  // Host-order IPv4 value; REQUIRES: is_v4().
  uint32_t v4() const;
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }

  // The network containing this address: keeps prefix_len bits counted in the address's own
  // family (Masked(24) on IPv4 is the /24, Masked(64) on IPv6 the /64).
  IpAddress Masked(int prefix_len) const;

  // Canonical text: dotted IPv4, RFC 5952 IPv6 (lower case, longest zero run compressed).
  std::string ToString() const;
  // The same text written into `out`, returned as a view of it: no allocation, for callers that
  // look it up or copy it themselves once per event (the run's tally of failing sources).
  static constexpr size_t kMaxTextSize = 46;  // INET6_ADDRSTRLEN
  std::string_view Format(char (&out)[kMaxTextSize]) const;

  // Byte-wise (network order) comparison, written as two 64-bit words: these run in every hash
  // lookup and sort of the detectors' state, where a call to memcmp per compare showed at 10%.
  bool operator==(const IpAddress& other) const {
    return ((Word(0) ^ other.Word(0)) | (Word(1) ^ other.Word(1))) == 0;
  }
  std::strong_ordering operator<=>(const IpAddress& other) const {
    const uint64_t a = BigEndianWord(0), b = other.BigEndianWord(0);
    if (a != b) return a <=> b;
    return BigEndianWord(1) <=> other.BigEndianWord(1);
  }

 private:
  uint64_t Word(size_t i) const {
    uint64_t word;
    std::memcpy(&word, bytes_.data() + 8 * i, 8);
    return word;
  }
  // The word as a number whose order is the bytes' order.
  uint64_t BigEndianWord(size_t i) const {
    const uint64_t word = Word(i);
    if constexpr (std::endian::native == std::endian::little) return __builtin_bswap64(word);
    return word;
  }

  std::array<uint8_t, 16> bytes_{};
};

struct IpAddressHash {
  size_t operator()(const IpAddress& ip) const noexcept;
};

}  // namespace spraytrace

template <>
struct std::hash<spraytrace::IpAddress> : spraytrace::IpAddressHash {};

#endif  // SPRAYTRACE_EVENT_IP_ADDRESS_H_
