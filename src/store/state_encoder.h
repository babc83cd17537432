// StateEncoder: turns detector state into the body of a state snapshot (docs/detection.md,
// "State across runs"; the file around it is snapshot_file.h).
//
// Detectors keep strings as StringIds of the run's StringPool and evidence as indexes into the
// run's FileTable; neither means anything to the next run. The encoder writes each string and
// each file path once, in tables at the start of the body, and state refers to them by table
// index; StateDecoder interns them into the next run's pool and table and maps the indexes back.
// Numbers are LEB128 varints (signed ones zigzag-encoded), doubles 8 little-endian bytes,
// addresses 1 + 4 or 1 + 16 bytes. Each state owner writes one named section, so a decoder can
// say which part of a file is wrong.
//
// No I/O: the store stage below detect, so detectors can serialise themselves without knowing
// files. Not thread-safe.
#ifndef SPRAYTRACE_STORE_STATE_ENCODER_H_
#define SPRAYTRACE_STORE_STATE_ENCODER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "event/file_table.h"
#include "event/ip_address.h"
#include "event/string_pool.h"

namespace spraytrace::store {

class StateEncoder {
 public:
  // REQUIRES: strings and files hold every id the state refers to and outlive the encoder.
  StateEncoder(const StringPool* strings, const FileTable* files)
      : strings_(strings), files_(files) {}
  StateEncoder(const StateEncoder&) = delete;
  StateEncoder& operator=(const StateEncoder&) = delete;

  // Sections may nest. REQUIRES: every BeginSection has its EndSection before Finish().
  void BeginSection(std::string_view name);
  void EndSection();

  void PutU64(uint64_t value);
  void PutU32(uint32_t value) { PutU64(value); }
  void PutI64(int64_t value);
  void PutBool(bool value) { body_.push_back(value ? '\1' : '\0'); }
  void PutDouble(double value);
  void PutBytes(std::string_view bytes);
  void PutString(StringId id);
  // An evidence file id of the run's FileTable.
  void PutFile(uint32_t file);
  void PutIp(const IpAddress& ip);
  template <typename Enum>
  void PutEnum(Enum value) {
    static_assert(std::is_enum_v<Enum>);
    PutU64(static_cast<uint64_t>(value));
  }

  // The body: the string table, the file table, then the sections in the order written.
  std::string Finish() &&;

  // Strings and files referenced so far (for size reporting).
  size_t strings() const { return string_order_.size(); }

 private:
  const StringPool* strings_;
  const FileTable* files_;
  std::string body_;
  std::vector<size_t> open_sections_;  // offsets of their length fields
  std::unordered_map<StringId, uint32_t> string_index_;
  std::vector<StringId> string_order_;  // table index - 1 -> id (index 0 is kNoString)
  std::unordered_map<uint32_t, uint32_t> file_index_;
  std::vector<uint32_t> file_order_;
};

// Varint helpers shared with the decoder and the file header.
void AppendVarint(uint64_t value, std::string* out);
inline uint64_t ZigZag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}
inline int64_t UnZigZag(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

}  // namespace spraytrace::store

#endif  // SPRAYTRACE_STORE_STATE_ENCODER_H_
