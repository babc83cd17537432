// The FortiGate family: FortiOS key=value event logs into AuthEvents (docs/vpn.md, formats.md 5).
//
// One record is one attempt, so the family keeps no state:
//   subtype=vpn action=ssl-login-fail            SSL-VPN login failure (reason= says why)
//   subtype=vpn action=ssl-alert reason=sslvpn_login_*   a login refused by the SSL-VPN daemon
//   subtype=vpn action=tunnel-up (SSL tunnels)   SSL-VPN login that succeeded
//   subtype=system action=login status=failed|success   admin login (GUI, SSH), source in srcip
//                                                        or ui=ssh(IP) / ui=https(IP)
// Every other record (traffic, IPsec, logouts, unknown logids) is the family's but no attempt.
// Time: eventtime when present (unit from its magnitude), else date + time - tz (date + time as
// UTC without tz), else the syslog header's time. Target host: devname, else the syslog host.
// Client: the tunnel type (ssl-web, ssl-tunnel) or the admin interface (ssh, https).
//
// Two framings: FortigateSyslogFamily for records behind a syslog header, FortigateTextFamily
// for the device's own lines ("date=... " or "<189>date=..."). Not thread-safe.
#ifndef SPRAYTRACE_PARSE_VPN_FORTIGATE_FORTIGATE_PARSER_H_
#define SPRAYTRACE_PARSE_VPN_FORTIGATE_FORTIGATE_PARSER_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/family.h"
#include "parse/vpn/vpn_fields.h"

namespace spraytrace::parse::vpn {

// FortiOS reason= words into the event vocabulary (unknown words: kOther).
Reason FortigateReason(std::string_view reason);

class FortigateParser {
 public:
  // REQUIRES: strings and diagnostics outlive the parser.
  FortigateParser(StringPool* strings, Diagnostics* diagnostics);

  // body: the key=value text. header_time: the syslog header's time when there is one.
  // header_host: the syslog host ("" when none).
  RecordStatus Parse(std::string_view body, std::optional<Timestamp> header_time,
                     std::string_view header_host, const RecordContext& context, EventSink* sink);

 private:
  RecordStatus Bad(std::string_view why, std::string_view body, const RecordContext& context);

  VpnEvents events_;
  Diagnostics* diagnostics_;
  std::string unescaped_;
  std::string detail_;
};

class FortigateSyslogFamily final : public SyslogFamily {
 public:
  FortigateSyslogFamily(StringPool* strings, Diagnostics* diagnostics)
      : parser_(strings, diagnostics) {}
  std::string_view name() const override { return "fortigate"; }
  bool Claims(const SyslogRecord& record) const override;
  RecordStatus OnRecord(const SyslogRecord& record, const RecordContext& context,
                        EventSink* sink) override;

 private:
  FortigateParser parser_;
};

class FortigateTextFamily final : public TextFamily {
 public:
  FortigateTextFamily(StringPool* strings, Diagnostics* diagnostics)
      : parser_(strings, diagnostics) {}
  std::string_view name() const override { return "fortigate"; }
  RecordStatus OnLine(std::string_view line, const RecordContext& context,
                      EventSink* sink) override;

 private:
  FortigateParser parser_;
};

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_FORTIGATE_FORTIGATE_PARSER_H_
