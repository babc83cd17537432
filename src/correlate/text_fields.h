// Small text helpers shared by the readers of enrichment files (ip2asn, threat-intel lists).
#ifndef SPRAYTRACE_CORRELATE_TEXT_FIELDS_H_
#define SPRAYTRACE_CORRELATE_TEXT_FIELDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace spraytrace::correlate {

// text without leading and trailing spaces, tabs and carriage returns.
std::string_view Trim(std::string_view text);
// ASCII lower case.
std::string ToLower(std::string_view text);
// Splits off the first count fields separated by tabs, or by runs of blanks when the line has no
// tab; *rest gets what follows (trimmed; the free-text column of ip2asn). False when the line
// has fewer than count fields.
bool SplitLeadingFields(std::string_view line, size_t count, std::vector<std::string_view>* fields,
                        std::string_view* rest);
// One CSV record (RFC 4180: commas, double quotes, "" inside quotes). False on an unbalanced
// quote. Fields are unquoted and trimmed.
bool SplitCsvRecord(std::string_view line, std::vector<std::string>* fields);
// The file name without folders and known extensions: "/x/feodo.ipset.txt.gz" -> "feodo.ipset".
std::string ListName(std::string_view path);

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_TEXT_FIELDS_H_
