// StringPool: interns strings to dense 32-bit ids, so events carry ids instead of strings.
//
// Ids are stable for the pool's lifetime and views returned by View() stay valid as long as the
// pool lives (strings are stored in chunks that never move). Id 0 is the empty string, used for
// "absent". Not thread-safe: one pool per pipeline (a per-thread pool will need a merge map).
#ifndef SPRAYTRACE_EVENT_STRING_POOL_H_
#define SPRAYTRACE_EVENT_STRING_POOL_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace spraytrace {

using StringId = uint32_t;
inline constexpr StringId kNoString = 0;

class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  StringId Intern(std::string_view text);
  // Returns kNoString when text was never interned (no insertion).
  StringId Find(std::string_view text) const;
  std::string_view View(StringId id) const { return views_[id]; }
  size_t size() const { return views_.size(); }
  // Bytes held by string storage, for memory reporting.
  size_t StorageBytes() const { return chunks_.size() * kChunkSize + large_bytes_; }

 private:
  static constexpr size_t kChunkSize = 64 * 1024;
  std::string_view Store(std::string_view text);

  std::vector<std::string_view> views_;
  // Looked up for every user name and host of every line: absl's flat map and hash (std::hash of
  // a string_view and its node per entry showed as 10% of a plain sshd scan).
  absl::flat_hash_map<std::string_view, StringId> ids_;
  std::deque<std::unique_ptr<char[]>> chunks_;
  size_t chunk_used_ = kChunkSize;
  std::deque<std::unique_ptr<char[]>> large_;
  size_t large_bytes_ = 0;
};

}  // namespace spraytrace

#endif  // SPRAYTRACE_EVENT_STRING_POOL_H_
