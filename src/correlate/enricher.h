// Enricher: for a source address, its autonomous system, country and the threat-intel lists that
// name it, from the files the user gave (EnrichmentOptions): MaxMind DB files, an ip2asn table,
// threat-intel lists. Nothing is downloaded.
//
// Answers per field, first source that knows it:
//   ASN and AS name  --asn-db, then --geo-db (a database may hold both), then --ip2asn
//   country          --geo-db, then --asn-db, then --ip2asn (the AS's registry country)
//   intel tags       every --intel list naming the address or a network holding it
// Answers are cached per address (a scan has up to millions of distinct sources, and campaign
// findings ask about the same ones repeatedly); the cache holds at most max_cached_sources and
// starts over when full, so memory stays bounded. Strings are interned once per distinct value.
//
// Not thread-safe (the cache); one Enricher per thread that enriches.
#ifndef SPRAYTRACE_CORRELATE_ENRICHER_H_
#define SPRAYTRACE_CORRELATE_ENRICHER_H_

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/diagnostics.h"
#include "common/result.h"
#include "correlate/enrichment_options.h"
#include "correlate/intel_file.h"
#include "correlate/intel_set.h"
#include "correlate/ip2asn_table.h"
#include "correlate/mmdb_database.h"
#include "event/ip_address.h"

namespace spraytrace::correlate {

// The answer for one address. Views and the span stay valid as long as the Enricher.
struct SourceInfo {
  uint32_t asn = 0;                         // 0: unknown
  std::string_view as_organization;         // empty: unknown
  std::string_view country;                 // ISO 3166-1 alpha-2, upper case; empty: unknown
  std::span<const std::string_view> intel;  // tags, sorted; empty: no list names it
};

struct EnricherStats {
  uint64_t lookups = 0;
  uint64_t cache_hits = 0;
  uint64_t cache_resets = 0;
  uint64_t lookup_errors = 0;  // damaged MaxMind records (also in diagnostics)
};

class Enricher {
 public:
  // Opens every file in options; any unreadable or corrupt one is an error naming it. Bad lines
  // of ip2asn and intel files are counted in diagnostics. REQUIRES: diagnostics outlives the
  // Enricher (damaged records found during lookups are reported there too).
  static Result<std::unique_ptr<Enricher>> Open(const EnrichmentOptions& options,
                                                Diagnostics* diagnostics);

  SourceInfo Lookup(const IpAddress& ip);

  bool has_asn() const { return asn_db_ || geo_db_ || ip2asn_; }
  bool has_intel() const { return !intel_.empty(); }
  // One line per file loaded, for the summary: "ip2asn x.tsv: 431207 ranges".
  const std::vector<std::string>& loaded() const { return loaded_; }
  const EnricherStats& stats() const { return stats_; }

 private:
  struct Cached {
    uint32_t asn = 0;
    uint32_t organization = kNone;  // interned string id
    uint32_t country = kNone;       // interned string id
    uint32_t intel = kNone;         // interned tag set id
  };
  static constexpr uint32_t kNone = UINT32_MAX;

  explicit Enricher(const EnrichmentOptions& options, Diagnostics* diagnostics)
      : options_(options), diagnostics_(diagnostics) {}
  Cached Resolve(const IpAddress& ip);
  void AskMmdb(const MmdbDatabase& db, const IpAddress& ip, Cached* out);
  uint32_t Intern(std::string_view text);
  uint32_t InternTagSet(const std::vector<uint32_t>& intel_tags);
  SourceInfo View(const Cached& cached) const;

  EnrichmentOptions options_;
  Diagnostics* diagnostics_;
  std::unique_ptr<MmdbDatabase> asn_db_;
  std::unique_ptr<MmdbDatabase> geo_db_;
  std::optional<Ip2asnTable> ip2asn_;
  IntelSet intel_;
  std::vector<std::string> loaded_;

  std::unordered_map<IpAddress, Cached> cache_;
  std::deque<std::string> strings_;  // deque: elements never move, views stay valid
  std::unordered_map<std::string_view, uint32_t> string_ids_;
  std::deque<std::vector<std::string_view>> tag_sets_;
  std::map<std::vector<uint32_t>, uint32_t> tag_set_ids_;  // by IntelSet tag ids
  std::vector<uint32_t> match_;                            // reused by Resolve
  EnricherStats stats_;
};

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_ENRICHER_H_
