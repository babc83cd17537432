// libFuzzer target: arbitrary bytes through the parse stage's front door, line by line, as the
// scan pipeline feeds it. Any crash, sanitizer report or hang is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/log_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  spraytrace::StringPool strings;
  spraytrace::Diagnostics diagnostics;
  spraytrace::parse::LogParser parser(&strings, &diagnostics);
  spraytrace::parse::CollectingSink sink;
  parser.BeginFile(0, "fuzz", spraytrace::parse::YearHint{2026, 12, false});
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  uint64_t number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    parser.ParseLine(text.substr(start, end - start), ++number, start, &sink);
    start = end + 1;
  }
  parser.EndFile(&sink);
  return 0;
}
