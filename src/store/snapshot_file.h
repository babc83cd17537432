// The state snapshot file: what `spraytrace scan --state FILE` keeps between runs
// (docs/detection.md, "State across runs"; the layout is below).
//
//   offset  size  field
//   0       16    magic "spraytrace-state"
//   16      4     format version (little-endian), kSnapshotFormatVersion
//   20      4     header length H (little-endian)
//   24      H     header: varint-prefixed fields (SnapshotHeader, in declaration order)
//   24+H    4     CRC-32 of bytes 16 .. 24+H (version, length and header)
//   28+H    8     stored body length B (little-endian)
//   36+H    4     CRC-32 of the stored body
//   40+H    B     body: StateEncoder output, zstd-compressed when header.compressed
//
// The header describes the file without decoding the body (which spraytrace wrote it, with
// which detector settings, up to which event time), so a mismatch can be named before any
// state is touched. The body's checksum is over the stored bytes, so a flipped bit or a cut
// file is caught before decompression. Written atomically: a temporary file in the same
// folder, fsync, rename over the old one, fsync of the folder; a crash leaves the old file or
// the new one, never half of one. Created mode 0600: state names accounts and addresses.
// Thread-compatible (no shared state).
#ifndef SPRAYTRACE_STORE_SNAPSHOT_FILE_H_
#define SPRAYTRACE_STORE_SNAPSHOT_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"
#include "event/timestamp.h"

namespace spraytrace::store {

inline constexpr std::string_view kSnapshotMagic = "spraytrace-state";
// Bump on any change to the header or to what a state owner writes; older files are refused
// with a message naming both versions (the state is rebuilt from logs, never migrated).
inline constexpr uint32_t kSnapshotFormatVersion = 3;

struct SnapshotHeader {
  std::string spraytrace_version;  // of the program that wrote it, e.g. "0.1.0"
  // The detector settings the state was built with, as `scan --print-config` prints them, and
  // a 64-bit FNV-1a hash of that text: state is only meaningful under the same settings.
  std::string settings;
  uint64_t settings_fingerprint = 0;
  Timestamp clock = 0;       // latest event time the state has seen
  Timestamp written_at = 0;  // wall-clock time of the save
  bool compressed = true;    // body stored zstd-compressed
  uint64_t body_size = 0;    // decoded body bytes
};

struct Snapshot {
  SnapshotHeader header;
  std::string body;  // decoded (decompressed) body
  uint64_t file_bytes = 0;
};

// 64-bit FNV-1a, for SnapshotHeader::settings_fingerprint.
uint64_t Fingerprint(std::string_view text);

// Writes header and body to path atomically (see above). Sets header.body_size. On error the
// old file, if any, is unchanged and no temporary file is left behind.
Status WriteSnapshotFile(const std::string& path, SnapshotHeader header, std::string_view body);

// Reads and checks a snapshot. Errors: kNotFound when path does not exist; kCorruption for a
// file that is not a snapshot, is cut short, or fails a checksum; kUnsupported for another
// format version. Each message names what is wrong, not the path (the caller adds it).
Result<Snapshot> ReadSnapshotFile(const std::string& path);

}  // namespace spraytrace::store

#endif  // SPRAYTRACE_STORE_SNAPSHOT_FILE_H_
