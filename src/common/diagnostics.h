// Diagnostics: named, counted reasons why some input was not understood (Zeek's "weirds").
//
// Bad input is never an error that stops a run: every stage reports what it skipped here, the
// run goes on, and the CLI prints the counts with one sampled location per kind so a person can
// look at the offending line. Not thread-safe: one Diagnostics per pipeline thread, merged.
#ifndef SPRAYTRACE_COMMON_DIAGNOSTICS_H_
#define SPRAYTRACE_COMMON_DIAGNOSTICS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace spraytrace {

enum class DiagnosticKind : uint8_t {
  kUnreadableFile,      ///< open() or read() failed: missing, permission denied, a directory loop
  kTruncatedGzip,       ///< gzip stream ended before its trailer; lines before the cut were read
  kCorruptGzip,         ///< zlib reported a data error; the rest of that file is skipped
  kCorruptZstd,         ///< zstd reported a frame error or the stream ended mid-frame
  kLineTooLong,         ///< a line longer than the limit; its bytes up to the newline are skipped
  kBinaryLine,          ///< a line holding NUL or other control bytes: not log text
  kInvalidUtf8,         ///< a line with bytes that are not UTF-8; still parsed, escaped on output
  kBadTimestamp,        ///< a line whose header looked like syslog but whose time did not parse
  kBadJson,             ///< a line starting with '{' that is not valid JSON
  kUnknownFormat,       ///< a line no parser recognised (not syslog, not journald JSON)
  kUnknownSshdMessage,  ///< an sshd line with a message this version does not classify
  kBadRecord,           ///< a family's record with a required field missing or malformed
  kBadCsvRow,           ///< a CSV row with unbalanced quotes or too few columns for the mapping
  kCorruptEvtx,         ///< an EVTX file or record libevtx could not read; the rest was read
  kUnrecognisedFile,    ///< a whole input in which no family recognised a single record
  kBadEnrichmentData,   ///< a line of an ip2asn or threat-intel file, or a MaxMind record, unread
  kCount,
};

std::string_view DiagnosticKindName(DiagnosticKind kind);
// One sentence for people: what the kind means and what was done about it.
std::string_view DiagnosticKindHelp(DiagnosticKind kind);

struct DiagnosticSample {
  std::string file;    // path as given, "-" for stdin
  uint64_t line = 0;   // 1-based; 0 when the problem is about the whole file
  std::string detail;  // short, already truncated; raw bytes, escape before printing
};

class Diagnostics {
 public:
  // Counts one occurrence; the first occurrence of each kind is kept as the sample.
  void Report(DiagnosticKind kind, std::string_view file, uint64_t line, std::string_view detail);

  uint64_t Count(DiagnosticKind kind) const { return counts_[Index(kind)]; }
  uint64_t Total() const;
  const DiagnosticSample& Sample(DiagnosticKind kind) const { return samples_[Index(kind)]; }

  // Adds other's counts; keeps this object's samples where it has one.
  void Merge(const Diagnostics& other);

 private:
  static size_t Index(DiagnosticKind kind) { return static_cast<size_t>(kind); }
  static constexpr size_t kKinds = static_cast<size_t>(DiagnosticKind::kCount);
  std::array<uint64_t, kKinds> counts_{};
  std::array<DiagnosticSample, kKinds> samples_{};
};

}  // namespace spraytrace

#endif  // SPRAYTRACE_COMMON_DIAGNOSTICS_H_
