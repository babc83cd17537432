#include "detect/known_devices.h"

#include <algorithm>
#include <vector>

namespace spraytrace::detect {

void KnownDevices::RecordSuccess(const SourceKey& source, StringId user, Timestamp time) {
  if (user == kNoString || capacity_ == 0) return;
  Remember(source, user, time);
  if (const auto network = NetworkOf(source)) Remember(*network, user, time);
}

void KnownDevices::Observe(const AuthEvent& event) {
  if (!IsLogin(event)) return;
  if (const auto key = SourceKeyOf(event)) RecordSuccess(*key, AccountOf(event), event.time);
}

std::optional<SourceKey> KnownDevices::NetworkOf(const SourceKey& source) const {
  const int prefix = source.ip.is_v4() ? network_v4_ : network_v6_;
  if (source.host != kNoString || prefix == 0) return std::nullopt;
  // host = kNetworkMarker keeps a network key distinct from the address key of the network's
  // first address.
  constexpr StringId kNetworkMarker = 0xffffffffu;
  return SourceKey{source.ip.Masked(prefix), kNetworkMarker};
}

bool KnownDevices::LoggedInFromNetworkBefore(const SourceKey& source, StringId user,
                                             Timestamp before) const {
  const auto network = NetworkOf(source);
  return network && Recent(*network, user, before);
}

void KnownDevices::Remember(const SourceKey& source, StringId user, Timestamp time) {
  auto [it, fresh] = entries_.try_emplace(Key{source, user}, Entry{time, time});
  if (!fresh) {
    it->second.first = std::min(it->second.first, time);
    it->second.last = std::max(it->second.last, time);
  } else if (entries_.size() > capacity_) {
    DropLeastRecentHalf();
  }
}

bool KnownDevices::LoggedInBefore(const SourceKey& source, StringId user, Timestamp before) const {
  return Recent(source, user, before);
}

bool KnownDevices::Recent(const SourceKey& source, StringId user, Timestamp before) const {
  const auto it = entries_.find(Key{source, user});
  if (it == entries_.end()) return false;
  // The remembered range [first, last] holds a login before `before` that is recent enough
  // when first < before and the latest such login is within `memory` of it.
  return it->second.first < before && std::min(it->second.last, before) >= before - memory_;
}

void KnownDevices::Expire(Timestamp now) {
  std::erase_if(entries_, [&](const auto& item) { return item.second.last < now - memory_; });
}

void KnownDevices::DropLeastRecentHalf() {
  std::vector<Timestamp> lasts;
  lasts.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) lasts.push_back(entry.last);
  auto middle = lasts.begin() + static_cast<std::ptrdiff_t>(lasts.size() / 2);
  std::nth_element(lasts.begin(), middle, lasts.end());
  const Timestamp cutoff = *middle;
  std::erase_if(entries_, [&](const auto& item) { return item.second.last < cutoff; });
}

}  // namespace spraytrace::detect
