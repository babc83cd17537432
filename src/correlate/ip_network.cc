#include "correlate/ip_network.h"

#include <charconv>

namespace spraytrace::correlate {

std::string IpNetwork::ToString() const {
  const int bits = base.is_v4() ? 32 : 128;
  if (prefix_len == bits) return base.ToString();
  return base.ToString() + "/" + std::to_string(prefix_len);
}

std::optional<IpNetwork> ParseIpNetwork(std::string_view text) {
  const size_t slash = text.find('/');
  const std::optional<IpAddress> address = IpAddress::Parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  const int bits = address->is_v4() ? 32 : 128;
  int prefix_len = bits;
  if (slash != std::string_view::npos) {
    const std::string_view length = text.substr(slash + 1);
    if (length.empty() || length.size() > 3) return std::nullopt;
    const auto [end, error] =
        std::from_chars(length.data(), length.data() + length.size(), prefix_len);
    if (error != std::errc() || end != length.data() + length.size()) return std::nullopt;
    // An IPv4-mapped IPv6 network names the IPv4 one: ::ffff:0:0/96 + n is IPv4 /n.
    const bool mapped_text = address->is_v4() && text.substr(0, slash).find(':') != text.npos;
    if (mapped_text) {
      if (prefix_len < 96) return std::nullopt;
      prefix_len -= 96;
    }
    if (prefix_len < 0 || prefix_len > bits) return std::nullopt;
  }
  return IpNetwork{address->Masked(prefix_len), prefix_len};
}

}  // namespace spraytrace::correlate
