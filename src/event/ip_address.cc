#include "event/ip_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace spraytrace {
namespace {

constexpr std::array<uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

// Strict dotted quad; decimal even with leading zeros (what sshd and fail2ban print).
std::optional<uint32_t> ParseV4(std::string_view text) {
  uint32_t value = 0;
  int parts = 0;
  size_t i = 0;
  while (parts < 4) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
    uint32_t part = 0;
    int digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      part = part * 10 + static_cast<uint32_t>(text[i] - '0');
      if (++digits > 3 || part > 255) return std::nullopt;
      ++i;
    }
    value = (value << 8) | part;
    ++parts;
    if (parts < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return value;
}

}  // namespace

IpAddress IpAddress::FromV4(uint32_t host_order) {
  IpAddress ip;
  std::memcpy(ip.bytes_.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size());
  ip.bytes_[12] = static_cast<uint8_t>(host_order >> 24);
  ip.bytes_[13] = static_cast<uint8_t>(host_order >> 16);
  ip.bytes_[14] = static_cast<uint8_t>(host_order >> 8);
  ip.bytes_[15] = static_cast<uint8_t>(host_order);
  return ip;
}

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > 64) return std::nullopt;
  if (text.find(':') == std::string_view::npos) {
    if (auto v4 = ParseV4(text)) return FromV4(*v4);
    return std::nullopt;
  }
  if (const size_t zone = text.find('%'); zone != std::string_view::npos) {
    text = text.substr(0, zone);
  }
  char buffer[65];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  IpAddress ip;
  if (inet_pton(AF_INET6, buffer, ip.bytes_.data()) != 1) return std::nullopt;
  return ip;
}

bool IpAddress::is_v4() const {
  return std::memcmp(bytes_.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size()) == 0;
}

bool IpAddress::IsInternal() const {
  if (is_v4()) {
    const uint32_t a = v4();
    return (a >> 24) == 10 || (a >> 24) == 127 || (a >> 20) == 0xac1 || (a >> 16) == 0xc0a8 ||
           (a >> 16) == 0xa9fe;
  }
  static const IpAddress kLoopback = *IpAddress::Parse("::1");
  return *this == kLoopback || (bytes_[0] & 0xfe) == 0xfc ||
         (bytes_[0] == 0xfe && (bytes_[1] & 0xc0) == 0x80);
}

uint32_t IpAddress::v4() const {
  return (uint32_t{bytes_[12]} << 24) | (uint32_t{bytes_[13]} << 16) | (uint32_t{bytes_[14]} << 8) |
         uint32_t{bytes_[15]};
}

IpAddress IpAddress::Masked(int prefix_len) const {
  const int total_bits = is_v4() ? 32 : 128;
  prefix_len = std::clamp(prefix_len, 0, total_bits);
  const int keep = (is_v4() ? 96 : 0) + prefix_len;  // bits kept of the 16-byte form
  IpAddress out = *this;
  const int full_bytes = keep / 8;
  if (full_bytes < 16) {
    // 0xff00 >> r keeps the top r bits of the partial byte (none when r is 0).
    out.bytes_[full_bytes] &= static_cast<uint8_t>(0xff00u >> (keep % 8));
    std::fill(out.bytes_.begin() + full_bytes + 1, out.bytes_.end(), uint8_t{0});
  }
  return out;
}

std::string IpAddress::ToString() const {
  char buffer[kMaxTextSize];
  return std::string(Format(buffer));
}

std::string_view IpAddress::Format(char (&out)[kMaxTextSize]) const {
  static_assert(kMaxTextSize == INET6_ADDRSTRLEN);
  if (!is_v4()) {
    inet_ntop(AF_INET6, bytes_.data(), out, kMaxTextSize);
    return out;
  }
  // Dotted decimal by hand: glibc's inet_ntop formats IPv4 with sprintf, which showed in the
  // profile of the per-failure tally.
  char* p = out;
  for (int i = 12; i < 16; ++i) {
    const unsigned v = bytes_[static_cast<size_t>(i)];
    if (v >= 100) *p++ = static_cast<char>('0' + v / 100);
    if (v >= 10) *p++ = static_cast<char>('0' + (v / 10) % 10);
    *p++ = static_cast<char>('0' + v % 10);
    if (i < 15) *p++ = '.';
  }
  return std::string_view(out, static_cast<size_t>(p - out));
}

size_t IpAddressHash::operator()(const IpAddress& ip) const noexcept {
  uint64_t hi = 0;
  uint64_t lo = 0;
  std::memcpy(&hi, ip.bytes().data(), 8);
  std::memcpy(&lo, ip.bytes().data() + 8, 8);
  // splitmix64-style finaliser over both halves: cheap and well mixed for hash maps.
  uint64_t x = hi ^ (lo * 0x9e3779b97f4a7c15ULL);
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return static_cast<size_t>(x);
}

}  // namespace spraytrace
