// GenericCsvFamily ("csv"): any SIEM's CSV export, read through the column mapping the user
// gave (--csv-columns). Claims a header holding every mapped required column; each row is one
// attempt. Reasons come from the words of the reason column, when mapped.
#ifndef SPRAYTRACE_PARSE_CSV_GENERIC_CSV_FAMILY_H_
#define SPRAYTRACE_PARSE_CSV_GENERIC_CSV_FAMILY_H_

#include <cstddef>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "parse/csv/csv_mapping.h"
#include "parse/event_fields.h"
#include "parse/family.h"

namespace spraytrace::parse {

class GenericCsvFamily final : public CsvFamily {
 public:
  GenericCsvFamily(StringPool* strings, Diagnostics* diagnostics, CsvMapping mapping);

  std::string_view name() const override { return "csv"; }
  bool ClaimsHeader(std::span<const std::string_view> header) const override;
  RecordStatus OnRow(const CsvRow& row, const RecordContext& context, EventSink* sink) override;

 private:
  static constexpr size_t kAbsent = static_cast<size_t>(-1);
  // Column indexes of the mapped names in this header (kAbsent when not mapped or missing).
  struct Columns {
    size_t time = kAbsent, user = kAbsent, source = kAbsent, outcome = kAbsent;
    size_t reason = kAbsent, host = kAbsent, tenant = kAbsent, client = kAbsent;
    size_t service = kAbsent;
  };
  Columns Locate(std::span<const std::string_view> header) const;
  RecordStatus Bad(const RecordContext& context, std::string_view why);

  EventFields fields_;
  Diagnostics* diagnostics_;
  CsvMapping mapping_;
  // The header columns_ was located in, by content: the front door reuses its header storage
  // for the next file, so the same address may hold another file's columns.
  std::vector<std::string> located_for_;
  Columns columns_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_CSV_GENERIC_CSV_FAMILY_H_
