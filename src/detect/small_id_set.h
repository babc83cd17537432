// SmallIdSet: a set of string ids that holds up to kInline of them in place and moves them to a
// hash set past that. The distributed detector keeps one per source that some account's verdict
// holds (a million of them under a wide spray), almost all with one account; a hash set each
// would cost an allocation and 40 bytes apiece, a plain vector would make a single-source spray
// of a hundred thousand accounts quadratic. Not thread-safe; value type (move-only).
#ifndef SPRAYTRACE_DETECT_SMALL_ID_SET_H_
#define SPRAYTRACE_DETECT_SMALL_ID_SET_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "event/string_pool.h"

namespace spraytrace::detect {

class SmallIdSet {
 public:
  static constexpr uint32_t kInline = 5;

  SmallIdSet() = default;
  SmallIdSet(SmallIdSet&& other) noexcept
      : size_(std::exchange(other.size_, 0)), storage_(other.storage_) {}
  SmallIdSet& operator=(SmallIdSet&& other) noexcept {
    if (this != &other) {
      Release();
      size_ = std::exchange(other.size_, 0);
      storage_ = other.storage_;
    }
    return *this;
  }
  SmallIdSet(const SmallIdSet&) = delete;
  SmallIdSet& operator=(const SmallIdSet&) = delete;
  ~SmallIdSet() { Release(); }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

  // Returns whether the id was new.
  bool insert(StringId id) {
    if (size_ > kInline) {
      const bool added = storage_.many->insert(id).second;
      size_ += added ? 1 : 0;
      return added;
    }
    const auto end = storage_.few.begin() + size_;
    if (std::find(storage_.few.begin(), end, id) != end) return false;
    if (size_ < kInline) {
      storage_.few[size_++] = id;
      return true;
    }
    auto* many = new absl::flat_hash_set<StringId>(storage_.few.begin(), storage_.few.end());
    many->insert(id);
    storage_.many = many;
    ++size_;
    return true;
  }

  // Returns the number of ids erased (0 or 1).
  size_t erase(StringId id) {
    if (size_ > kInline) {
      if (storage_.many->erase(id) == 0) return 0;
      if (--size_ == kInline) {  // back in place
        std::array<StringId, kInline> few{};
        std::copy(storage_.many->begin(), storage_.many->end(), few.begin());
        delete storage_.many;
        storage_.few = few;
      }
      return 1;
    }
    const auto end = storage_.few.begin() + size_;
    const auto it = std::find(storage_.few.begin(), end, id);
    if (it == end) return 0;
    *it = storage_.few[--size_];
    return 1;
  }

  template <typename Visit>
  void ForEach(Visit visit) const {
    if (size_ > kInline) {
      for (const StringId id : *storage_.many) visit(id);
    } else {
      std::for_each(storage_.few.begin(), storage_.few.begin() + size_, visit);
    }
  }

 private:
  void Release() {
    if (size_ > kInline) delete storage_.many;
    size_ = 0;
  }

  // Copied whole when moved: whichever member is in use comes along.
  union Storage {
    std::array<StringId, kInline> few;
    absl::flat_hash_set<StringId>* many;
  };

  uint32_t size_ = 0;  // past kInline, the ids are in *storage_.many
  Storage storage_ = {.few = {}};
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_SMALL_ID_SET_H_
