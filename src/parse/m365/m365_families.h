// The Microsoft 365 Unified Audit Log families (docs/m365.md). Both read the same record, the
// Entra ID STS logon (UserLoginFailed / UserLoggedIn, RecordType 15) and its older RecordType 9
// form, through one UalMapper; records of every other activity (mail, files, admin) are theirs
// too, handled without an event.
//
//   m365-ual          JSON: one record per line (Management Activity API content, Extractor
//                     Suite, Search-UnifiedAuditLog | ConvertTo-Json -Compress) or a JSON array
//                     of them (the API's content blob). Sniff: CreationTime, Operation and
//                     OrganizationId keys.
//   m365-purview-csv  the Purview audit search export: a CSV whose AuditData column holds each
//                     record's JSON (quotes doubled). Old header RecordType,CreationDate,UserIds,
//                     Operations,AuditData,...; newer RecordId,CreationDate,RecordType,Operation,
//                     UserId,AuditData,.... Claimed by an AuditData column next to CreationDate
//                     or Operation(s). CreationDate is the exporter's local time, so the time is
//                     AuditData's CreationTime. A row without the AuditData column is a
//                     kBadCsvRow, an AuditData that is not a JSON object a kBadRecord; the rest
//                     of the file is read.
#ifndef SPRAYTRACE_PARSE_M365_M365_FAMILIES_H_
#define SPRAYTRACE_PARSE_M365_M365_FAMILIES_H_

#include <cstddef>

#include "common/diagnostics.h"
#include "parse/family.h"
#include "parse/json/json_records.h"
#include "parse/m365/ual_mapping.h"

namespace spraytrace::parse {

class M365UalJsonFamily final : public JsonFamily {
 public:
  M365UalJsonFamily(StringPool* strings, Diagnostics* diagnostics)
      : mapper_(strings, diagnostics), diagnostics_(diagnostics) {}

  std::string_view name() const override { return "m365-ual"; }
  bool Sniff(std::string_view text) const override;
  RecordStatus OnObject(simdjson::ondemand::object object, std::string_view text,
                        const RecordContext& context, EventSink* sink) override;

 private:
  UalMapper mapper_;
  Diagnostics* diagnostics_;
  UalRecord record_;
};

class PurviewCsvFamily final : public CsvFamily {
 public:
  PurviewCsvFamily(StringPool* strings, Diagnostics* diagnostics)
      : mapper_(strings, diagnostics), diagnostics_(diagnostics) {}

  std::string_view name() const override { return "m365-purview-csv"; }
  bool ClaimsHeader(std::span<const std::string_view> header) const override;
  RecordStatus OnRow(const CsvRow& row, const RecordContext& context, EventSink* sink) override;
  bool RowsSpanLines() const override { return false; }

 private:
  static constexpr size_t kAbsent = static_cast<size_t>(-1);
  // Where this header keeps AuditData, and the columns that stand in for what it lacks.
  struct Columns {
    size_t audit_data = kAbsent;
    size_t operation = kAbsent;  // Operations (old) or Operation (new)
    size_t user = kAbsent;       // UserIds (old) or UserId (new)
  };
  static Columns Locate(std::span<const std::string_view> header);
  RecordStatus Bad(DiagnosticKind kind, const RecordContext& context, std::string_view why);

  UalMapper mapper_;
  Diagnostics* diagnostics_;
  JsonRecords audit_data_;  // parses each row's AuditData, buffers reused
  UalRecord record_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_M365_M365_FAMILIES_H_
