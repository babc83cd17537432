#include "parse/m365/ual_mapping.h"

#include <fmt/format.h>

#include "parse/m365/ual_outcome.h"
#include "parse/text_scan.h"

namespace spraytrace::parse {

std::string_view WithoutPort(std::string_view address) {
  address = TrimLeft(TrimRight(address));
  if (address.starts_with('[')) {
    const size_t close = address.find(']');
    if (close != std::string_view::npos) return address.substr(1, close - 1);
    return address;
  }
  const size_t colon = address.find(':');
  if (colon == std::string_view::npos || address.find(':', colon + 1) != std::string_view::npos) {
    return address;  // IPv4 without a port, or IPv6
  }
  const std::string_view port = address.substr(colon + 1);
  return IsDigits(port) ? address.substr(0, colon) : address;
}

RecordStatus UalMapper::Deliver(const UalRecord& record, const RecordContext& context,
                                EventSink* sink) {
  const UalVerdict verdict = JudgeUalSignIn(record);
  if (!verdict.attempt) return RecordStatus::kHandled;
  AuthEvent event;
  if (!ParseExportTime(record.creation_time, &event.time)) {
    diagnostics_->Report(
        DiagnosticKind::kBadRecord, context.file_name, context.where.line,
        fmt::format("M365 {} record without a usable CreationTime '{}'",
                    record.operation.substr(0, 64), record.creation_time.substr(0, 64)));
    return RecordStatus::kBad;
  }
  event.outcome = verdict.outcome;
  event.reason = verdict.reason;
  fields_.SetUser(record.user_id, UserCase::kInsensitive, &event);
  if (!fields_.SetSource(WithoutPort(record.client_ip), &event)) {
    fields_.SetSource(WithoutPort(record.actor_ip), &event);
  }
  event.tenant = fields_.Intern(record.organization_id);
  event.target_host = fields_.Intern(record.workload);
  event.client = fields_.Intern(record.user_agent);
  event.service = Service::kEntra;
  event.method = AuthMethod::kPassword;
  event.where = context.where;
  sink->OnEvent(event);
  return RecordStatus::kHandled;
}

}  // namespace spraytrace::parse
