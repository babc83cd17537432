#include "parse/vpn/asa/asa_parser.h"

#include "parse/vpn/asa/asa_message.h"
#include "parse/vpn/vpn_fields.h"

namespace spraytrace::parse::vpn {
namespace {

// The message id and text of an ASA record: the tag is the program (RFC 3164 framings) or the
// message's first word (RFC 5424, or a header the parser did not split).
bool IdAndText(const SyslogRecord& record, int* id, std::string_view* text) {
  if (ParseAsaTag(record.program, id)) {
    *text = record.message;
    return true;
  }
  return SplitAsaTag(record.message, id, text);
}

}  // namespace

bool AsaSyslogFamily::Claims(const SyslogRecord& record) const {
  int id = 0;
  std::string_view text;
  return IdAndText(record, &id, &text);
}

RecordStatus AsaSyslogFamily::OnRecord(const SyslogRecord& record, const RecordContext& context,
                                       EventSink* sink) {
  int id = 0;
  std::string_view text;
  if (!IdAndText(record, &id, &text)) return RecordStatus::kNotMine;
  AsaMessage message;
  switch (ParseAsaMessage(id, text, &message)) {
    case AsaParse::kNotAttempt:
      attempts_.Expire(record.time, sink);
      return RecordStatus::kHandled;
    case AsaParse::kMalformed:
      return ReportBadVpnRecord("Cisco ASA login message missing a field (cut?)", text, context,
                                diagnostics_, &detail_);
    case AsaParse::kAttempt:
      break;
  }
  return attempts_.Add(message, record.time, record.host, context, sink);
}

RecordStatus AsaTextFamily::OnLine(std::string_view line, const RecordContext& context,
                                   EventSink* /*sink*/) {
  // "<166>%ASA-..." from a device sending straight to a collector that wrote no header.
  if (line.starts_with('<')) {
    const size_t close = line.find('>');
    if (close == std::string_view::npos || close > 4) return RecordStatus::kNotMine;
    line.remove_prefix(close + 1);
  }
  int id = 0;
  std::string_view text;
  if (!SplitAsaTag(line, &id, &text)) return RecordStatus::kNotMine;
  AsaMessage message;
  if (ParseAsaMessage(id, text, &message) == AsaParse::kNotAttempt) return RecordStatus::kHandled;
  return ReportBadVpnRecord("Cisco ASA login message without a time (no syslog header)", line,
                            context, diagnostics_, &detail_);
}

}  // namespace spraytrace::parse::vpn
