// CrowdSec decisions: the JSON array `cscli decisions import -i FILE.json` reads, one ban per
// entry, so every CrowdSec bouncer already deployed enforces spraytrace's list:
//   [{"duration": "167h59m59s", "origin": "spraytrace", "reason": "spraytrace: ...",
//     "scope": "Ip", "type": "ban", "value": "203.0.113.5"}, ...]
// scope is "Ip" for one address and "Range" for a network ("2001:db8::/64"); duration is the
// entry's remaining lifetime in Go's duration syntax, which cscli parses (it has no "d" unit).
// Newer cscli versions ignore "origin" and record "cscli-import"; older ones keep it.
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_CROWDSEC_WRITER_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_CROWDSEC_WRITER_H_

#include <cstdint>
#include <string>

#include "report/blocklist/blocklist.h"

namespace spraytrace::report {

std::string RenderCrowdsecDecisions(const Blocklist& list);

// 604799 -> "167h59m59s", 3600 -> "1h0m0s": units Go's time.ParseDuration reads.
std::string GoDuration(int64_t seconds);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_CROWDSEC_WRITER_H_
