#include "simulate/simulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include "simulate/attack_scenarios.h"
#include "simulate/benign_traffic.h"
#include "simulate/covert_network.h"
#include "simulate/log_formats.h"
#include "simulate/population.h"
#include "simulate/sshd_line_writer.h"
#include "simulate/truth_recorder.h"

namespace spraytrace::simulate {
namespace {

// Random streams: one per component (and instance), indexed by day.
enum Stream : uint64_t {
  kPopulationStream = 1,
  kBenignStream,
  kBruteForceStream,
  kSprayStream,
  kCovertStream,
  kNoiseStream,
  kLayoutStream,
  kPidStream,
  kBootStream,
};
constexpr uint64_t StreamId(Stream stream, uint64_t instance) { return stream << 20 | instance; }
constexpr uint64_t kSetupIndex = UINT64_MAX;  // the day index of a component's setup stream
constexpr size_t kFlushBytes = 1 << 20;
constexpr uint32_t kMaxPid = 4194303;  // /proc/sys/kernel/pid_max on 64-bit Linux

class Simulator {
 public:
  Simulator(const SimulationConfig& config, std::FILE* log);
  Status Run(GroundTruth* truth, SimulationStats* stats);

 private:
  Rng StreamRng(Stream stream, uint64_t instance, uint64_t index) const {
    return Rng(DeriveSeed(config_.seed, StreamId(stream, instance), index));
  }
  void SetUpScenarios();
  void GenerateDay(const Day& day);
  void LayOut(const Day& day);
  Status WriteUntil(Timestamp end, bool everything);
  Status Flush();
  uint32_t NextPid();

  SimulationConfig config_;
  std::FILE* log_;
  Population population_;
  TruthRecorder truth_;
  std::unique_ptr<BenignTraffic> benign_;
  std::vector<BruteForce> brute_forces_;
  std::vector<SingleSourceSpray> sprays_;
  std::unique_ptr<CovertNetwork> covert_;
  std::unique_ptr<BackgroundNoise> noise_;
  std::unique_ptr<RecordWriter> writer_;
  std::vector<Connection> connections_;  // today's, after those carried from yesterday
  size_t first_new_ = 0;                 // connections before this were laid out already
  std::vector<LineRef> lines_;
  fmt::memory_buffer out_;
  Rng pid_rng_;
  uint32_t pid_ = 0;
  SimulationStats stats_;
};

Simulator::Simulator(const SimulationConfig& config, std::FILE* log)
    : config_(config), log_(log), pid_rng_(DeriveSeed(config.seed, kPidStream, 0)) {
  pid_ = static_cast<uint32_t>(pid_rng_.Between(1000, 60000));
  if (config_.start == 0) config_.start = DefaultStart();
}

void Simulator::SetUpScenarios() {
  const int64_t days = config_.days;
  for (int64_t i = 0; i < config_.brute_force.count; ++i) {
    Rng setup = StreamRng(kBruteForceStream, static_cast<uint64_t>(i), kSetupIndex);
    const int16_t id =
        truth_.AddScenario(fmt::format("brute-force-{}", i + 1), ScenarioKind::kBruteForce);
    brute_forces_.emplace_back(config_.brute_force, id, days, &population_, &setup);
  }
  for (int64_t i = 0; i < config_.spray.count; ++i) {
    Rng setup = StreamRng(kSprayStream, static_cast<uint64_t>(i), kSetupIndex);
    const int16_t id = truth_.AddScenario(fmt::format("single-source-spray-{}", i + 1),
                                          ScenarioKind::kSingleSourceSpray);
    sprays_.emplace_back(config_.spray, id, days, &population_, &setup);
  }
  if (config_.covert.count > 0) {
    Rng setup = StreamRng(kCovertStream, 0, kSetupIndex);
    const int16_t id = truth_.AddScenario("covert-1", ScenarioKind::kCovertNetwork);
    covert_ = std::make_unique<CovertNetwork>(config_.covert, id, days, &population_, &setup);
  }
  if (config_.noise.count > 0) {
    const int16_t id = truth_.AddScenario("background-noise-1", ScenarioKind::kBackgroundNoise);
    noise_ = std::make_unique<BackgroundNoise>(config_.noise, id, &population_);
  }
}

void Simulator::GenerateDay(const Day& day) {
  const auto d = static_cast<uint64_t>(day.index);
  Rng benign = StreamRng(kBenignStream, 0, d);
  benign_->GenerateDay(day, &benign, &connections_);
  for (size_t i = 0; i < brute_forces_.size(); ++i) {
    Rng rng = StreamRng(kBruteForceStream, i, d);
    brute_forces_[i].GenerateDay(day, &rng, &connections_);
  }
  for (size_t i = 0; i < sprays_.size(); ++i) {
    Rng rng = StreamRng(kSprayStream, i, d);
    sprays_[i].GenerateDay(day, &rng, &connections_);
  }
  if (covert_) {
    Rng rng = StreamRng(kCovertStream, 0, d);
    covert_->GenerateDay(day, &rng, &connections_);
  }
  if (noise_) {
    Rng rng = StreamRng(kNoiseStream, 0, d);
    noise_->GenerateDay(day, &rng, &connections_);
  }
}

// Expands the day's new connections into lines and records them in the truth.
void Simulator::LayOut(const Day& day) {
  Rng rng = StreamRng(kLayoutStream, 0, static_cast<uint64_t>(day.index));
  for (size_t i = first_new_; i < connections_.size(); ++i) {
    const Connection& c = connections_[i];
    const bool exists = population_.accounts.exists(c.account);
    const ConnectionTimes times =
        ExpandConnection(c, exists, static_cast<uint32_t>(i), &rng, &lines_);
    truth_.Record(c, times);
    const uint32_t attempts = AttemptsOf(c);
    stats_.attempts += attempts;
    if (c.scenario != kBenign) stats_.attack_attempts += attempts;
  }
  stats_.connections += connections_.size() - first_new_;
}

uint32_t Simulator::NextPid() {
  pid_ += 1 + static_cast<uint32_t>(pid_rng_.Below(6));  // other processes fork in between
  if (pid_ > kMaxPid) pid_ = 1000 + static_cast<uint32_t>(pid_rng_.Below(1000));
  return pid_;
}

Status Simulator::Flush() {
  if (out_.size() == 0) return Status::Ok();
  if (std::fwrite(out_.data(), 1, out_.size(), log_) != out_.size()) {
    return Status::IoError(fmt::format("writing the log failed: {}", std::strerror(errno)));
  }
  stats_.bytes += out_.size();
  out_.clear();
  return Status::Ok();
}

// Writes the sorted lines before end (all with everything) and carries the rest, with their
// connections, into the next day.
Status Simulator::WriteUntil(Timestamp end, bool everything) {
  std::sort(lines_.begin(), lines_.end());
  const auto split = everything
                         ? lines_.end()
                         : std::partition_point(lines_.begin(), lines_.end(),
                                                [end](const LineRef& l) { return l.time < end; });
  for (auto it = lines_.begin(); it != split; ++it) {
    Connection& c = connections_[it->conn];
    if (c.pid == 0) c.pid = NextPid();
    const size_t before = out_.size();
    writer_->Append(*it, c, &out_);
    // Families that log one record per attempt write nothing for most references.
    stats_.lines +=
        static_cast<uint64_t>(std::count(out_.data() + before, out_.data() + out_.size(), '\n'));
    if (out_.size() >= kFlushBytes) {
      if (Status s = Flush(); !s.ok()) return s;
    }
  }
  std::vector<uint32_t> remap(connections_.size(), UINT32_MAX);
  std::vector<Connection> carried;
  std::vector<LineRef> carried_lines;
  for (auto it = split; it != lines_.end(); ++it) {
    if (remap[it->conn] == UINT32_MAX) {
      remap[it->conn] = static_cast<uint32_t>(carried.size());
      carried.push_back(connections_[it->conn]);
    }
    LineRef line = *it;
    line.conn = remap[it->conn];
    carried_lines.push_back(line);
  }
  connections_ = std::move(carried);
  lines_ = std::move(carried_lines);
  first_new_ = connections_.size();
  return Flush();
}

Status Simulator::Run(GroundTruth* truth, SimulationStats* stats) {
  Rng population_rng = StreamRng(kPopulationStream, 0, 0);
  BuildPopulation(config_.benign, &population_rng, &population_);
  benign_ = std::make_unique<BenignTraffic>(config_.benign, &population_);
  SetUpScenarios();
  Rng boot = StreamRng(kBootStream, 0, 0);
  WriterSetup setup;
  setup.config = &config_;
  setup.population = &population_;
  setup.boot = config_.start - static_cast<Timestamp>(boot.Between(1, 30 * 24)) * kMicrosPerHour;
  setup.boot_id_seed = boot.Next();
  const LogFormatInfo& format = LogFormatOf(config_.format);
  writer_ = format.make_writer(setup);
  writer_->Begin(&out_);
  for (int64_t d = 0; d < config_.days; ++d) {
    Day day;
    day.index = d;
    day.start = config_.start + d * kMicrosPerDay;
    day.weekend = (day.start / kMicrosPerDay + 3) % 7 >= 5;  // 1970-01-01 was a Thursday
    GenerateDay(day);
    LayOut(day);
    if (Status s = WriteUntil(day.start + kMicrosPerDay, d + 1 == config_.days); !s.ok()) return s;
  }
  writer_->End(&out_);
  if (Status s = Flush(); !s.ok()) return s;
  truth->seed = config_.seed;
  truth->start = config_.start;
  truth->end = config_.start + config_.days * kMicrosPerDay;
  truth->log_format = std::string(LogFormatName(config_.format));
  truth->benign_users = static_cast<uint64_t>(config_.benign.users);
  truth->lines = stats_.lines;
  truth_.Finish(population_, format.second_resolution, truth);
  *stats = stats_;
  return Status::Ok();
}

}  // namespace

Status Simulate(const SimulationConfig& config, std::FILE* log, GroundTruth* truth,
                SimulationStats* stats) {
  Simulator simulator(config, log);
  return simulator.Run(truth, stats);
}

std::string LogFileName(LogFormat format) { return std::string(LogFormatOf(format).file_name); }

Status SimulateToDirectory(const SimulationConfig& config, const std::string& dir,
                           SimulationStats* stats) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(fmt::format("cannot create '{}': {}", dir, ec.message()));
  const std::string log_path = (std::filesystem::path(dir) / LogFileName(config.format)).string();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> log(std::fopen(log_path.c_str(), "wb"),
                                                      &std::fclose);
  if (!log) {
    return Status::IoError(fmt::format("cannot write '{}': {}", log_path, std::strerror(errno)));
  }
  GroundTruth truth;
  if (Status s = Simulate(config, log.get(), &truth, stats); !s.ok()) return s;
  if (std::fclose(log.release()) != 0) {
    return Status::IoError(fmt::format("writing '{}' failed: {}", log_path, std::strerror(errno)));
  }
  const std::string truth_path = (std::filesystem::path(dir) / "truth.json").string();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(truth_path.c_str(), "wb"),
                                                      &std::fclose);
  const std::string json = GroundTruthToJson(truth);
  if (!out || std::fwrite(json.data(), 1, json.size(), out.get()) != json.size()) {
    return Status::IoError(fmt::format("cannot write '{}': {}", truth_path, std::strerror(errno)));
  }
  return Status::Ok();
}

}  // namespace spraytrace::simulate
