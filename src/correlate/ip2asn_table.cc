#include "correlate/ip2asn_table.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <tuple>
#include <unordered_map>

#include "correlate/text_fields.h"
#include "ingest/line_reader.h"

namespace spraytrace::correlate {
namespace {

// An address column: dotted/colon text, or a decimal IPv4 number (the -u32 files).
std::optional<IpAddress> ParseAddressField(std::string_view text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
    uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value > UINT32_MAX) {
      return std::nullopt;
    }
    return IpAddress::FromV4(static_cast<uint32_t>(value));
  }
  return IpAddress::Parse(text);
}

std::optional<uint32_t> ParseAsNumber(std::string_view text) {
  if (text.size() > 2 && (text[0] == 'A' || text[0] == 'a') && (text[1] == 'S' || text[1] == 's')) {
    text.remove_prefix(2);
  }
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      value > UINT32_MAX) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(value);
}

// Two ASCII letters, upper-cased; "None", "Unknown", "ZZ" and anything else: unknown.
std::array<char, 2> CountryCode(std::string_view text) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  auto upper = [](char c) { return c >= 'a' ? static_cast<char>(c - 'a' + 'A') : c; };
  if (text.size() != 2 || !letter(text[0]) || !letter(text[1])) return {};
  std::array<char, 2> code = {upper(text[0]), upper(text[1])};
  if (code[0] == 'Z' && code[1] == 'Z') return {};
  return code;
}

}  // namespace

class Ip2asnTable::Builder {
 public:
  explicit Builder(Ip2asnTable* table) : table_(table) {}

  // Adds one line; returns why it is bad, or an empty string.
  std::string AddLine(std::string_view line) {
    std::string_view description;
    if (!SplitLeadingFields(line, 4, &fields_, &description)) {
      return "expected 5 columns: range_start range_end AS_number country_code AS_description";
    }
    const std::optional<IpAddress> start = ParseAddressField(fields_[0]);
    const std::optional<IpAddress> end = ParseAddressField(fields_[1]);
    if (!start || !end) return "range_start or range_end is not an IP address";
    if (start->is_v4() != end->is_v4())
      return "range_start and range_end are of different families";
    if (*end < *start) return "range_end is before range_start";
    const std::optional<uint32_t> asn = ParseAsNumber(fields_[2]);
    if (!asn) return "AS_number is not a number";
    if (*asn == 0) {
      ++table_->stats_.unrouted;
      return {};
    }
    const uint32_t info = InfoIndex(*asn, CountryCode(fields_[3]), description);
    if (start->is_v4()) {
      v4_.push_back(KeyRange<uint32_t>{start->v4(), end->v4(), info});
    } else {
      v6_.push_back(KeyRange<U128>{U128::Of(*start), U128::Of(*end), info});
    }
    ++table_->stats_.ranges;
    return {};
  }

  void Finish() {
    table_->v4_.Build(std::move(v4_));
    table_->v6_.Build(std::move(v6_));
    table_->stats_.overlapping = table_->v4_.had_overlaps() || table_->v6_.had_overlaps();
  }

 private:
  uint32_t InfoIndex(uint32_t asn, std::array<char, 2> country, std::string_view organization) {
    auto [org, org_added] = organization_ids_.try_emplace(
        std::string(organization), static_cast<uint32_t>(table_->organizations_.size()));
    if (org_added) table_->organizations_.push_back(org->first);
    const auto key = std::make_tuple(asn, country[0], country[1], org->second);
    auto [info, info_added] =
        info_ids_.try_emplace(key, static_cast<uint32_t>(table_->infos_.size()));
    if (info_added) table_->infos_.push_back(Info{asn, country, org->second});
    return info->second;
  }

  Ip2asnTable* table_;
  std::vector<std::string_view> fields_;
  std::vector<KeyRange<uint32_t>> v4_;
  std::vector<KeyRange<U128>> v6_;
  std::unordered_map<std::string, uint32_t> organization_ids_;
  std::map<std::tuple<uint32_t, char, char, uint32_t>, uint32_t> info_ids_;
};

Result<Ip2asnTable> Ip2asnTable::Load(const std::string& path, Diagnostics* diagnostics) {
  auto reader = ingest::LineReader::Open(path, ingest::ReaderOptions{}, diagnostics);
  if (!reader) return reader.error().WithContext("cannot read ip2asn file");
  Ip2asnTable table;
  table.path_ = path;
  Builder builder(&table);
  uint64_t first_bad_line = 0;
  std::string first_bad;
  ingest::Line line;
  while ((*reader)->Next(&line)) {
    ++table.stats_.lines;
    const std::string_view text = Trim(line.text);
    if (text.empty() || text.front() == '#') continue;
    const std::string problem = builder.AddLine(text);
    if (problem.empty()) continue;
    ++table.stats_.bad_lines;
    diagnostics->Report(DiagnosticKind::kBadEnrichmentData, path, line.number, problem);
    if (first_bad_line == 0) {
      first_bad_line = line.number;
      first_bad = problem;
    }
  }
  if (table.stats_.ranges == 0) {
    if (first_bad_line != 0) {
      return Status::InvalidArgument(
          fmt::format("{}:{}: not an ip2asn file ({}); no range could be read", path,
                      first_bad_line, first_bad));
    }
    return Status::InvalidArgument(fmt::format("{}: ip2asn file holds no routed range", path));
  }
  builder.Finish();
  return table;
}

std::optional<AsRecord> Ip2asnTable::Lookup(const IpAddress& ip) const {
  const std::optional<uint32_t> index = ip.is_v4() ? v4_.Find(ip.v4()) : v6_.Find(U128::Of(ip));
  if (!index) return std::nullopt;
  const Info& info = infos_[*index];
  AsRecord record;
  record.asn = info.asn;
  if (info.country[0] != 0) record.country = std::string_view(info.country.data(), 2);
  record.organization = organizations_[info.organization];
  return record;
}

}  // namespace spraytrace::correlate
