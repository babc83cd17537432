// Test helpers: run a simulation into memory and parse it back with spraytrace's own parser.
#ifndef SPRAYTRACE_SIMULATE_SIMULATION_TEST_SUPPORT_H_
#define SPRAYTRACE_SIMULATE_SIMULATION_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/event_sink.h"
#include "parse/log_parser.h"
#include "simulate/simulator.h"

namespace spraytrace::simulate {

struct SimulatedLog {
  std::string text;
  GroundTruth truth;
  SimulationStats stats;
};

inline SimulatedLog SimulateToMemory(const SimulationConfig& config) {
  SimulatedLog out;
  char* data = nullptr;
  size_t size = 0;
  std::FILE* f = ::open_memstream(&data, &size);
  EXPECT_TRUE(Simulate(config, f, &out.truth, &out.stats).ok());
  std::fclose(f);
  out.text.assign(data, size);
  std::free(data);
  return out;
}

struct ParsedLog {
  StringPool strings;
  Diagnostics diagnostics;
  parse::CollectingSink sink;
  parse::ParseStats stats;
};

inline void ParseText(std::string_view text, int year, ParsedLog* out) {
  parse::LogParser parser(&out->strings, &out->diagnostics);
  parser.BeginFile(0, "auth.log", parse::YearHint{year, 1, true});
  uint64_t number = 0;
  size_t offset = 0;
  while (offset < text.size()) {
    size_t end = text.find('\n', offset);
    if (end == std::string_view::npos) end = text.size();
    parser.ParseLine(text.substr(offset, end - offset), ++number, offset, &out->sink);
    offset = end + 1;
  }
  parser.EndFile(&out->sink);
  out->stats = parser.stats();
}

// A small, fast configuration for tests (Debug builds).
inline SimulationConfig SmallConfig(std::string_view preset, int64_t users, int64_t days) {
  SimulationConfig config;
  EXPECT_TRUE(ApplyPreset(preset, &config).ok());
  config.benign.users = users;
  config.days = days;
  return config;
}

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_SIMULATION_TEST_SUPPORT_H_
