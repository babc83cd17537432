// KnownDevices: which sources each account has logged in from, remembered across episodes.
//
// A person who forgets a password fails from the address they log in from every day; an
// attacker's address has no earlier login to that account. Episodes end after hours of quiet
// and forget everything, so this memory outlives them: one entry per (source, account) that
// succeeded, kept `memory` after its last success (default 30 days). Bounded: past `capacity`
// entries the least recently used half is dropped. Plain data, so it can be snapshotted.
// Not thread-safe.
#ifndef SPRAYTRACE_DETECT_KNOWN_DEVICES_H_
#define SPRAYTRACE_DETECT_KNOWN_DEVICES_H_

#include <cstddef>
#include <unordered_map>

#include "detect/source_state.h"
#include "event/string_pool.h"
#include "event/timestamp.h"

namespace spraytrace::detect {

class KnownDevices {
 public:
  KnownDevices(Micros memory, size_t capacity) : memory_(memory), capacity_(capacity) {}

  void RecordSuccess(const SourceKey& source, StringId user, Timestamp time);
  // True when `user` logged in from `source` before `before`, at most `memory` earlier than it.
  bool LoggedInBefore(const SourceKey& source, StringId user, Timestamp before) const;
  // Forgets pairs whose last success is older than now - memory.
  void Expire(Timestamp now);
  size_t size() const { return entries_.size(); }

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
  };
  void DropLeastRecentHalf();

  Micros memory_;
  size_t capacity_;
  std::unordered_map<Key, Entry, KeyHash> entries_;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_KNOWN_DEVICES_H_
