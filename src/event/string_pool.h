// StringPool: interns strings to dense 32-bit ids, so events carry ids instead of strings.
//
// Ids are stable for the pool's lifetime and views returned by View() stay valid as long as the
// pool lives (strings are stored in chunks that never move). Id 0 is the empty string, used for
// "absent".
//
// One writer, readers of handed-over ids: Intern() is for one thread at a time, and View(id) may
// run on other threads at the same time for any id that reached them through a synchronising
// hand-over (a mutex, a queue) after Intern() returned it. That is how a scan with --threads
// parses on one thread and detects on another (cli/scan_runner.cc): the id->view table is made
// of segments that never move once allocated (segment k holds kFirstSegment << k views) under a
// fixed-size top-level array, so interning never writes memory a reader of an older id reads.
// Find(), size() and StorageBytes() read the writer's structures: only on the interning thread,
// or when nobody interns. Everything else is not thread-safe: one pool per pipeline.
#ifndef SPRAYTRACE_EVENT_STRING_POOL_H_
#define SPRAYTRACE_EVENT_STRING_POOL_H_

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string_view>

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
  // REQUIRES: id was returned by Intern() (or is kNoString).
  std::string_view View(StringId id) const {
    const Slot slot = SlotOf(id);
    return segments_[slot.segment][slot.index];
  }
  size_t size() const { return size_; }
  // Bytes held by string storage, for memory reporting.
  size_t StorageBytes() const { return chunks_.size() * kChunkSize + large_bytes_; }

 private:
  static constexpr size_t kChunkSize = 64 * 1024;
  // Views in segment 0; each next segment doubles, so 23 segments hold every 32-bit id.
  static constexpr int kFirstSegmentBits = 10;
  static constexpr size_t kFirstSegment = size_t{1} << kFirstSegmentBits;
  static constexpr size_t kSegments = 23;
  static_assert(kFirstSegment * ((size_t{1} << kSegments) - 1) >= (size_t{1} << 32));

  struct Slot {
    size_t segment;
    size_t index;
  };
  // Segment k starts at id kFirstSegment * (2^k - 1).
  static Slot SlotOf(StringId id) {
    const uint64_t shifted = (uint64_t{id} >> kFirstSegmentBits) + 1;
    const auto segment = static_cast<size_t>(std::bit_width(shifted) - 1);
    return {segment, static_cast<size_t>(id + kFirstSegment - (kFirstSegment << segment))};
  }
  std::string_view Store(std::string_view text);
  void Append(std::string_view stored);

  std::array<std::unique_ptr<std::string_view[]>, kSegments> segments_;
  size_t size_ = 0;
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
