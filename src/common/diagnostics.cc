#include "common/diagnostics.h"

#include <numeric>

namespace spraytrace {
namespace {
constexpr size_t kMaxSampleDetail = 160;
// An unrecognised file's detail is the list of families tried, not log bytes: kept whole.
constexpr size_t kMaxFamilyListDetail = 1024;
}  // namespace

std::string_view DiagnosticKindName(DiagnosticKind kind) {
  switch (kind) {
    case DiagnosticKind::kUnreadableFile:
      return "unreadable_file";
    case DiagnosticKind::kTruncatedGzip:
      return "truncated_gzip";
    case DiagnosticKind::kCorruptGzip:
      return "corrupt_gzip";
    case DiagnosticKind::kCorruptZstd:
      return "corrupt_zstd";
    case DiagnosticKind::kLineTooLong:
      return "line_too_long";
    case DiagnosticKind::kBinaryLine:
      return "binary_line";
    case DiagnosticKind::kInvalidUtf8:
      return "invalid_utf8";
    case DiagnosticKind::kBadTimestamp:
      return "bad_timestamp";
    case DiagnosticKind::kBadJson:
      return "bad_json";
    case DiagnosticKind::kUnknownFormat:
      return "unknown_format";
    case DiagnosticKind::kUnknownSshdMessage:
      return "unknown_sshd_message";
    case DiagnosticKind::kBadRecord:
      return "bad_record";
    case DiagnosticKind::kBadCsvRow:
      return "bad_csv_row";
    case DiagnosticKind::kCorruptEvtx:
      return "corrupt_evtx";
    case DiagnosticKind::kUnrecognisedFile:
      return "unrecognised_file";
    case DiagnosticKind::kBadEnrichmentData:
      return "bad_enrichment_data";
    case DiagnosticKind::kCount:
      break;
  }
  return "unknown";
}

std::string_view DiagnosticKindHelp(DiagnosticKind kind) {
  switch (kind) {
    case DiagnosticKind::kUnreadableFile:
      return "file could not be opened or read; skipped";
    case DiagnosticKind::kTruncatedGzip:
      return "gzip stream cut short; lines before the cut were read";
    case DiagnosticKind::kCorruptGzip:
      return "gzip data damaged; rest of the file skipped";
    case DiagnosticKind::kCorruptZstd:
      return "zstd data damaged or cut short; rest of the file skipped";
    case DiagnosticKind::kLineTooLong:
      return "line over the length limit; skipped";
    case DiagnosticKind::kBinaryLine:
      return "line with NUL/control bytes, not log text; skipped";
    case DiagnosticKind::kInvalidUtf8:
      return "line with invalid UTF-8; parsed anyway, escaped on output";
    case DiagnosticKind::kBadTimestamp:
      return "syslog-like line whose timestamp did not parse; skipped";
    case DiagnosticKind::kBadJson:
      return "line starting with '{' that is not valid JSON; skipped";
    case DiagnosticKind::kUnknownFormat:
      return "line in no known log format; skipped";
    case DiagnosticKind::kUnknownSshdMessage:
      return "sshd message not classified; ignored";
    case DiagnosticKind::kBadRecord:
      return "record of a known family with a required field missing or malformed; skipped";
    case DiagnosticKind::kBadCsvRow:
      return "CSV row with unbalanced quotes or missing columns; skipped";
    case DiagnosticKind::kCorruptEvtx:
      return "EVTX file or record damaged; the readable records were read";
    case DiagnosticKind::kUnrecognisedFile:
      return "no record of this input was in a family spraytrace reads";
    case DiagnosticKind::kBadEnrichmentData:
      return "entry of an ASN, geo or threat-intel file that could not be read; skipped, the "
             "rest was used";
    case DiagnosticKind::kCount:
      break;
  }
  return "";
}

void Diagnostics::Report(DiagnosticKind kind, std::string_view file, uint64_t line,
                         std::string_view detail) {
  const size_t i = Index(kind);
  if (counts_[i]++ == 0) {
    const size_t limit =
        kind == DiagnosticKind::kUnrecognisedFile ? kMaxFamilyListDetail : kMaxSampleDetail;
    samples_[i] = DiagnosticSample{std::string(file), line, std::string(detail.substr(0, limit))};
  }
}

uint64_t Diagnostics::Total() const {
  return std::accumulate(counts_.begin(), counts_.end(), uint64_t{0});
}

void Diagnostics::Merge(const Diagnostics& other) {
  for (size_t i = 0; i < kKinds; ++i) {
    if (counts_[i] == 0 && other.counts_[i] != 0) samples_[i] = other.samples_[i];
    counts_[i] += other.counts_[i];
  }
}

}  // namespace spraytrace
