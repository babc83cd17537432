// EventFields: the AuthEvent fields every family fills the same way (account, source, time
// text), so the rules for "-", "N/A", v4-mapped addresses and account canonical forms are
// written once. Not thread-safe; reuses a buffer for canonical names.
#ifndef SPRAYTRACE_PARSE_EVENT_FIELDS_H_
#define SPRAYTRACE_PARSE_EVENT_FIELDS_H_

#include <string>
#include <string_view>

#include "event/auth_event.h"
#include "event/string_pool.h"
#include "event/user_name.h"

namespace spraytrace::parse {

// Values logs write for "no value": "", "-", "N/A", "n/a", "null", "(null)", "unknown".
bool IsPlaceholder(std::string_view value);

// Times as exports write them: RFC 3339 / ISO 8601 ('T' or a space before the clock, zone
// optional = UTC), or epoch seconds, milliseconds, microseconds or nanoseconds (by magnitude).
bool ParseExportTime(std::string_view text, Timestamp* time);

class EventFields {
 public:
  explicit EventFields(StringPool* strings) : strings_(strings) {}

  // Sets user and user_canonical; a placeholder leaves both unset.
  void SetUser(std::string_view raw, UserCase user_case, AuthEvent* event);
  // An address (any form IpAddress::Parse takes; v4-mapped IPv6 becomes IPv4) sets source_ip;
  // anything else that is not a placeholder is a host name (source_host). Returns whether a
  // source was set.
  bool SetSource(std::string_view address_or_host, AuthEvent* event);
  // Interns value unless it is a placeholder (then kNoString).
  StringId Intern(std::string_view value);

 private:
  StringPool* strings_;
  std::string canonical_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_EVENT_FIELDS_H_
