// The OpenVPN family ("openvpn"): an OpenVPN server's log into VPN AuthEvents (docs/vpn.md,
// formats.md 7). The lines of one login become one attempt (openvpn_attempts.h); handshake,
// certificate and routing lines are the family's but no attempt.
//
// Two framings:
//   OpenVpnSyslogFamily  behind a syslog header, program "openvpn", "openvpn-server@NAME",
//                        "ovpn-server" or another "ovpn-NAME" (--daemon NAME); time and server
//                        are the header's.
//   OpenVpnTextFamily    OpenVPN's own --log file: "2024-03-10 10:00:01 MESSAGE" (2.4 and
//                        later) or "Sun Mar 10 10:00:01 2024 MESSAGE" (2.3 and earlier), local
//                        time taken as UTC like year-less syslog, no server name.
// Not thread-safe.
#ifndef SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_PARSER_H_
#define SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_PARSER_H_

#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/family.h"
#include "parse/vpn/openvpn/openvpn_attempts.h"

namespace spraytrace::parse::vpn {

// The time at the start of an OpenVPN --log line and the message after it; false when the
// line does not start with either of OpenVPN's time shapes.
bool SplitOpenVpnLogTime(std::string_view line, Timestamp* time, std::string_view* message);

class OpenVpnSyslogFamily final : public SyslogFamily {
 public:
  OpenVpnSyslogFamily(StringPool* strings, Diagnostics* diagnostics)
      : attempts_(strings, diagnostics), diagnostics_(diagnostics) {}
  std::string_view name() const override { return "openvpn"; }
  bool Claims(const SyslogRecord& record) const override;
  RecordStatus OnRecord(const SyslogRecord& record, const RecordContext& context,
                        EventSink* sink) override;
  void Expire(Timestamp now, EventSink* sink) override { attempts_.Expire(now, sink); }
  void EndFile(EventSink* sink) override { attempts_.Flush(sink); }

 private:
  OpenVpnAttempts attempts_;
  Diagnostics* diagnostics_;
  std::string detail_;
};

class OpenVpnTextFamily final : public TextFamily {
 public:
  OpenVpnTextFamily(StringPool* strings, Diagnostics* diagnostics)
      : attempts_(strings, diagnostics), diagnostics_(diagnostics) {}
  std::string_view name() const override { return "openvpn"; }
  RecordStatus OnLine(std::string_view line, const RecordContext& context,
                      EventSink* sink) override;
  void Expire(Timestamp now, EventSink* sink) override { attempts_.Expire(now, sink); }
  void EndFile(EventSink* sink) override { attempts_.Flush(sink); }

 private:
  OpenVpnAttempts attempts_;
  Diagnostics* diagnostics_;
  std::string detail_;
};

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_PARSER_H_
