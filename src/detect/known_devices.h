// KnownDevices: which sources each account has logged in from, remembered across episodes.
//
// A person who forgets a password fails from the address they log in from every day; an
// attacker's address has no earlier login to that account. Episodes end after hours of quiet
// and forget everything, so this memory outlives them: one entry per (source, account) and per
// (source network, account) that succeeded, kept `memory` after its last success (default 30
// days). Bounded: past `capacity` entries the least recently used half is dropped. Plain data,
// snapshotted across runs by Save / Load.
// Not thread-safe.
#ifndef SPRAYTRACE_DETECT_KNOWN_DEVICES_H_
#define SPRAYTRACE_DETECT_KNOWN_DEVICES_H_

#include <cstddef>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "detect/detector_config.h"
#include "detect/source_state.h"
#include "event/string_pool.h"
#include "event/timestamp.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {

class KnownDevices {
 public:
  // Networks are remembered at network_v4 / network_v6 prefix lengths (see
  // KnownDevicesConfig::network_v4 / _v6).
  KnownDevices(Micros memory, size_t capacity, int network_v4 = 16, int network_v6 = 48)
      : memory_(memory), capacity_(capacity), network_v4_(network_v4), network_v6_(network_v6) {}

  // Sized and shaped by config.known_devices.
  explicit KnownDevices(const KnownDevicesConfig& config)
      : KnownDevices(config.memory, static_cast<size_t>(config.max_pairs), config.network_v4,
                     config.network_v6) {}

  void RecordSuccess(const SourceKey& source, StringId user, Timestamp time);
  // Remembers the event when it is a login (or password-correct result) with a source and an
  // account; ignores anything else.
  void Observe(const AuthEvent& event);
  // True when `user` logged in from `source` before `before`, at most `memory` earlier than it.
  bool LoggedInBefore(const SourceKey& source, StringId user, Timestamp before) const;
  // The same for any address in the source's network: the carrier NAT pool or home ISP range a
  // person's devices move around in. False for sources known only by host name.
  bool LoggedInFromNetworkBefore(const SourceKey& source, StringId user, Timestamp before) const;
  // Prefetches what LoggedInBefore, LoggedInFromNetworkBefore and Observe look up for the event.
  void Prefetch(const AuthEvent& event) const;
  // Forgets pairs whose last success is older than now - memory.
  void Expire(Timestamp now);
  size_t size() const { return entries_.size(); }

  // State across runs (docs/detection.md): writes the pairs still within memory of `now` (what
  // Expire(now) would keep) as section "known_devices".
  void Save(Timestamp now, store::StateEncoder* out) const;
  // Replaces the pairs with the section's. False when it is damaged (the reason in in->error()).
  bool Load(store::StateDecoder* in);
  // Same pairs and times (snapshot tests).
  bool operator==(const KnownDevices& other) const { return entries_ == other.entries_; }

 private:
  struct Key {
    SourceKey source;
    StringId user = kNoString;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& key) const noexcept {
      return SourceKeyHash()(key.source) ^ (static_cast<size_t>(key.user) * 0xC2B2AE3D27D4EB4FULL);
    }
  };
  struct Entry {
    Timestamp first = 0;  // first and last success remembered
    Timestamp last = 0;
    bool operator==(const Entry&) const = default;
  };
  void DropLeastRecentHalf();
  void Remember(const SourceKey& source, StringId user, Timestamp time);
  bool Recent(const SourceKey& source, StringId user, Timestamp before) const;
  // The network key of a source: its address masked, marked so it never equals an address key.
  std::optional<SourceKey> NetworkOf(const SourceKey& source) const;

  Micros memory_;
  size_t capacity_;
  int network_v4_;
  int network_v6_;
  absl::flat_hash_map<Key, Entry, KeyHash> entries_;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_KNOWN_DEVICES_H_
