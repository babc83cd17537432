// IpNetwork: an IPv4 or IPv6 network in CIDR form, the unit of blocklists and allow-lists.
//
// The prefix length counts bits of the address's own family (0..32 for IPv4, 0..128 for IPv6),
// and the address always has its host bits cleared, so equal networks compare equal. IPv4 is
// never part of an IPv6 network: "::/0" holds no IPv4 address, and a network written in
// IPv4-mapped form ("::ffff:192.0.2.0/120") is the IPv4 network (192.0.2.0/24), as IpAddress
// does for addresses. Ordered IPv4 first, then by address, then wider before narrower, so a
// network sorts before every network it contains. A plain value type.
#ifndef SPRAYTRACE_EVENT_IP_NETWORK_H_
#define SPRAYTRACE_EVENT_IP_NETWORK_H_

#include <compare>
#include <string>
#include <string_view>

#include "common/result.h"
#include "event/ip_address.h"

namespace spraytrace {

class IpNetwork {
 public:
  IpNetwork() = default;  // ::/128
  // The network of prefix_len bits (clamped to the family's width) containing address.
  IpNetwork(IpAddress address, int prefix_len);
  static IpNetwork Host(IpAddress address) { return IpNetwork(address, 128); }

  // "203.0.113.0/24", "2001:db8::/32", or an address alone (a host network). Errors say what is
  // wrong (the caller names the text): not an address, a prefix out of range, or host bits set
  // ("10.1.2.3/8": the network is 10.0.0.0/8), because a mistyped allow-list entry must not
  // silently mean something else.
  static Result<IpNetwork> Parse(std::string_view text);

  const IpAddress& address() const { return address_; }
  int prefix_len() const { return prefix_len_; }
  bool is_v4() const { return address_.is_v4(); }
  int family_bits() const { return is_v4() ? 32 : 128; }
  bool is_host() const { return prefix_len_ == family_bits(); }

  bool Contains(const IpAddress& address) const;
  bool Contains(const IpNetwork& other) const;
  bool Overlaps(const IpNetwork& other) const { return Contains(other) || other.Contains(*this); }
  // The network one bit wider; REQUIRES: prefix_len() > 0.
  IpNetwork Parent() const { return IpNetwork(address_, prefix_len_ - 1); }

  // "203.0.113.0/24"; hosts too carry their length ("203.0.113.5/32").
  std::string ToString() const;
  // The same, but a host is the bare address ("203.0.113.5"), as most tools print them.
  std::string ToCompactString() const;

  bool operator==(const IpNetwork&) const = default;
  std::strong_ordering operator<=>(const IpNetwork& other) const;

 private:
  IpAddress address_;
  int prefix_len_ = 128;
};

}  // namespace spraytrace

#endif  // SPRAYTRACE_EVENT_IP_NETWORK_H_
