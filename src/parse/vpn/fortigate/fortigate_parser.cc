#include "parse/vpn/fortigate/fortigate_parser.h"

#include "parse/key_value_scanner.h"
#include "parse/text_scan.h"
#include "parse/vpn/fortigate/fortigate_record.h"

namespace spraytrace::parse::vpn {
namespace {

constexpr size_t kMaxDetail = 160;

enum class Kind : uint8_t { kNone, kVpnLogin, kAdminLogin };

struct Attempt {
  Kind kind = Kind::kNone;
  Outcome outcome = Outcome::kFailure;
};

Attempt Classify(const FortigateRecord& r) {
  if (r.subtype == "vpn") {
    if (r.action == "ssl-login-fail") return {Kind::kVpnLogin, Outcome::kFailure};
    if (r.action == "ssl-alert" && r.reason.starts_with("sslvpn_login")) {
      return {Kind::kVpnLogin, Outcome::kFailure};
    }
    // IPsec tunnels come up with action=tunnel-up too, for gateways rather than people.
    if (r.action == "tunnel-up" && r.tunneltype.starts_with("ssl")) {
      return {Kind::kVpnLogin, Outcome::kSuccess};
    }
    return {};
  }
  if (r.subtype == "system" && r.action == "login") {
    if (r.status == "failed") return {Kind::kAdminLogin, Outcome::kFailure};
    if (r.status == "success") return {Kind::kAdminLogin, Outcome::kSuccess};
  }
  return {};
}

// "ssh(192.0.2.7)" -> scheme "ssh", address "192.0.2.7"; false without parentheses.
bool SplitUi(std::string_view ui, std::string_view* scheme, std::string_view* address) {
  const size_t open = ui.find('(');
  if (open == std::string_view::npos || !ui.ends_with(')')) return false;
  *scheme = ui.substr(0, open);
  *address = ui.substr(open + 1, ui.size() - open - 2);
  return true;
}

std::optional<Timestamp> RecordTime(const FortigateRecord& r) {
  Timestamp time = 0;
  if (!r.eventtime.empty() && EpochToTimestamp(r.eventtime, &time)) return time;
  CivilTime civil;
  if (!ParseDateAndTime(r.date, r.time, &civil)) return std::nullopt;
  Micros offset = 0;
  if (!r.tz.empty() && !ParseUtcOffset(r.tz, &offset)) return std::nullopt;
  return ToTimestamp(civil) - offset;
}

}  // namespace

Reason FortigateReason(std::string_view reason) {
  if (reason == "sslvpn_login_unknown_user" || reason == "name_invalid") {
    return Reason::kUnknownUser;
  }
  if (reason == "sslvpn_login_permission_denied" || reason == "passwd_invalid" ||
      reason == "name_passwd_invalid") {
    return Reason::kBadPassword;
  }
  // The user matched no authentication rule. Not evidence of a right password: FortiOS can say
  // it before checking one, for names that are in no group at all.
  if (reason == "sslvpn_login_no_matching_policy") return Reason::kBlockedByPolicy;
  if (Contains(reason, "expire")) return Reason::kExpiredPassword;
  if (Contains(reason, "lock") || Contains(reason, "block")) return Reason::kLockedOut;
  if (Contains(reason, "disable")) return Reason::kDisabled;
  if (Contains(reason, "trusted") || Contains(reason, "policy")) return Reason::kBlockedByPolicy;
  return Reason::kOther;
}

FortigateParser::FortigateParser(StringPool* strings, Diagnostics* diagnostics)
    : events_(strings), diagnostics_(diagnostics) {}

RecordStatus FortigateParser::Bad(std::string_view why, std::string_view body,
                                  const RecordContext& context) {
  detail_.assign(why);
  detail_.append(": ");
  detail_.append(body.substr(0, kMaxDetail));
  diagnostics_->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line, detail_);
  return RecordStatus::kBad;
}

RecordStatus FortigateParser::Parse(std::string_view body, std::optional<Timestamp> header_time,
                                    std::string_view header_host, const RecordContext& context,
                                    EventSink* sink) {
  FortigateRecord r;
  ScanFortigateRecord(body, &r);
  const Attempt attempt = Classify(r);
  if (attempt.kind == Kind::kNone) return RecordStatus::kHandled;

  std::optional<Timestamp> time = RecordTime(r);
  if (!time) time = header_time;
  if (!time) return Bad("FortiGate login record without a usable time", body, context);
  AuthEvent event = VpnEvents::Start(*time, context, attempt.outcome);

  std::string_view client = r.tunneltype;
  if (attempt.kind == Kind::kVpnLogin) {
    if (!SetSourceIp(r.remip, &event)) {
      return Bad("FortiGate SSL-VPN login record without a remote address (remip)", body, context);
    }
  } else {
    std::string_view scheme;
    std::string_view address;
    const bool has_ui = SplitUi(r.ui, &scheme, &address);
    if (!SetSourceIp(r.srcip, &event) && !(has_ui && SetSourceIp(address, &event))) {
      return Bad("FortiGate admin login record without a source address (srcip, ui)", body,
                 context);
    }
    client = has_ui ? scheme : std::string_view("admin");
  }
  if (r.user.empty() && r.truncated) {
    return Bad("FortiGate login record cut before its user", body, context);
  }
  events_.SetUser(r.user_escaped ? Unescape(r.user, &unescaped_) : r.user, &event);
  const std::string_view device = r.devname_escaped ? Unescape(r.devname, &unescaped_) : r.devname;
  event.target_host = events_.Intern(device.empty() ? header_host : device);
  event.client = events_.Intern(client);
  event.reason = attempt.outcome == Outcome::kSuccess ? Reason::kNone : FortigateReason(r.reason);
  sink->OnEvent(event);
  return RecordStatus::kHandled;
}

bool FortigateSyslogFamily::Claims(const SyslogRecord& record) const {
  return LooksLikeFortigate(record.message);
}

RecordStatus FortigateSyslogFamily::OnRecord(const SyslogRecord& record,
                                             const RecordContext& context, EventSink* sink) {
  if (!LooksLikeFortigate(record.message)) return RecordStatus::kNotMine;
  return parser_.Parse(record.message, record.time, record.host, context, sink);
}

RecordStatus FortigateTextFamily::OnLine(std::string_view line, const RecordContext& context,
                                         EventSink* sink) {
  // "<189>date=..." from a device sending straight to a collector without a syslog header.
  if (line.starts_with('<')) {
    const size_t close = line.find('>');
    if (close == std::string_view::npos || close > 4) return RecordStatus::kNotMine;
    line.remove_prefix(close + 1);
  }
  if (!LooksLikeFortigate(line)) return RecordStatus::kNotMine;
  return parser_.Parse(line, std::nullopt, "", context, sink);
}

}  // namespace spraytrace::parse::vpn
