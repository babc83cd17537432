#include "report/source_profile_text.h"

#include <fmt/format.h>

namespace spraytrace::report {
namespace {

std::string AsText(uint32_t asn, std::string_view organization) {
  return organization.empty() ? fmt::format("AS{}", asn)
                              : fmt::format("AS{} {}", asn, organization);
}

}  // namespace

std::string SourceProfileText(uint32_t asn, std::string_view organization, std::string_view country,
                              size_t intel_tags) {
  std::string text;
  auto add = [&text](std::string_view part) {
    if (!text.empty()) text += ", ";
    text += part;
  };
  if (asn != 0) add(AsText(asn, organization));
  if (!country.empty()) add(country);
  if (intel_tags > 0)
    add(fmt::format("on {} intel list{}", intel_tags, intel_tags == 1 ? "" : "s"));
  return text;
}

std::string SourceProfileText(const detect::SourceProfile& p) {
  std::string text = SourceProfileText(p.asn, p.as_organization, p.country_iso_code, 0);
  if (!p.intel.empty()) {
    std::string tags;
    for (const std::string& tag : p.intel) tags += (tags.empty() ? "" : " ") + tag;
    text += fmt::format("{}intel: {}", text.empty() ? "" : ", ", tags);
  }
  return text;
}

std::string SourcesProfileText(const detect::SourcesProfile& p, size_t top) {
  std::string text = fmt::format("{} source{}", p.sources, p.sources == 1 ? "" : "s");
  if (p.distinct_asns > 0) {
    std::string rows;
    for (size_t i = 0; i < p.asns.size() && i < top; ++i) {
      rows += fmt::format("{}{} {}", i ? ", " : "", AsText(p.asns[i].asn, p.asns[i].organization),
                          p.asns[i].sources);
    }
    if (p.distinct_asns > std::min(top, p.asns.size())) rows += ", ...";
    text +=
        fmt::format(" in {} ASN{} ({})", p.distinct_asns, p.distinct_asns == 1 ? "" : "s", rows);
  }
  if (p.distinct_countries > 0) {
    std::string rows;
    for (size_t i = 0; i < p.countries.size() && i < top; ++i) {
      rows += fmt::format("{}{} {}", i ? ", " : "", p.countries[i].name, p.countries[i].sources);
    }
    if (p.distinct_countries > std::min(top, p.countries.size())) rows += ", ...";
    text += fmt::format(", {} countr{} ({})", p.distinct_countries,
                        p.distinct_countries == 1 ? "y" : "ies", rows);
  }
  if (p.with_asn < p.sources) text += fmt::format("; {} with no known ASN", p.sources - p.with_asn);
  if (p.known_bad > 0) {
    std::string rows;
    for (size_t i = 0; i < p.intel.size() && i < top; ++i) {
      rows += fmt::format("{}{} {}", i ? ", " : "", p.intel[i].name, p.intel[i].sources);
    }
    text += fmt::format("; {} known-bad ({})", p.known_bad, rows);
  }
  return text;
}

}  // namespace spraytrace::report
