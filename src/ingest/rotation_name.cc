#include "ingest/rotation_name.h"

#include <algorithm>
#include <array>
#include <tuple>

namespace spraytrace::ingest {
namespace {

constexpr std::array<std::string_view, 5> kCompressionExtensions = {".gz", ".zst", ".zstd", ".xz",
                                                                    ".bz2"};
constexpr size_t kMaxRotationDigits = 7;
constexpr size_t kMinDateDigits = 8;

std::string_view StripCompressionExtension(std::string_view name) {
  for (std::string_view extension : kCompressionExtensions) {
    if (name.size() > extension.size() && name.ends_with(extension)) {
      return name.substr(0, name.size() - extension.size());
    }
  }
  return name;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the run of digits that ends name.
size_t TrailingDigits(std::string_view name) {
  const auto it = std::find_if_not(name.rbegin(), name.rend(), IsDigit);
  return static_cast<size_t>(it - name.rbegin());
}

uint64_t ParseDigits(std::string_view digits) {
  uint64_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<uint64_t>(c - '0');
  return value;
}

}  // namespace

RotationName ParseRotationName(std::string_view file_name) {
  const std::string_view stem = StripCompressionExtension(file_name);
  RotationName name;
  name.family = stem;
  const size_t digits = TrailingDigits(stem);
  if (digits == 0 || digits + 1 >= stem.size()) return name;  // no suffix, or no family before it
  const char separator = stem[stem.size() - digits - 1];
  const std::string_view suffix = stem.substr(stem.size() - digits);
  if (separator == '.' && digits <= kMaxRotationDigits) {
    name.kind = RotationName::Kind::kNumbered;
    name.number = ParseDigits(suffix);
  } else if ((separator == '-' || separator == '.') && digits >= kMinDateDigits) {
    name.kind = RotationName::Kind::kDated;
    name.date = suffix;
  } else {
    return name;
  }
  name.family = stem.substr(0, stem.size() - digits - 1);
  return name;
}

bool RotationNameLess(std::string_view a, std::string_view b) {
  const RotationName x = ParseRotationName(a);
  const RotationName y = ParseRotationName(b);
  // Dates compare as numbers (longer is later); rotation numbers compare reversed.
  return std::make_tuple(x.family, x.kind, x.date.size(), x.date, y.number, a) <
         std::make_tuple(y.family, y.kind, y.date.size(), y.date, x.number, b);
}

}  // namespace spraytrace::ingest
