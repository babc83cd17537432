// One-line texts of what enrichment found about sources (detect::SourceProfile,
// detect::SourcesProfile), shared by the terminal summary and the HTML report.
// The texts hold strings from ASN databases and intel lists: escape them before showing them.
#ifndef SPRAYTRACE_REPORT_SOURCE_PROFILE_TEXT_H_
#define SPRAYTRACE_REPORT_SOURCE_PROFILE_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "detect/finding.h"

namespace spraytrace::report {

// "AS64500 Example Broadband, DE, intel: honeypot"; empty when nothing is known.
std::string SourceProfileText(const detect::SourceProfile& profile);
// The same from parts, for callers holding them loose (the summary's sources table).
std::string SourceProfileText(uint32_t asn, std::string_view organization, std::string_view country,
                              size_t intel_tags);
// "1812 sources in 240 ASNs (AS64500 Example 120, ...), 31 countries (US 400, ...); 12 known-bad
// (honeypot 12)", with at most top rows per list.
std::string SourcesProfileText(const detect::SourcesProfile& profile, size_t top);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_SOURCE_PROFILE_TEXT_H_
