// The GlobalProtect family ("globalprotect"): Palo Alto Networks GlobalProtect logins from
// PAN-OS CSV logs into VPN AuthEvents (docs/vpn.md, formats.md 8). One record is one attempt:
//   GLOBALPROTECT (PAN-OS >= 9.1)    event portal-auth / gateway-auth, status success / failure
//   SYSTEM, subtype globalprotect    globalprotect{portal,gateway}-auth-{fail,succ}, address
//                                    and user in the description text
// Every other GlobalProtect record (pre-login, config, HIP check, logout) is the family's but
// no attempt; other PAN-OS records (TRAFFIC, THREAT, other SYSTEM subtypes) are not its own.
//
// Framings: GlobalProtectSyslogFamily behind a syslog header, also relayed (a Panorama or a
// collector adds a second "Mmm dd hh:mm:ss host" header in front of the CSV);
// GlobalProtectTextFamily for bare CSV lines ("1,2021/03/24 11:30:00,..."), with or without
// <PRI>. Time: the record's generated time (PAN-OS writes the firewall's local time; taken as
// UTC like year-less syslog), else its receive time, else the syslog header's; else a bad
// record. Target host: the device name, else the firewall's serial. Not thread-safe.
#ifndef SPRAYTRACE_PARSE_VPN_GLOBALPROTECT_GLOBALPROTECT_PARSER_H_
#define SPRAYTRACE_PARSE_VPN_GLOBALPROTECT_GLOBALPROTECT_PARSER_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/csv/csv_splitter.h"
#include "parse/family.h"
#include "parse/vpn/vpn_fields.h"

namespace spraytrace::parse::vpn {

// Skips a relay's "Mmm dd hh:mm:ss host " at the start of text (Panorama's second header);
// text unchanged when it has none.
std::string_view SkipRelayHeader(std::string_view text);

// Cheap test: the CSV's type field says GLOBALPROTECT, or SYSTEM with subtype globalprotect.
bool LooksLikeGlobalProtect(std::string_view csv);

class GlobalProtectParser {
 public:
  // REQUIRES: strings and diagnostics outlive the parser.
  GlobalProtectParser(StringPool* strings, Diagnostics* diagnostics);

  // csv: the record's CSV text. header_time: the syslog header's time when there is one.
  RecordStatus Parse(std::string_view csv, std::optional<Timestamp> header_time,
                     const RecordContext& context, EventSink* sink);

 private:
  RecordStatus Bad(std::string_view why, std::string_view csv, const RecordContext& context);

  VpnEvents events_;
  Diagnostics* diagnostics_;
  CsvSplitter splitter_;
  std::string closed_;
  std::string detail_;
};

class GlobalProtectSyslogFamily final : public SyslogFamily {
 public:
  GlobalProtectSyslogFamily(StringPool* strings, Diagnostics* diagnostics)
      : parser_(strings, diagnostics) {}
  std::string_view name() const override { return "globalprotect"; }
  bool Claims(const SyslogRecord& record) const override;
  RecordStatus OnRecord(const SyslogRecord& record, const RecordContext& context,
                        EventSink* sink) override;

 private:
  GlobalProtectParser parser_;
};

class GlobalProtectTextFamily final : public TextFamily {
 public:
  GlobalProtectTextFamily(StringPool* strings, Diagnostics* diagnostics)
      : parser_(strings, diagnostics) {}
  std::string_view name() const override { return "globalprotect"; }
  RecordStatus OnLine(std::string_view line, const RecordContext& context,
                      EventSink* sink) override;

 private:
  GlobalProtectParser parser_;
};

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_GLOBALPROTECT_GLOBALPROTECT_PARSER_H_
