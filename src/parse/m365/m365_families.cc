#include "parse/m365/m365_families.h"

#include <fmt/format.h>

#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

constexpr std::string_view kMalformed = "M365 audit record with malformed JSON";

}  // namespace

// --- JSON -------------------------------------------------------------------------------------

bool M365UalJsonFamily::Sniff(std::string_view text) const { return LooksLikeUalRecord(text); }

RecordStatus M365UalJsonFamily::OnObject(simdjson::ondemand::object object,
                                         std::string_view /*text*/, const RecordContext& context,
                                         EventSink* sink) {
  if (!ReadUalRecord(object, &record_)) {
    diagnostics_->Report(DiagnosticKind::kBadJson, context.file_name, context.where.line,
                         kMalformed);
    return RecordStatus::kBad;
  }
  return mapper_.Deliver(record_, context, sink);
}

// --- Purview CSV ------------------------------------------------------------------------------

PurviewCsvFamily::Columns PurviewCsvFamily::Locate(std::span<const std::string_view> header) {
  Columns c;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string_view name = TrimLeft(TrimRight(header[i]));
    if (EqualsIgnoringCase(name, "AuditData")) {
      c.audit_data = i;
    } else if (EqualsIgnoringCase(name, "Operations") || EqualsIgnoringCase(name, "Operation")) {
      c.operation = i;
    } else if (EqualsIgnoringCase(name, "UserIds") || EqualsIgnoringCase(name, "UserId")) {
      c.user = i;
    }
  }
  return c;
}

bool PurviewCsvFamily::ClaimsHeader(std::span<const std::string_view> header) const {
  const Columns c = Locate(header);
  if (c.audit_data == kAbsent) return false;
  if (c.operation != kAbsent) return true;
  for (const std::string_view name : header) {
    if (EqualsIgnoringCase(TrimLeft(TrimRight(name)), "CreationDate")) return true;
  }
  return false;
}

RecordStatus PurviewCsvFamily::Bad(DiagnosticKind kind, const RecordContext& context,
                                   std::string_view why) {
  diagnostics_->Report(kind, context.file_name, context.where.line, why);
  return RecordStatus::kBad;
}

RecordStatus PurviewCsvFamily::OnRow(const CsvRow& row, const RecordContext& context,
                                     EventSink* sink) {
  // Located afresh for every row (a dozen short names): files in one run have different
  // header variants, and the header's storage may be reused between them.
  const Columns c = Locate(row.header);
  if (row.fields.size() <= c.audit_data) {
    return Bad(
        DiagnosticKind::kBadCsvRow, context,
        fmt::format("{} columns, AuditData is column {}", row.fields.size(), c.audit_data + 1));
  }
  const std::string_view audit = TrimLeft(TrimRight(row.fields[c.audit_data]));
  if (!audit.starts_with('{')) {
    return Bad(DiagnosticKind::kBadRecord, context,
               fmt::format("AuditData is not a JSON object: '{}'", audit.substr(0, 64)));
  }
  simdjson::ondemand::object object;
  if (audit_data_.Load(audit) != JsonLoadStatus::kOk || audit_data_.records().size() != 1 ||
      !audit_data_.Parse(audit_data_.records().front(), &object) ||
      !ReadUalRecord(object, &record_)) {
    return Bad(DiagnosticKind::kBadRecord, context, "AuditData with malformed JSON");
  }
  // The row's own columns say the same; they stand in when AuditData lacks them.
  const auto column = [&](size_t index) {
    return index < row.fields.size() ? row.fields[index] : std::string_view();
  };
  if (record_.operation.empty()) record_.operation = column(c.operation);
  if (record_.user_id.empty()) record_.user_id = column(c.user);
  return mapper_.Deliver(record_, context, sink);
}

}  // namespace spraytrace::parse
