// Plain blocklist: a comment header, then one address or CIDR network per line ("203.0.113.5",
// "2001:db8:1:2::/64"), IPv4 first. What fail2ban-style scripts, `xargs`, and most firewalls'
// "import a list" boxes read. The same writer renders the CIDR-aggregated list.
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_PLAIN_WRITER_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_PLAIN_WRITER_H_

#include <string>

#include "report/blocklist/blocklist.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::report {

std::string RenderPlainBlocklist(const Blocklist& list, const BlocklistPolicy& policy);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_PLAIN_WRITER_H_
