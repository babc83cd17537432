// The Cisco ASA family ("cisco-asa"): ASA and Firepower Threat Defense syslog messages into VPN
// AuthEvents (docs/vpn.md, formats.md 6).
//
//   113015 / 113005   AAA rejection (local database / AAA server), reason and user IP
//   113012 / 113004   AAA success (no client address: joins the login's other messages)
//   611102 / 611101   management authentication failed / succeeded
//   605004 / 605005   management (SSH, Telnet, HTTPS) login denied / permitted
//   716039 / 716038   WebVPN or ASDM authentication rejected / successful
//   113039 / 722051   AnyConnect parent session started / address assigned (successes)
// The messages of one login become one attempt (asa_attempts.h). Every other id is the family's
// but no attempt. Time and device: the syslog header's (ASA's own "Mmm dd yyyy hh:mm:ss" with
// the year, or the relay's); an ASA message on a line of its own has no time and is a bad
// record when it is a login.
//
// AsaSyslogFamily takes records whose program is the %ASA tag (the header parser gives it) or
// whose message starts with one (RFC 5424 framing); AsaTextFamily takes bare "%ASA-..." lines.
// Not thread-safe.
#ifndef SPRAYTRACE_PARSE_VPN_ASA_ASA_PARSER_H_
#define SPRAYTRACE_PARSE_VPN_ASA_ASA_PARSER_H_

#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/family.h"
#include "parse/vpn/asa/asa_attempts.h"

namespace spraytrace::parse::vpn {

class AsaSyslogFamily final : public SyslogFamily {
 public:
  AsaSyslogFamily(StringPool* strings, Diagnostics* diagnostics)
      : attempts_(strings, diagnostics), diagnostics_(diagnostics) {}
  std::string_view name() const override { return "cisco-asa"; }
  bool Claims(const SyslogRecord& record) const override;
  RecordStatus OnRecord(const SyslogRecord& record, const RecordContext& context,
                        EventSink* sink) override;
  void Expire(Timestamp now, EventSink* sink) override { attempts_.Expire(now, sink); }
  void EndFile(EventSink* sink) override { attempts_.Flush(sink); }

 private:
  AsaAttempts attempts_;
  Diagnostics* diagnostics_;
  std::string detail_;
};

class AsaTextFamily final : public TextFamily {
 public:
  explicit AsaTextFamily(Diagnostics* diagnostics) : diagnostics_(diagnostics) {}
  std::string_view name() const override { return "cisco-asa"; }
  RecordStatus OnLine(std::string_view line, const RecordContext& context,
                      EventSink* sink) override;

 private:
  Diagnostics* diagnostics_;
  std::string detail_;
};

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_ASA_ASA_PARSER_H_
