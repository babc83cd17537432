// StateDecoder: reads what StateEncoder wrote, into the next run's StringPool and FileTable.
//
// The first failure (truncated value, section not where it should be, a count the remaining
// bytes cannot hold, a value out of range) is kept with the section and byte offset it happened
// at; every later read returns zero values, so a Load function can read straight through and
// check ok() once. Counts are checked against the bytes left before anything is allocated, so
// a damaged or hostile file cannot make a decoder allocate more than the file's own size.
// Not thread-safe.
#ifndef SPRAYTRACE_STORE_STATE_DECODER_H_
#define SPRAYTRACE_STORE_STATE_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "event/file_table.h"
#include "event/ip_address.h"
#include "event/string_pool.h"

namespace spraytrace::store {

class StateDecoder {
 public:
  // Reads the string and file tables at the start of body, interning every string into
  // strings and adding every path to files. REQUIRES: body, strings and files outlive this.
  StateDecoder(std::string_view body, StringPool* strings, FileTable* files);
  StateDecoder(const StateDecoder&) = delete;
  StateDecoder& operator=(const StateDecoder&) = delete;

  bool ok() const { return error_.empty(); }
  // "section 'distributed' at byte 1234: <what>"; empty while ok().
  const std::string& error() const { return error_; }
  // Records the first failure; later ones are ignored.
  void Fail(std::string_view what);

  // Fails unless the next section is `name`; LeaveSection fails unless it was read to its end.
  bool EnterSection(std::string_view name);
  bool LeaveSection();
  // True when every byte of the body has been read.
  bool AtEnd() const { return pos_ == end_; }

  uint64_t U64();
  uint32_t U32();  // fails above 2^32 - 1
  int64_t I64();
  bool Bool();
  double Double();
  std::string Bytes();
  StringId String();  // an id of the new run's pool
  uint32_t File();    // an id of the new run's file table
  IpAddress Ip();
  // Fails when the value is above `last`, the enum's last enumerator.
  template <typename Enum>
  Enum EnumUpTo(Enum last) {
    static_assert(std::is_enum_v<Enum>);
    const uint64_t value = U64();
    if (value > static_cast<uint64_t>(last)) {
      Fail("enum value " + std::to_string(value) + " out of range");
      return Enum{};
    }
    return static_cast<Enum>(value);
  }
  // A count of elements that each take at least min_bytes: fails when the rest of the current
  // section could not hold them (the guard against huge allocations).
  size_t Count(size_t min_bytes = 1);

  // Strings and files the body carried.
  size_t strings() const { return string_ids_.size(); }
  size_t files() const { return file_ids_.size(); }

 private:
  bool Need(size_t bytes);
  size_t Limit() const { return sections_.empty() ? end_ : sections_.back().end; }
  void ReadTables(StringPool* strings, FileTable* files);

  struct Open {
    std::string name;
    size_t end = 0;
  };
  std::string_view body_;
  size_t pos_ = 0;
  size_t end_ = 0;
  std::vector<Open> sections_;
  std::vector<StringId> string_ids_;  // table index -> new id; [0] = kNoString
  std::vector<uint32_t> file_ids_;
  std::string error_;
};

}  // namespace spraytrace::store

#endif  // SPRAYTRACE_STORE_STATE_DECODER_H_
