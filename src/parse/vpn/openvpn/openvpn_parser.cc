#include "parse/vpn/openvpn/openvpn_parser.h"

#include <array>

#include "parse/vpn/openvpn/openvpn_message.h"
#include "parse/vpn/vpn_fields.h"

namespace spraytrace::parse::vpn {
namespace {

RecordStatus Read(std::string_view message, Timestamp time, std::string_view host,
                  const RecordContext& context, OpenVpnAttempts* attempts, Diagnostics* diagnostics,
                  std::string* detail, EventSink* sink) {
  OpenVpnMessage parsed;
  switch (ParseOpenVpnMessage(message, &parsed)) {
    case OpenVpnParse::kNotAttempt:
      attempts->Expire(time, sink);
      return RecordStatus::kHandled;
    case OpenVpnParse::kMalformed:
      return ReportBadVpnRecord("OpenVPN login line cut before its user", message, context,
                                diagnostics, detail);
    case OpenVpnParse::kAttempt:
      break;
  }
  return attempts->Add(parsed, time, host, context, sink);
}

int MonthNumber(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == name) return static_cast<int>(i) + 1;
  }
  return 0;
}

// ctime's "Sun Mar 10 10:00:01 2024 " (day space-padded), as OpenVPN 2.3 and earlier wrote.
bool SplitCtime(std::string_view line, Timestamp* time, std::string_view* message) {
  if (line.size() < 26 || line[3] != ' ' || line[7] != ' ' || line[10] != ' ' || line[19] != ' ' ||
      line[24] != ' ') {
    return false;
  }
  const int month = MonthNumber(line.substr(4, 3));
  if (month == 0) return false;
  // "yyyy-mm-dd" rebuilt in place for ParseDateAndTime.
  std::array<char, 10> date = {line[20],
                               line[21],
                               line[22],
                               line[23],
                               '-',
                               static_cast<char>('0' + month / 10),
                               static_cast<char>('0' + month % 10),
                               '-',
                               line[8] == ' ' ? '0' : line[8],
                               line[9]};
  CivilTime civil;
  if (!ParseDateAndTime(std::string_view(date.data(), date.size()), line.substr(11, 8), &civil)) {
    return false;
  }
  *time = ToTimestamp(civil);
  *message = line.substr(25);
  return true;
}

}  // namespace

bool SplitOpenVpnLogTime(std::string_view line, Timestamp* time, std::string_view* message) {
  // "2024-03-10 10:00:01 " (OpenVPN 2.4 and later). Dashes only: "2024/03/10 10:00:01 " is
  // nginx's error log, and other programs' lines must stay unrecognised.
  if (line.size() > 20 && line[4] == '-' && line[10] == ' ' && line[19] == ' ') {
    CivilTime civil;
    if (ParseDateAndTime(line.substr(0, 10), line.substr(11, 8), &civil)) {
      *time = ToTimestamp(civil);
      *message = line.substr(20);
      return true;
    }
  }
  return SplitCtime(line, time, message);
}

bool OpenVpnSyslogFamily::Claims(const SyslogRecord& record) const {
  return IsOpenVpnProgram(record.program);
}

RecordStatus OpenVpnSyslogFamily::OnRecord(const SyslogRecord& record, const RecordContext& context,
                                           EventSink* sink) {
  if (!Claims(record)) return RecordStatus::kNotMine;
  return Read(record.message, record.time, record.host, context, &attempts_, diagnostics_, &detail_,
              sink);
}

RecordStatus OpenVpnTextFamily::OnLine(std::string_view line, const RecordContext& context,
                                       EventSink* sink) {
  Timestamp time = 0;
  std::string_view message;
  if (!SplitOpenVpnLogTime(line, &time, &message) || message.empty()) {
    return RecordStatus::kNotMine;
  }
  return Read(message, time, {}, context, &attempts_, diagnostics_, &detail_, sink);
}

}  // namespace spraytrace::parse::vpn
