// IpNetwork: an address block written as an address or CIDR ("198.51.100.0/24", "2001:db8::/32",
// "203.0.113.7"), the unit of threat-intel lists.
//
// The prefix length counts bits in the address's own family, as IpAddress::Masked does: /24 on
// IPv4 is the /24, even though the address is stored IPv4-mapped. Plain value type.
#ifndef SPRAYTRACE_CORRELATE_IP_NETWORK_H_
#define SPRAYTRACE_CORRELATE_IP_NETWORK_H_

#include <optional>
#include <string>
#include <string_view>

#include "event/ip_address.h"

namespace spraytrace::correlate {

struct IpNetwork {
  IpAddress base;      // already masked to prefix_len
  int prefix_len = 0;  // 0..32 for IPv4, 0..128 for IPv6

  bool Contains(const IpAddress& ip) const {
    return ip.is_v4() == base.is_v4() && ip.Masked(prefix_len) == base;
  }
  // "198.51.100.0/24"; a single address prints without a suffix.
  std::string ToString() const;
  auto operator<=>(const IpNetwork&) const = default;
};

// Parses "ADDRESS" or "ADDRESS/LEN". Host bits set under the mask are cleared
// ("10.1.2.3/24" is 10.1.2.0/24), as routers and blocklist tools read it. IPv4-mapped IPv6
// ("::ffff:10.0.0.0/104") is read as the IPv4 network it maps. Returns nullopt for anything
// else, including a length beyond the family's bits.
std::optional<IpNetwork> ParseIpNetwork(std::string_view text);

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_IP_NETWORK_H_
