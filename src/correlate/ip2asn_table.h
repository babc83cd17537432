// Ip2asnTable: address ranges to autonomous system and country, from the public ip2asn TSV
// files (iptoasn.com): one range per line,
//   range_start <TAB> range_end <TAB> AS_number <TAB> country_code <TAB> AS_description
// with addresses as text (ip2asn-v4.tsv, ip2asn-v6.tsv, ip2asn-combined.tsv) or, in the -u32
// files, IPv4 as decimal numbers. Plain, gzip or zstd (sniffed by content). Lines with AS 0
// ("Not routed") are unassigned space and answer nothing; country "None"/"Unknown" is unknown.
// The country is the one the registry lists for the AS, not where the address is.
//
// Bad lines are counted (kBadEnrichmentData, file and line) and skipped; an unreadable file, or
// one that yields no range at all, is an error. Overlapping ranges (hand-made files) are allowed:
// the most specific wins (RangeTable). Lookup is a binary search over IPv4 or IPv6 segments.
// Immutable after Load(); Lookup is safe from several threads.
#ifndef SPRAYTRACE_CORRELATE_IP2ASN_TABLE_H_
#define SPRAYTRACE_CORRELATE_IP2ASN_TABLE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/result.h"
#include "correlate/range_table.h"
#include "event/ip_address.h"

namespace spraytrace::correlate {

struct AsRecord {
  uint32_t asn = 0;
  std::string_view country;       // ISO 3166-1 alpha-2, upper case; empty: unknown
  std::string_view organization;  // AS_description; empty: not given
};

struct Ip2asnStats {
  uint64_t lines = 0;
  uint64_t ranges = 0;       // routed ranges read
  uint64_t unrouted = 0;     // AS 0 lines
  uint64_t bad_lines = 0;    // counted in diagnostics
  bool overlapping = false;  // some ranges overlapped (flattened, most specific wins)
};

class Ip2asnTable {
 public:
  // REQUIRES: diagnostics outlives the call only (not kept).
  static Result<Ip2asnTable> Load(const std::string& path, Diagnostics* diagnostics);
  // The AS whose range holds ip; nullopt when no routed range does. Views live as long as the
  // table.
  std::optional<AsRecord> Lookup(const IpAddress& ip) const;

  const std::string& path() const { return path_; }
  const Ip2asnStats& stats() const { return stats_; }

 private:
  struct Info {
    uint32_t asn = 0;
    std::array<char, 2> country{};  // {0, 0}: unknown
    uint32_t organization = 0;      // index into organizations_
  };
  class Builder;

  std::string path_;
  RangeTable<uint32_t> v4_;
  RangeTable<U128> v6_;
  std::vector<Info> infos_;
  std::vector<std::string> organizations_;
  Ip2asnStats stats_;
};

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_IP2ASN_TABLE_H_
