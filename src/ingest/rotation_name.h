// RotationName: what a log file name says about its place in a logrotate family.
//
// A name is an optional compression extension (.gz .zst .zstd .xz .bz2) on top of one of:
//   <family>.<N>          N of 1-7 digits: numbered rotation, a higher N is older (auth.log.2)
//   <family>-<D>, .<D>    D of 8+ digits: dated rotation (dateext: auth.log-20240101), ascending
//   <family>              anything else: the current file of its family (auth.log, auth.log.gz)
// Oldest first within a family: dated (by date), then numbered (highest first), then current.
// Pure functions; thread-safe.
#ifndef SPRAYTRACE_INGEST_ROTATION_NAME_H_
#define SPRAYTRACE_INGEST_ROTATION_NAME_H_

#include <cstdint>
#include <string_view>

namespace spraytrace::ingest {

struct RotationName {
  // Declared in oldest-first order.
  enum class Kind : uint8_t { kDated, kNumbered, kCurrent };

  std::string_view family;  // "auth.log" for "auth.log.2.gz"
  Kind kind = Kind::kCurrent;
  std::string_view date;  // digits, for kDated
  uint64_t number = 0;    // for kNumbered
};

// Parses a file name (no directory part). The views point into file_name.
RotationName ParseRotationName(std::string_view file_name);

// Orders two file names: by family, then oldest first within a family, then by name.
// A strict weak ordering over all names.
bool RotationNameLess(std::string_view a, std::string_view b);

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_ROTATION_NAME_H_
