#include "correlate/enrichment_options.h"

namespace spraytrace::correlate {

std::vector<SettingsEntry<EnrichmentOptions>> EnrichmentSettings() {
  using O = EnrichmentOptions;
  return {
      Setting("enrichment.asn_db", &O::asn_db),
      Setting("enrichment.geo_db", &O::geo_db),
      Setting("enrichment.ip2asn", &O::ip2asn),
      Setting("enrichment.intel", &O::intel),
  };
}

}  // namespace spraytrace::correlate
