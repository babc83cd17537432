// SshdParser: turns OpenSSH sshd messages into AuthEvents, one per authentication attempt.
//
// sshd writes several lines per guess ("Invalid user" + "input_userauth_request" + pam_unix
// "authentication failure" + "Failed password"), and on key-only servers no "Failed" line at all
// ("Invalid user" + "Connection closed by invalid user ... [preauth]"). The parser keeps a small
// state per connection (target host, pid) and emits exactly one event per attempt, citing the
// most specific line. Some attempts are only certain later (a pam_unix failure is cancelled by an
// "Accepted" on the same connection), so events can be emitted after lines that follow them;
// their `time` is always the attempt's own time. See docs/sshd.md for the rules.
//
// Not thread-safe. Memory is bounded by the number of open connections; Expire() closes idle ones.
#ifndef SPRAYTRACE_PARSE_SSHD_SSHD_PARSER_H_
#define SPRAYTRACE_PARSE_SSHD_SSHD_PARSER_H_

#include <memory>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/event_sink.h"
#include "parse/syslog/syslog_record.h"

namespace spraytrace::parse {

class SshdParser {
 public:
  // REQUIRES: strings and diagnostics outlive the parser.
  SshdParser(StringPool* strings, Diagnostics* diagnostics);
  ~SshdParser();
  SshdParser(const SshdParser&) = delete;
  SshdParser& operator=(const SshdParser&) = delete;

  // sshd, sshd-session (OpenSSH >= 9.8), sshd(pam_unix) (2005 form), sshd-auth.
  static bool HandlesProgram(std::string_view program);

  // Consumes one message (already expanded from "message repeated N times"). file_name is
  // only for diagnostics. Returns false when the message was not recognised at all.
  bool OnRecord(const SyslogRecord& record, std::string_view file_name, EventSink* sink);

  // Emits attempts still pending on connections idle since before now - idle_timeout.
  void Expire(Timestamp now, EventSink* sink);
  // Emits every pending attempt (end of input).
  void Flush(EventSink* sink);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_SSHD_SSHD_PARSER_H_
