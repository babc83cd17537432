#include "detect/known_devices.h"

#include <algorithm>
#include <vector>

#include "detect/state_codec.h"

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
  return SourceKey{source.ip.Masked(prefix), kNetworkKeyMarker};
}

void KnownDevices::Prefetch(const AuthEvent& event) const {
  const auto key = SourceKeyOf(event);
  const StringId user = AccountOf(event);
  if (!key || user == kNoString) return;
  entries_.prefetch(Key{*key, user});
  if (const auto network = NetworkOf(*key)) entries_.prefetch(Key{*network, user});
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
  absl::erase_if(entries_, [&](const auto& item) { return item.second.last < now - memory_; });
}

void KnownDevices::DropLeastRecentHalf() {
  std::vector<Timestamp> lasts;
  lasts.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) lasts.push_back(entry.last);
  auto middle = lasts.begin() + static_cast<std::ptrdiff_t>(lasts.size() / 2);
  std::nth_element(lasts.begin(), middle, lasts.end());
  const Timestamp cutoff = *middle;
  absl::erase_if(entries_, [&](const auto& item) { return item.second.last < cutoff; });
}

void KnownDevices::Save(Timestamp now, store::StateEncoder* out) const {
  out->BeginSection("known_devices");
  const Timestamp oldest = now - memory_;
  const auto kept =
      static_cast<uint64_t>(std::count_if(entries_.begin(), entries_.end(), [&](const auto& item) {
        return item.second.last >= oldest;
      }));
  out->PutU64(kept);
  for (const auto& [key, entry] : entries_) {
    if (entry.last < oldest) continue;
    SaveSourceKey(key.source, out);
    out->PutString(key.user);
    out->PutI64(entry.last);
    out->PutU64(static_cast<uint64_t>(entry.last - entry.first));
  }
  out->EndSection();
}

bool KnownDevices::Load(store::StateDecoder* in) {
  entries_.clear();
  if (!in->EnterSection("known_devices")) return false;
  const size_t count = in->Count(5);  // key kind, address, user, two times: 5 bytes at least
  entries_.reserve(count);
  for (size_t i = 0; i < count && in->ok(); ++i) {
    Key key;
    key.source = LoadSourceKey(in);
    key.user = in->String();
    Entry entry;
    entry.last = in->I64();
    entry.first = static_cast<Timestamp>(static_cast<uint64_t>(entry.last) - in->U64());
    if (key.user == kNoString) in->Fail("known device pair without an account");
    entries_[key] = entry;
  }
  return in->LeaveSection();
}

}  // namespace spraytrace::detect
