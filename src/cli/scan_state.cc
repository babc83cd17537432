#include "cli/scan_state.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <vector>

namespace spraytrace::cli {
namespace {

constexpr std::string_view kStartFresh =
    "it was left as it is; scan with --state-reset to start a fresh state in its place "
    "(the history in it is lost)";

// "section.key" -> value, from the rendered settings.
std::map<std::string, std::string, std::less<>> SettingsMap(std::string_view text) {
  std::map<std::string, std::string, std::less<>> out;
  std::string section;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty()) continue;
    if (line.front() == '[') {
      section = std::string(line.substr(1, line.find(']') - 1));
      continue;
    }
    const size_t eq = line.find(" = ");
    if (eq == std::string_view::npos) continue;
    out[section + "." + std::string(line.substr(0, eq))] = std::string(line.substr(eq + 3));
  }
  return out;
}

}  // namespace

std::string DetectorSettingsOf(std::string_view rendered) {
  std::string out;
  bool keep = true;
  size_t start = 0;
  while (start < rendered.size()) {
    size_t end = rendered.find('\n', start);
    end = end == std::string_view::npos ? rendered.size() : end + 1;
    const std::string_view line = rendered.substr(start, end - start);
    if (!line.empty() && line.front() == '[') {
      keep = !line.starts_with("[blocklist]") && !line.starts_with("[enrichment]");
    }
    if (keep) out.append(line);
    start = end;
  }
  return out;
}

std::string DetectorSettingsText(const Config& config) {
  return DetectorSettingsOf(RenderConfig(config));
}

std::string SettingsDifference(std::string_view saved, std::string_view now, size_t limit) {
  const auto before = SettingsMap(saved);
  const auto after = SettingsMap(now);
  std::vector<std::string> diffs;
  for (const auto& [key, value] : after) {
    const auto it = before.find(key);
    if (it == before.end()) {
      diffs.push_back(fmt::format("{} = {} now, not set there", key, value));
    } else if (it->second != value) {
      diffs.push_back(fmt::format("{} = {} there, {} now", key, it->second, value));
    }
  }
  for (const auto& [key, value] : before) {
    if (!after.contains(key)) {
      diffs.push_back(fmt::format("{} = {} there, unknown now", key, value));
    }
  }
  std::string out;
  for (size_t i = 0; i < diffs.size() && i < limit; ++i) {
    if (i > 0) out += "; ";
    out += diffs[i];
  }
  if (diffs.size() > limit) out += fmt::format("; and {} more", diffs.size() - limit);
  return out;
}

std::string DamagedStateMessage(const std::string& path, std::string_view what) {
  return fmt::format("state file '{}' is damaged ({}); {}", path, what, kStartFresh);
}

Result<OpenedState> OpenStateFile(const std::string& path, bool reset, std::string_view settings) {
  OpenedState opened;
  if (reset) return opened;
  Result<store::Snapshot> read = store::ReadSnapshotFile(path);
  if (!read) {
    const Status& e = read.error();
    switch (e.code()) {
      case ErrorCode::kNotFound:
        return opened;
      case ErrorCode::kCorruption:
        return Status::Corruption(DamagedStateMessage(path, e.message()));
      case ErrorCode::kUnsupported:
        return Status::Unsupported(
            fmt::format("state file '{}' cannot be read: {}; {}", path, e.message(), kStartFresh));
      default:
        return Status(e.code(), fmt::format("state file '{}': {}", path, e.message()));
    }
  }
  // Filtered again: files written before [enrichment] was left out still hold it.
  const std::string saved = DetectorSettingsOf(read->header.settings);
  if (saved != settings) {
    return Status::InvalidArgument(fmt::format(
        "state file '{}' was built with other detector settings ({}); scan with the settings "
        "it was built with (--config/--set), or {}",
        path, SettingsDifference(saved, settings),
        "with --state-reset to start a fresh state in its place (the history in it is lost)"));
  }
  opened.exists = true;
  opened.snapshot = std::move(*read);
  return opened;
}

Status SaveStateFile(const std::string& path, std::string_view settings,
                     const StateOutcome& outcome) {
  store::SnapshotHeader header;
  header.spraytrace_version = SPRAYTRACE_VERSION;
  header.settings = std::string(settings);
  header.clock = outcome.clock;
  header.written_at = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return store::WriteSnapshotFile(path, std::move(header), outcome.body);
}

}  // namespace spraytrace::cli
