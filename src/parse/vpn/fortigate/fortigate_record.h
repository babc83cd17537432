// FortigateRecord: the fields of one FortiOS key=value log record that the FortiGate family
// reads, as views into the record (FortiOS Log Message Reference; formats.md 5).
//
//   date=2024-10-14 time=13:46:40 eventtime=1728938800841267391 tz="-0700" logid="0101039426"
//   type="event" subtype="vpn" action="ssl-login-fail" remip=192.0.2.1 user="sapservicecq1"
//   reason="sslvpn_login_no_matching_policy" ...
//
// Values keep their backslash escapes; `user` and `devname` have an `_escaped` flag for the
// parser to resolve. A field whose quoted value the record's cut left unterminated is dropped
// (its text is incomplete), and `truncated` is set. Pure function, no allocation.
#ifndef SPRAYTRACE_PARSE_VPN_FORTIGATE_FORTIGATE_RECORD_H_
#define SPRAYTRACE_PARSE_VPN_FORTIGATE_FORTIGATE_RECORD_H_

#include <string_view>

namespace spraytrace::parse::vpn {

struct FortigateRecord {
  std::string_view date;       // device-local "2024-10-14"
  std::string_view time;       // device-local "13:46:40"
  std::string_view tz;         // "-0700" (FortiOS >= 6.2)
  std::string_view eventtime;  // epoch in s, us or ns by version
  std::string_view logid;      // "0101039426"
  std::string_view type;       // "event", "traffic", ...
  std::string_view subtype;    // "vpn", "system", ...
  std::string_view action;     // "ssl-login-fail", "tunnel-up", "login", ...
  std::string_view status;     // "failed", "success" (admin logins)
  std::string_view remip;      // the VPN client
  std::string_view srcip;      // the admin client (newer FortiOS)
  std::string_view user;
  std::string_view reason;
  std::string_view ui;  // "ssh(192.0.2.7)", "https(192.0.2.7)", "GUI(...)"
  std::string_view devname;
  std::string_view tunneltype;  // "ssl-web", "ssl-tunnel"
  bool user_escaped = false;
  bool devname_escaped = false;
  bool truncated = false;
  int pairs = 0;  // key=value pairs seen
};

// Reads the fields of `text` (the record without any syslog header or <PRI>) into *record.
void ScanFortigateRecord(std::string_view text, FortigateRecord* record);

// Cheap test: the text's first word is a key=value pair and it carries a "logid=" key.
bool LooksLikeFortigate(std::string_view text);

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_FORTIGATE_FORTIGATE_RECORD_H_
