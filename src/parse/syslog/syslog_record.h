// SyslogRecord: one syslog line split into header fields and the program's message.
//
// Produced by the header parsers (RFC 3164, RFC 5424, ISO-8601 high-precision, journald JSON),
// consumed by program parsers such as sshd. All views point into the line; valid until the
// reader's next line.
#ifndef SPRAYTRACE_PARSE_SYSLOG_SYSLOG_RECORD_H_
#define SPRAYTRACE_PARSE_SYSLOG_SYSLOG_RECORD_H_

#include <cstdint>
#include <string_view>

#include "event/auth_event.h"
#include "event/timestamp.h"

namespace spraytrace::parse {

struct SyslogRecord {
  Timestamp time = 0;
  std::string_view host;     // empty when the line has none ("Nov 23 21:50:19 sshd[8148]: ...")
  std::string_view program;  // "sshd", "sshd-session", "sshd(pam_unix)", "CRON", ...
  int64_t pid = -1;          // -1 when absent
  // The program's text after "program[pid]: ". Prefixes such as Solaris "[ID 800047 auth.info] "
  // or a journald "kernel: [  970.699396] " are left in place for the program parser.
  std::string_view message;
  EvidenceLocation where;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_SYSLOG_SYSLOG_RECORD_H_
