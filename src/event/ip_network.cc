#include "event/ip_network.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace spraytrace {
namespace {

constexpr int kV4MappedBits = 96;  // ::ffff:0:0/96 holds IPv4 in the 16-byte form

Status Invalid(std::string why) { return Status::InvalidArgument(std::move(why)); }

}  // namespace

IpNetwork::IpNetwork(IpAddress address, int prefix_len)
    : address_(address), prefix_len_(std::clamp(prefix_len, 0, address.is_v4() ? 32 : 128)) {
  address_ = address_.Masked(prefix_len_);
}

Result<IpNetwork> IpNetwork::Parse(std::string_view text) {
  const size_t slash = text.find('/');
  const std::string_view address_text = text.substr(0, slash);
  const auto address = IpAddress::Parse(address_text);
  if (!address) return Invalid(fmt::format("'{}' is not an IP address", address_text));
  const int bits = address->is_v4() ? 32 : 128;
  if (slash == std::string_view::npos) return IpNetwork(*address, bits);

  const std::string_view length_text = text.substr(slash + 1);
  int length = -1;
  const char* end = length_text.data() + length_text.size();
  auto [ptr, ec] = std::from_chars(length_text.data(), end, length);
  // An IPv4-mapped address takes its length in IPv6 bits: ::ffff:192.0.2.0/120 is a /24.
  const bool mapped = address->is_v4() && address_text.find(':') != std::string_view::npos;
  const int written_bits = mapped ? 128 : bits;
  const int min_bits = mapped ? kV4MappedBits : 0;
  if (ec != std::errc() || ptr != end || length < min_bits || length > written_bits) {
    return Invalid(
        fmt::format("the prefix length must be a number from {} to {}", min_bits, written_bits));
  }
  const int prefix = mapped ? length - kV4MappedBits : length;
  IpNetwork network(*address, prefix);
  if (network.address_ != *address) {
    return Invalid(fmt::format("host bits are set (the network is {})", network.ToString()));
  }
  return network;
}

bool IpNetwork::Contains(const IpAddress& address) const {
  return address.is_v4() == is_v4() && address.Masked(prefix_len_) == address_;
}

bool IpNetwork::Contains(const IpNetwork& other) const {
  return other.is_v4() == is_v4() && other.prefix_len_ >= prefix_len_ &&
         other.address_.Masked(prefix_len_) == address_;
}

std::string IpNetwork::ToString() const {
  return fmt::format("{}/{}", address_.ToString(), prefix_len_);
}

std::string IpNetwork::ToCompactString() const {
  return is_host() ? address_.ToString() : ToString();
}

std::strong_ordering IpNetwork::operator<=>(const IpNetwork& other) const {
  if (is_v4() != other.is_v4())
    return is_v4() ? std::strong_ordering::less : std::strong_ordering::greater;
  if (auto c = address_ <=> other.address_; c != 0) return c;
  return prefix_len_ <=> other.prefix_len_;
}

}  // namespace spraytrace
