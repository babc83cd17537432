#include "correlate/intel_file.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <vector>

#include "correlate/intel_file_internal.h"
#include "correlate/ip_network.h"
#include "correlate/text_fields.h"
#include "ingest/line_reader.h"

namespace spraytrace::correlate {
namespace intel_internal {

std::string Tag(std::string_view list, std::string_view extra) {
  extra = Trim(extra);
  if (extra.empty()) return std::string(list);
  return fmt::format("{}:{}", list, extra.substr(0, kMaxTagBytes));
}

void BadEntries::Report(uint64_t line, std::string_view problem) {
  ++stats_->bad;
  diagnostics_->Report(DiagnosticKind::kBadEnrichmentData, path_, line, problem);
  if (first_line_ == 0) {
    first_line_ = line;
    first_problem_ = std::string(problem);
  }
}

Status BadEntries::NothingGood() const {
  if (stats_->entries > 0 || stats_->bad == 0) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("{}:{}: {}; not a single address could be read from this threat-intel list",
                  path_, first_line_, first_problem_));
}

void AddEntry(std::string_view value, uint64_t line, const std::string& tag, IntelSet* set,
              IntelFileStats* stats, BadEntries* bad) {
  const std::optional<IpNetwork> network = ParseIpNetwork(value);
  if (!network) {
    bad->Report(line, fmt::format("'{}' is not an IP address or CIDR network", value));
    return;
  }
  set->Add(*network, tag);
  ++stats->entries;
}

}  // namespace intel_internal

namespace {

using intel_internal::AddEntry;
using intel_internal::BadEntries;
using intel_internal::Tag;

// A large limit: STIX bundles are often one line of many megabytes.
constexpr size_t kMaxIntelLineBytes = size_t{256} << 20;

constexpr std::array<std::string_view, 7> kAddressColumns = {
    "ip", "ip_address", "dst_ip", "src_ip", "indicator", "value", "ioc"};
constexpr std::array<std::string_view, 6> kTagColumns = {"tag",      "tags",   "source",
                                                         "category", "threat", "malware"};

template <size_t N>
std::optional<size_t> FindColumn(const std::vector<std::string>& header,
                                 const std::array<std::string_view, N>& names) {
  for (std::string_view name : names) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (ToLower(header[i]) == name) return i;
    }
  }
  return std::nullopt;
}

struct CsvColumns {
  size_t address = 0;
  std::optional<size_t> tag;
};

// The columns if line is a CSV header naming an address column.
std::optional<CsvColumns> ReadHeader(std::string_view line) {
  std::vector<std::string> fields;
  if (line.find(',') == std::string_view::npos || !SplitCsvRecord(line, &fields)) {
    return std::nullopt;
  }
  const std::optional<size_t> address = FindColumn(fields, kAddressColumns);
  if (!address) return std::nullopt;
  return CsvColumns{*address, FindColumn(fields, kTagColumns)};
}

bool EndsWithCsv(std::string_view path) {
  std::string lower = ToLower(path);
  for (std::string_view ext : {".csv", ".csv.gz", ".csv.zst"}) {
    if (lower.size() >= ext.size() &&
        lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  return false;
}

// Iterates text line by line with 1-based numbers.
template <typename Visit>
void ForEachLine(std::string_view text, Visit visit) {
  uint64_t number = 0;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    ++number;
    visit(number, Trim(text.substr(0, newline)));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
}

void LoadPlain(std::string_view text, IntelFileStats* stats, IntelSet* set, BadEntries* bad) {
  ForEachLine(text, [&](uint64_t number, std::string_view line) {
    line = line.substr(0, line.find_first_of("#;"));
    line = Trim(line);
    if (line.empty()) return;
    const size_t blank = line.find_first_of(" \t,");
    AddEntry(line.substr(0, blank), number, stats->name, set, stats, bad);
  });
}

Status LoadCsv(std::string_view text, IntelFileStats* stats, IntelSet* set, BadEntries* bad) {
  std::optional<CsvColumns> columns;
  std::vector<std::string> fields;
  uint64_t last_comment_line = 0;
  std::string_view last_comment;
  ForEachLine(text, [&](uint64_t number, std::string_view line) {
    if (line.empty()) return;
    if (line.front() == '#') {
      last_comment = Trim(line.substr(1));
      last_comment_line = number;
      return;
    }
    if (!columns) {
      columns = ReadHeader(line);
      if (columns) return;
      // No header on the first row: the last comment line may be it (abuse.ch style).
      if (last_comment_line != 0) columns = ReadHeader(last_comment);
      if (!columns) {
        columns = CsvColumns{};  // mark the search done; the error below reports it
        columns->address = SIZE_MAX;
        return;
      }
    }
    if (columns->address == SIZE_MAX) return;
    if (!SplitCsvRecord(line, &fields)) {
      bad->Report(number, "unbalanced double quote");
      return;
    }
    if (columns->address >= fields.size()) {
      bad->Report(number, fmt::format("{} columns, the address is column {}", fields.size(),
                                      columns->address + 1));
      return;
    }
    const std::string tag = columns->tag && *columns->tag < fields.size()
                                ? Tag(stats->name, fields[*columns->tag])
                                : stats->name;
    AddEntry(fields[columns->address], number, tag, set, stats, bad);
  });
  if (columns && columns->address == SIZE_MAX) {
    return Status::InvalidArgument(fmt::format(
        "{}: CSV threat-intel list without a header naming the address column (one of ip, "
        "ip_address, dst_ip, src_ip, indicator, value, ioc)",
        stats->path));
  }
  return Status::Ok();
}

// The first line that is not blank or a comment, for telling the formats apart.
std::string_view FirstContentLine(std::string_view text) {
  std::string_view found;
  bool done = false;
  ForEachLine(text, [&](uint64_t, std::string_view line) {
    if (done || line.empty() || line.front() == '#' || line.front() == ';') return;
    found = line;
    done = true;
  });
  return found;
}

}  // namespace

std::string_view IntelFormatName(IntelFormat format) {
  switch (format) {
    case IntelFormat::kPlain:
      return "plain";
    case IntelFormat::kCsv:
      return "csv";
    case IntelFormat::kStix:
      return "stix";
  }
  return "plain";
}

Result<IntelFileStats> LoadIntelText(std::string_view text, const std::string& source_name,
                                     IntelSet* set, Diagnostics* diagnostics) {
  IntelFileStats stats;
  stats.path = source_name;
  stats.name = ListName(source_name);
  BadEntries bad(stats.path, diagnostics, &stats);
  const std::string_view first = FirstContentLine(text);
  Status status;
  if (!first.empty() && (first.front() == '{' || first.front() == '[')) {
    stats.format = IntelFormat::kStix;
    status = intel_internal::LoadStix(text, &stats, set, &bad);
  } else if (EndsWithCsv(source_name) || ReadHeader(first)) {
    stats.format = IntelFormat::kCsv;
    status = LoadCsv(text, &stats, set, &bad);
  } else {
    LoadPlain(text, &stats, set, &bad);
  }
  if (!status.ok()) return status;
  if (Status s = bad.NothingGood(); !s.ok()) return s;
  return stats;
}

Result<IntelFileStats> LoadIntelFile(const std::string& path, IntelSet* set,
                                     Diagnostics* diagnostics) {
  ingest::ReaderOptions options;
  options.max_line_bytes = kMaxIntelLineBytes;
  auto reader = ingest::LineReader::Open(path, options, diagnostics);
  if (!reader) return reader.error().WithContext("cannot read threat-intel list");
  // The whole list in memory, line numbers kept: skipped (binary, over-long) lines stay as
  // empty lines, so messages cite the file's own numbers.
  std::string text;
  uint64_t next_number = 1;
  ingest::Line line;
  while ((*reader)->Next(&line)) {
    for (; next_number < line.number; ++next_number) text += '\n';
    text.append(line.text);
    text += '\n';
    next_number = line.number + 1;
  }
  return LoadIntelText(text, path, set, diagnostics);
}

}  // namespace spraytrace::correlate
