#include "cli/blocklist_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "report/blocklist/blocklist_decision.h"
#include "simulate/iso_time.h"

namespace spraytrace::cli {
namespace {

Result<report::BlocklistFormat> FormatFor(const std::string& path, const std::string& forced) {
  if (!forced.empty()) return report::ParseBlocklistFormat(forced);
  if (auto format = report::BlocklistFormatFromPath(path)) return *format;
  if (path == "-") return report::BlocklistFormat::kPlain;
  return Status::InvalidArgument(fmt::format(
      "cannot tell the blocklist format of '{}' from its name (.txt, .cidr, .nft, .ipset, "
      ".json, .stix.json): give --blocklist-format plain|cidr|nft|ipset|crowdsec|stix",
      path));
}

Status WriteWhole(const std::string& path, const std::string& text) {
  if (path == "-") {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
        std::fflush(stdout) != 0) {
      return Status::IoError(
          fmt::format("cannot write to standard output: {}", std::strerror(errno)));
    }
    return Status::Ok();
  }
  const std::string temporary = path + ".tmp";
  std::FILE* out = std::fopen(temporary.c_str(), "wb");
  if (out == nullptr) {
    return Status::IoError(fmt::format("cannot write '{}': {}", temporary, std::strerror(errno)));
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  const bool closed = std::fclose(out) == 0;
  std::error_code error;
  if (written && closed) std::filesystem::rename(temporary, path, error);
  if (!written || !closed || error) {
    const std::string why = error ? error.message() : std::strerror(errno);
    std::filesystem::remove(temporary, error);
    return Status::IoError(fmt::format("cannot write '{}': {}", path, why));
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<Timestamp>> ParseAsOf(std::string_view text) {
  if (text.empty()) return std::optional<Timestamp>();
  if (text == "now") {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::optional<Timestamp>(
        std::chrono::duration_cast<std::chrono::microseconds>(now).count());
  }
  Timestamp time = 0;
  if (!simulate::ParseIsoTime(text, &time)) {
    return Status::InvalidArgument(fmt::format(
        "invalid --as-of '{}': must be 'now' or a UTC time such as 2026-11-05T00:00:00Z", text));
  }
  return std::optional<Timestamp>(time);
}

bool BlocklistRequest::writes_stdout() const {
  return std::find(paths.begin(), paths.end(), "-") != paths.end() ||
         std::find(stix_paths.begin(), stix_paths.end(), "-") != stix_paths.end();
}

Status ValidateRequest(const BlocklistRequest& request) {
  for (const std::string& path : request.paths) {
    if (auto format = FormatFor(path, request.format); !format) return format.error();
  }
  if (request.format.empty() == false && request.paths.empty()) {
    return Status::InvalidArgument("--blocklist-format needs --blocklist FILE");
  }
  const auto on_stdout = std::count(request.paths.begin(), request.paths.end(), "-") +
                         std::count(request.stix_paths.begin(), request.stix_paths.end(), "-");
  if (on_stdout > 1) {
    return Status::InvalidArgument("only one blocklist or STIX bundle can go to stdout ('-')");
  }
  return ParseAsOf(request.as_of).error();
}

Result<std::vector<std::string>> WriteBlocklists(const std::vector<detect::Finding>& findings,
                                                 const report::BlocklistPolicy& policy,
                                                 const BlocklistRequest& request) {
  if (Status s = ValidateRequest(request); !s.ok()) return s;
  const auto as_of = ParseAsOf(request.as_of);
  const report::Blocklist list = report::DecideBlocklist(findings, policy, *as_of);
  std::vector<std::pair<std::string, report::BlocklistFormat>> outputs;
  for (const std::string& path : request.paths) {
    outputs.emplace_back(path, *FormatFor(path, request.format));
  }
  for (const std::string& path : request.stix_paths) {
    outputs.emplace_back(path, report::BlocklistFormat::kStix);
  }
  std::vector<std::string> notes;
  for (const auto& [path, format] : outputs) {
    const std::string text = report::RenderBlocklist(list, policy, format);
    if (Status s = WriteWhole(path, text); !s.ok()) return s;
    const std::string campaigns = format == report::BlocklistFormat::kStix
                                      ? fmt::format(", {} campaign{}", list.campaigns.size(),
                                                    list.campaigns.size() == 1 ? "" : "s")
                                      : "";
    notes.push_back(fmt::format(
        "{}: {} {} entries{} (from {} addresses in {} findings; {} allowed, "
        "{} expired)",
        path == "-" ? "stdout" : path, report::ListForFormat(list, policy, format).entries.size(),
        report::BlocklistFormatName(format), campaigns, list.counts.addresses,
        list.counts.findings_selected, list.counts.allowed, list.counts.expired));
  }
  return notes;
}

}  // namespace spraytrace::cli
