#include "parse/csv/csv_mapping.h"

#include <fmt/format.h>

#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

std::string* FieldFor(std::string_view key, CsvMapping* mapping) {
  if (key == "time") return &mapping->time;
  if (key == "user") return &mapping->user;
  if (key == "source") return &mapping->source;
  if (key == "outcome") return &mapping->outcome;
  if (key == "reason") return &mapping->reason;
  if (key == "host") return &mapping->host;
  if (key == "tenant") return &mapping->tenant;
  if (key == "client") return &mapping->client;
  if (key == "service") return &mapping->service;
  return nullptr;
}

std::string_view Trim(std::string_view text) { return TrimLeft(TrimRight(text)); }

}  // namespace

Result<CsvMapping> ParseCsvMapping(std::string_view text) {
  CsvMapping mapping;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view item = Trim(text.substr(pos, comma - pos));
    pos = comma + 1;
    if (item.empty()) continue;
    const size_t equals = item.find('=');
    if (equals == std::string_view::npos) {
      return Status::InvalidArgument(
          fmt::format("invalid --csv-columns item '{}': must be key=Column", item));
    }
    const std::string_view key = Trim(item.substr(0, equals));
    const std::string_view column = Trim(item.substr(equals + 1));
    if (column.empty()) {
      return Status::InvalidArgument(
          fmt::format("invalid --csv-columns item '{}': no column after '='", item));
    }
    if (key == "success") {
      mapping.success.clear();
      size_t start = 0;
      while (start <= column.size()) {
        size_t bar = column.find('|', start);
        if (bar == std::string_view::npos) bar = column.size();
        if (bar > start) mapping.success.emplace_back(column.substr(start, bar - start));
        start = bar + 1;
      }
      continue;
    }
    std::string* field = FieldFor(key, &mapping);
    if (field == nullptr) {
      return Status::InvalidArgument(fmt::format(
          "invalid --csv-columns key '{}': must be one of time, user, source, outcome, reason, "
          "host, tenant, client, service, success",
          key));
    }
    field->assign(column);
  }
  for (const auto& [key, value] :
       {std::pair<std::string_view, const std::string*>{"time", &mapping.time},
        {"user", &mapping.user},
        {"source", &mapping.source},
        {"outcome", &mapping.outcome}}) {
    if (value->empty()) {
      return Status::InvalidArgument(
          fmt::format("invalid --csv-columns '{}': the '{}' column is required", text, key));
    }
  }
  return mapping;
}

}  // namespace spraytrace::parse
