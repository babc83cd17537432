// Lookup speed of enrichment (docs/enrichment.md): ip2asn binary search, MaxMind DB lookups
// through libmaxminddb, threat-intel matching, and the Enricher with its per-address cache.
// Data is generated here at the size of the real files (ip2asn-combined has ~500k ranges,
// GeoLite2-ASN ~500k networks); nothing is downloaded. Run:
//   build/release/bench/enrichment_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "correlate/enricher.h"
#include "correlate/intel_set.h"
#include "correlate/ip2asn_table.h"
#include "correlate/mmdb_database.h"
#include "correlate/testing/mmdb_test_writer.h"

namespace spraytrace::correlate {
namespace {

constexpr uint32_t kV4Ranges = 400000;  // ranges of 2^32 / kV4Ranges addresses each
constexpr uint32_t kMmdbNetworks = 1 << 17;

std::filesystem::path Dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             fmt::format("spraytrace_enrichment_bench_{}", ::getpid());
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

const std::string& Ip2asnPath() {
  static const std::string path = [] {
    const std::string p = (Dir() / "ip2asn-combined.tsv").string();
    std::ofstream out(p);
    const uint64_t step = (uint64_t{1} << 32) / kV4Ranges;
    for (uint32_t i = 0; i < kV4Ranges; ++i) {
      const uint64_t start = i * step;
      const uint64_t end = i + 1 == kV4Ranges ? UINT32_MAX : start + step - 1;
      out << IpAddress::FromV4(static_cast<uint32_t>(start)).ToString() << '\t'
          << IpAddress::FromV4(static_cast<uint32_t>(end)).ToString() << '\t' << 64512 + i % 60000
          << "\tDE\tBENCH-NET-" << i % 60000 << '\n';
    }
    for (uint32_t i = 0; i < 50000; ++i) {
      out << fmt::format(
          "2a{:02x}:{:x}::\t2a{:02x}:{:x}:ffff:ffff:ffff:ffff:ffff:ffff\t{}\tFR\tV6-{}\n", i >> 16,
          i & 0xffff, i >> 16, i & 0xffff, 64512 + i % 60000, i);
    }
    return p;
  }();
  return path;
}

const std::string& MmdbPath() {
  static const std::string path = [] {
    testing::MmdbTestWriter writer(6, "Bench-ASN", 28);
    const uint32_t step = static_cast<uint32_t>((uint64_t{1} << 32) / kMmdbNetworks);
    for (uint32_t i = 0; i < kMmdbNetworks; ++i) {
      writer.Insert(IpNetwork{IpAddress::FromV4(i * step), 15},
                    testing::AsnRecord(64512 + i % 60000, fmt::format("BENCH-AS-{}", i % 60000)));
    }
    const std::string p = (Dir() / "asn.mmdb").string();
    writer.WriteFile(p);
    return p;
  }();
  return path;
}

std::vector<IpAddress> RandomV4(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<IpAddress> ips;
  for (size_t i = 0; i < n; ++i) ips.push_back(IpAddress::FromV4(static_cast<uint32_t>(rng())));
  return ips;
}

void BM_Ip2asnLookup(benchmark::State& state) {
  Diagnostics diagnostics;
  auto table = Ip2asnTable::Load(Ip2asnPath(), &diagnostics);
  if (!table) state.SkipWithError(table.error().message().c_str());
  const auto ips = RandomV4(1 << 16, 1);
  size_t i = 0;
  uint64_t found = 0;
  for (auto _ : state) {
    const auto record = table->Lookup(ips[i++ & 0xffff]);
    found += record ? record->asn : 0;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ip2asnLookup);

void BM_MmdbLookup(benchmark::State& state) {
  auto db = MmdbDatabase::Open(MmdbPath());
  if (!db) state.SkipWithError(db.error().message().c_str());
  const auto ips = RandomV4(1 << 16, 2);
  size_t i = 0;
  MmdbAnswer answer;
  uint64_t found = 0;
  for (auto _ : state) {
    if ((*db)->Lookup(ips[i++ & 0xffff], &answer).ok()) found += answer.asn;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MmdbLookup);

void BM_IntelMatch(benchmark::State& state) {
  IntelSet set;
  const auto listed = RandomV4(100000, 3);
  for (const IpAddress& ip : listed) set.Add(IpNetwork{ip, 32}, "bench");
  for (const IpAddress& ip : RandomV4(1000, 4)) set.Add(IpNetwork{ip.Masked(24), 24}, "bench:24");
  const auto ips = RandomV4(1 << 16, 5);
  std::vector<uint32_t> tags;
  size_t i = 0;
  uint64_t found = 0;
  for (auto _ : state) {
    set.Match(ips[i++ & 0xffff], &tags);
    found += tags.size();
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IntelMatch);

// The Enricher over every source kind. range(0): distinct addresses cycled through; below the
// cache size they are hits after the first round, above it every lookup resolves afresh.
void BM_EnricherLookup(benchmark::State& state) {
  EnrichmentOptions options;
  options.asn_db = MmdbPath();
  options.ip2asn = Ip2asnPath();
  options.max_cached_sources = 1 << 16;
  Diagnostics diagnostics;
  auto enricher = Enricher::Open(options, &diagnostics);
  if (!enricher) {
    state.SkipWithError(enricher.error().message().c_str());
    return;
  }
  const auto ips = RandomV4(static_cast<size_t>(state.range(0)), 6);
  size_t i = 0;
  uint64_t found = 0;
  for (auto _ : state) {
    found += (*enricher)->Lookup(ips[i++ % ips.size()]).asn;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
  state.counters["cache_hit_ratio"] = static_cast<double>((*enricher)->stats().cache_hits) /
                                      static_cast<double>((*enricher)->stats().lookups);
}
BENCHMARK(BM_EnricherLookup)->Arg(10000)->Arg(1 << 20);

}  // namespace
}  // namespace spraytrace::correlate

BENCHMARK_MAIN();
