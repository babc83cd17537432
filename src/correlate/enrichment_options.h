// EnrichmentOptions: which files enrichment reads (docs/enrichment.md), as flags
// (--asn-db, --geo-db, --ip2asn, --intel) and as the [enrichment] section of the config file.
#ifndef SPRAYTRACE_CORRELATE_ENRICHMENT_OPTIONS_H_
#define SPRAYTRACE_CORRELATE_ENRICHMENT_OPTIONS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "common/settings_table.h"

namespace spraytrace::correlate {

struct EnrichmentOptions {
  std::string asn_db;              // MaxMind ASN database, e.g. GeoLite2-ASN.mmdb
  std::string geo_db;              // MaxMind country or city database, e.g. GeoLite2-Country.mmdb
  std::string ip2asn;              // ip2asn TSV (v4, v6, combined or -u32; plain or compressed)
  std::vector<std::string> intel;  // threat-intel lists (plain, CSV, STIX 2.1)
  // Distinct addresses remembered; past this the cache starts over. 2^18 entries are ~20 MB.
  size_t max_cached_sources = size_t{1} << 18;

  bool any() const {
    return !asn_db.empty() || !geo_db.empty() || !ip2asn.empty() || !intel.empty();
  }
};

// The [enrichment] keys: enrichment.asn_db, .geo_db, .ip2asn (paths), .intel (list of paths).
std::vector<SettingsEntry<EnrichmentOptions>> EnrichmentSettings();

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_ENRICHMENT_OPTIONS_H_
