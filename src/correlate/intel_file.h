// Threat-intel lists: files of known-bad addresses that tag the sources they name. Three forms,
// told apart by content:
//   plain  one address or CIDR per line; '#' or ';' starts a comment (whole line or trailing);
//          words after the address on a line are ignored (dates, scores).
//   CSV    a header naming the address column (ip, ip_address, dst_ip, src_ip, indicator, value,
//          ioc) and optionally a tag column (tag, tags, source, category, threat, malware); the
//          header may be a '#' comment line, as abuse.ch writes it. Files ending in .csv, or whose
//          first line is such a header.
//   STIX   a STIX 2.1 bundle (or a single indicator object, or a JSON array of objects): every
//          indicator whose pattern is a list of ipv4-addr / ipv6-addr values (stix_pattern.h);
//          revoked indicators are skipped. JSON starting with '{' or '['.
// Every entry is tagged with the list's name (the file name without folder and extension); a
// CSV tag column or a STIX indicator's indicator_types / labels adds ":<tag>"
// ("feodo:emotet"). Plain, gzip or zstd.
//
// A bad line, row or indicator is counted (kBadEnrichmentData, file and line) and the rest is
// read. Errors: the file cannot be read, it is a CSV without an address column, JSON that does
// not parse, or it has bad entries and not a single good one (not an intel list at all).
#ifndef SPRAYTRACE_CORRELATE_INTEL_FILE_H_
#define SPRAYTRACE_CORRELATE_INTEL_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "common/result.h"
#include "correlate/intel_set.h"

namespace spraytrace::correlate {

enum class IntelFormat : uint8_t { kPlain, kCsv, kStix };
std::string_view IntelFormatName(IntelFormat format);

struct IntelFileStats {
  std::string path;
  std::string name;  // the list's tag
  IntelFormat format = IntelFormat::kPlain;
  uint64_t entries = 0;      // addresses and networks added
  uint64_t bad = 0;          // lines, rows or indicators counted in diagnostics
  uint64_t not_address = 0;  // STIX indicators about something else (domains, hashes): skipped
};

// Reads the list at path into *set. REQUIRES: diagnostics is not null.
Result<IntelFileStats> LoadIntelFile(const std::string& path, IntelSet* set,
                                     Diagnostics* diagnostics);

// The same for text already in memory; source_name is what messages and tags use.
Result<IntelFileStats> LoadIntelText(std::string_view text, const std::string& source_name,
                                     IntelSet* set, Diagnostics* diagnostics);

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_INTEL_FILE_H_
