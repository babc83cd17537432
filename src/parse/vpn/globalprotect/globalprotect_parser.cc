#include "parse/vpn/globalprotect/globalprotect_parser.h"

#include <array>

#include "parse/reason_words.h"
#include "parse/vpn/globalprotect/globalprotect_record.h"

namespace spraytrace::parse::vpn {
namespace {

constexpr size_t kMaxDetail = 160;
// PAN-OS records are a few hundred bytes; a line far longer is no record of this family.
constexpr size_t kMaxRecord = 64 * 1024;
// The type field sits within the first ~60 bytes ("1,2021/03/24 11:30:00,013101001305,").
constexpr size_t kTypeWithin = 96;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsMonth(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (const std::string_view m : kMonths) {
    if (word == m) return true;
  }
  return false;
}

// "yyyy/mm/dd hh:mm:ss" into *time.
bool PanOsTime(std::string_view text, Timestamp* time) {
  if (text.size() < 19 || text[10] != ' ') return false;
  CivilTime civil;
  if (!ParseDateAndTime(text.substr(0, 10), text.substr(11), &civil)) return false;
  *time = ToTimestamp(civil);
  return true;
}

// Logins with nothing typed: an authentication-override cookie, a client certificate.
AuthMethod MethodOf(std::string_view auth_method) {
  if (ContainsIgnoringCase(auth_method, "cookie") ||
      ContainsIgnoringCase(auth_method, "certificate")) {
    return AuthMethod::kPublicKey;
  }
  return AuthMethod::kPassword;
}

}  // namespace

std::string_view SkipRelayHeader(std::string_view text) {
  // "Feb 24 21:45:09 BD-Panorama 1,2020/..." (day may be space-padded).
  if (text.size() < 17 || !IsMonth(text.substr(0, 3)) || text[3] != ' ') return text;
  size_t i = 4;
  if (text[i] == ' ') ++i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i + 10 > text.size() || text[i] != ' ' || text[i + 3] != ':' || text[i + 6] != ':' ||
      text[i + 9] != ' ') {
    return text;
  }
  i += 10;
  const size_t host_end = text.find(' ', i);
  const std::string_view host =
      text.substr(i, host_end == std::string_view::npos ? std::string_view::npos : host_end - i);
  // A word with a comma is the CSV itself (no host in the relay's header).
  if (host.find(',') != std::string_view::npos) return text.substr(i);
  if (host_end == std::string_view::npos || host.empty()) return text;
  return text.substr(host_end + 1);
}

bool LooksLikeGlobalProtect(std::string_view csv) {
  if (csv.empty() || !IsDigit(csv.front())) return false;
  const std::string_view head = csv.substr(0, kTypeWithin);
  return head.find(",GLOBALPROTECT,") != std::string_view::npos ||
         head.find(",SYSTEM,globalprotect,") != std::string_view::npos;
}

GlobalProtectParser::GlobalProtectParser(StringPool* strings, Diagnostics* diagnostics)
    : events_(strings), diagnostics_(diagnostics), splitter_(kMaxRecord) {}

RecordStatus GlobalProtectParser::Bad(std::string_view why, std::string_view csv,
                                      const RecordContext& context) {
  detail_.assign(why);
  detail_.append(": ");
  detail_.append(csv.substr(0, kMaxDetail));
  diagnostics_->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line, detail_);
  return RecordStatus::kBad;
}

RecordStatus GlobalProtectParser::Parse(std::string_view csv, std::optional<Timestamp> header_time,
                                        const RecordContext& context, EventSink* sink) {
  if (!LooksLikeGlobalProtect(csv)) return RecordStatus::kNotMine;
  bool cut = false;
  CsvLineStatus status = splitter_.AddLine(csv);
  if (status == CsvLineStatus::kIncomplete) {
    // Cut inside a quoted field (PAN-OS or a relay cut the line): close the quote and keep the
    // fields before the cut.
    splitter_.Clear();
    closed_.assign(csv);
    closed_.push_back('"');
    cut = true;
    status = splitter_.AddLine(closed_);
  }
  if (status != CsvLineStatus::kRow) {
    splitter_.Clear();
    return Bad("GlobalProtect record with broken CSV quoting", csv, context);
  }
  GlobalProtectLogin login;
  switch (ReadGlobalProtectRecord(splitter_.fields(), cut, &login)) {
    case GlobalProtectParse::kNotMine:
      return RecordStatus::kNotMine;
    case GlobalProtectParse::kNotAttempt:
      return RecordStatus::kHandled;
    case GlobalProtectParse::kMalformed:
      return Bad("GlobalProtect login record cut or missing its status, user or address", csv,
                 context);
    case GlobalProtectParse::kAttempt:
      break;
  }
  Timestamp time = 0;
  if (!PanOsTime(login.generated, &time) && !PanOsTime(login.received, &time)) {
    if (!header_time)
      return Bad("GlobalProtect login record without a readable time", csv, context);
    time = *header_time;
  }
  AuthEvent event = VpnEvents::Start(time, context, login.outcome);
  if (!SetSourceIp(login.address, &event)) {
    return Bad("GlobalProtect login record with an unreadable client address", csv, context);
  }
  events_.SetUser(login.user, &event);
  event.method = MethodOf(login.auth_method);
  event.reason =
      login.outcome == Outcome::kFailure ? GlobalProtectReason(login.reason) : Reason::kNone;
  event.client = events_.Intern(login.client);
  event.target_host = events_.Intern(login.device);
  sink->OnEvent(event);
  return RecordStatus::kHandled;
}

bool GlobalProtectSyslogFamily::Claims(const SyslogRecord& record) const {
  return LooksLikeGlobalProtect(SkipRelayHeader(record.message));
}

RecordStatus GlobalProtectSyslogFamily::OnRecord(const SyslogRecord& record,
                                                 const RecordContext& context, EventSink* sink) {
  return parser_.Parse(SkipRelayHeader(record.message), record.time, context, sink);
}

RecordStatus GlobalProtectTextFamily::OnLine(std::string_view line, const RecordContext& context,
                                             EventSink* sink) {
  if (line.starts_with('<')) {
    const size_t close = line.find('>');
    if (close == std::string_view::npos || close > 4) return RecordStatus::kNotMine;
    line.remove_prefix(close + 1);
  }
  return parser_.Parse(line, std::nullopt, context, sink);
}

}  // namespace spraytrace::parse::vpn
