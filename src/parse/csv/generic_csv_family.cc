#include "parse/csv/generic_csv_family.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "parse/reason_words.h"
#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

Service ServiceFromText(std::string_view text) {
  if (ContainsIgnoringCase(text, "ssh")) return Service::kSsh;
  if (ContainsIgnoringCase(text, "entra") || ContainsIgnoringCase(text, "azure") ||
      ContainsIgnoringCase(text, "365") || ContainsIgnoringCase(text, "aad")) {
    return Service::kEntra;
  }
  if (ContainsIgnoringCase(text, "windows") || ContainsIgnoringCase(text, "kerberos") ||
      ContainsIgnoringCase(text, "ntlm")) {
    return Service::kWindows;
  }
  if (ContainsIgnoringCase(text, "vpn")) return Service::kVpn;
  return Service::kOther;
}

}  // namespace

GenericCsvFamily::GenericCsvFamily(StringPool* strings, Diagnostics* diagnostics,
                                   CsvMapping mapping)
    : fields_(strings), diagnostics_(diagnostics), mapping_(std::move(mapping)) {}

GenericCsvFamily::Columns GenericCsvFamily::Locate(std::span<const std::string_view> header) const {
  Columns c;
  const auto find = [&](const std::string& name) {
    if (name.empty()) return kAbsent;
    for (size_t i = 0; i < header.size(); ++i) {
      if (EqualsIgnoringCase(header[i], name)) return i;
    }
    return kAbsent;
  };
  c.time = find(mapping_.time);
  c.user = find(mapping_.user);
  c.source = find(mapping_.source);
  c.outcome = find(mapping_.outcome);
  c.reason = find(mapping_.reason);
  c.host = find(mapping_.host);
  c.tenant = find(mapping_.tenant);
  c.client = find(mapping_.client);
  c.service = find(mapping_.service);
  return c;
}

bool GenericCsvFamily::ClaimsHeader(std::span<const std::string_view> header) const {
  if (mapping_.empty()) return false;
  const Columns c = Locate(header);
  return c.time != kAbsent && c.user != kAbsent && c.source != kAbsent && c.outcome != kAbsent;
}

RecordStatus GenericCsvFamily::Bad(const RecordContext& context, std::string_view why) {
  diagnostics_->Report(DiagnosticKind::kBadCsvRow, context.file_name, context.where.line, why);
  return RecordStatus::kBad;
}

RecordStatus GenericCsvFamily::OnRow(const CsvRow& row, const RecordContext& context,
                                     EventSink* sink) {
  if (!std::equal(row.header.begin(), row.header.end(), located_for_.begin(), located_for_.end())) {
    columns_ = Locate(row.header);
    located_for_.assign(row.header.begin(), row.header.end());
  }
  const auto field = [&](size_t index) {
    return index < row.fields.size() ? row.fields[index] : std::string_view();
  };
  const Columns& c = columns_;
  if (row.fields.size() <= std::max({c.time, c.user, c.source, c.outcome})) {
    return Bad(context, fmt::format("{} columns, the mapping needs {}", row.fields.size(),
                                    std::max({c.time, c.user, c.source, c.outcome}) + 1));
  }
  AuthEvent event;
  if (!ParseExportTime(field(c.time), &event.time)) {
    return Bad(context, fmt::format("time '{}' not understood", field(c.time).substr(0, 64)));
  }
  fields_.SetUser(field(c.user), UserCase::kInsensitive, &event);
  fields_.SetSource(field(c.source), &event);
  const std::string_view outcome = TrimLeft(TrimRight(field(c.outcome)));
  event.outcome = Outcome::kFailure;
  for (const std::string& value : mapping_.success) {
    if (EqualsIgnoringCase(outcome, value)) event.outcome = Outcome::kSuccess;
  }
  if (event.outcome == Outcome::kFailure) event.reason = ReasonFromWords(field(c.reason));
  if (c.host != kAbsent) event.target_host = fields_.Intern(field(c.host));
  if (c.tenant != kAbsent) event.tenant = fields_.Intern(field(c.tenant));
  if (c.client != kAbsent) event.client = fields_.Intern(field(c.client));
  event.service = c.service != kAbsent ? ServiceFromText(field(c.service)) : Service::kOther;
  event.method = AuthMethod::kPassword;
  event.where = context.where;
  sink->OnEvent(event);
  return RecordStatus::kHandled;
}

}  // namespace spraytrace::parse
