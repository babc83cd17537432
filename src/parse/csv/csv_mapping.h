// CsvMapping: which columns of a user's CSV export (any SIEM) hold which AuthEvent field,
// given on the command line as `--csv-columns time=TimeGenerated,user=UserPrincipalName,
// source=IPAddress,outcome=ResultType` (optional keys: reason, host, tenant, client, service,
// success). Plain value type.
#ifndef SPRAYTRACE_PARSE_CSV_CSV_MAPPING_H_
#define SPRAYTRACE_PARSE_CSV_CSV_MAPPING_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace spraytrace::parse {

struct CsvMapping {
  std::string time;     // required: ISO 8601, "YYYY-MM-DD hh:mm:ss[.frac]" (UTC) or epoch s/ms/µs
  std::string user;     // required: the account as logged
  std::string source;   // required: source address (or host name when not an address)
  std::string outcome;  // required: compared with `success`
  std::string reason;   // optional: free text mapped to a Reason by its words
  std::string host;     // optional: the system that logged the attempt
  std::string tenant;   // optional
  std::string client;   // optional: user agent, client app
  std::string service;  // optional: column naming ssh/entra/windows/vpn
  // Outcome values meaning success, compared without case. Anything else is a failure.
  std::vector<std::string> success = {"success", "succeeded", "successful", "true", "ok",
                                      "allowed", "accepted",  "passed",     "pass", "0"};

  bool empty() const { return time.empty(); }
};

// Parses "key=Column,key=Column,...". `success` takes values separated by '|'
// (success=0|Success). Errors name the key and what is wrong.
Result<CsvMapping> ParseCsvMapping(std::string_view text);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_CSV_CSV_MAPPING_H_
