#include "cli/blocklist_command.h"

#include <fmt/format.h>

#include <cstdio>

#include "cli/config_file.h"
#include "cli/finding_records.h"
#include "eval/findings_reader.h"
#include "report/utf8.h"

namespace spraytrace::cli {
namespace {

constexpr const char* kBlocklistExamples = R"(Examples:
  spraytrace scan auth.log --findings findings.jsonl
  spraytrace blocklist --findings findings.jsonl --out ban.nft       then: nft -f ban.nft
  spraytrace blocklist --findings findings.jsonl --out ban.json      then: cscli decisions import -i ban.json
  spraytrace blocklist --findings findings.jsonl --format cidr --set blocklist.scope_v4=24
  spraytrace blocklist --findings findings.jsonl --out ban.ipset --as-of now --set blocklist.ttl=3d
  spraytrace blocklist --findings findings.jsonl --format stix --out shared.json   STIX 2.1 bundle
  spraytrace blocklist --print-config                               the [blocklist] policy keys

Which findings are blocked, how wide (IPv4 address or /24, IPv6 /64) and for how long (7 days
after the last evidence) is the [blocklist] policy: --config FILE, --set blocklist.KEY=VALUE.
Private, loopback and link-local networks and blocklist.allow networks are never blocked.
Formats: plain (one per line), cidr (aggregated), nft (nftables sets), ipset (ipset restore),
crowdsec (cscli decisions import JSON), stix (STIX 2.1 bundle: indicators, campaigns, to share
with other organisations); --format, else --out's extension (.stix.json is STIX, other .json
CrowdSec), else plain.
Exit codes: 0 written, 2 usage or input error (or no finding line could be read).)";

void PrintError(std::string_view message) {
  fmt::print(stderr, "spraytrace blocklist: {}\n", report::EscapeForTerminal(message));
}

}  // namespace

void BlocklistCommand::Register(CLI::App* app) {
  CLI::App* cmd = app->add_subcommand(
      "blocklist",
      "Build firewall blocklists, CrowdSec decisions and STIX indicators from a findings file");
  cmd->footer(kBlocklistExamples);
  cmd->add_option("--findings", findings_path_, "Findings JSON lines ('-': stdin)")
      ->option_text("FILE");
  cmd->add_option("--out", request_.paths,
                  "Write to FILE instead of stdout; the format from its name (repeatable)")
      ->option_text("FILE");
  cmd->add_option("--format", request_.format, "plain, cidr, nft, ipset, crowdsec or stix")
      ->option_text("NAME");
  cmd->add_option("--stix", request_.stix_paths,
                  "Also write the list as a STIX 2.1 bundle to FILE, whatever its name")
      ->option_text("FILE");
  cmd->add_option("--as-of", request_.as_of,
                  "Lifetimes count down from TIME ('now' or 2026-11-05T00:00:00Z); default: the "
                  "latest evidence in the findings")
      ->option_text("TIME");
  cmd->add_option("--config", config_path_, "Settings ([blocklist] section) from a TOML file")
      ->option_text("FILE");
  cmd->add_option("--set", settings_, "Override one setting, e.g. --set blocklist.scope_v4=24")
      ->option_text("KEY=VALUE");
  cmd->add_flag("--print-config", print_config_,
                "Print every setting with its value (after --config/--set) and exit");
  cmd->add_flag("--quiet", quiet_, "Print nothing on stderr but errors");
  cmd->callback([this] {
    ran_ = true;
    exit_code_ = Run();
  });
}

ExitCode BlocklistCommand::Run() {
  Config config;
  if (!config_path_.empty()) {
    if (Status s = ApplyConfigFile(config_path_, &config); !s.ok()) {
      PrintError(s.message());
      return ExitCode::kUsageOrInputError;
    }
  }
  for (const std::string& setting : settings_) {
    if (Status s = ApplySetting(setting, &config); !s.ok()) {
      PrintError(s.message());
      return ExitCode::kUsageOrInputError;
    }
  }
  if (Status s = config.Validate(); !s.ok()) {
    PrintError(s.message());
    return ExitCode::kUsageOrInputError;
  }
  if (print_config_) {
    fmt::print("{}", RenderConfig(config));
    return ExitCode::kNothingFound;
  }
  if (findings_path_.empty()) {
    PrintError("no findings: give --findings FILE (written by 'spraytrace scan --findings')");
    return ExitCode::kUsageOrInputError;
  }
  BlocklistRequest request = request_;
  if (request.paths.empty() && request.stix_paths.empty()) request.paths.push_back("-");
  if (!request.format.empty() && request.paths.size() > 1) {
    PrintError("--format applies to every --out: give one --out, or name each by extension");
    return ExitCode::kUsageOrInputError;
  }
  if (Status s = ValidateRequest(request); !s.ok()) {
    PrintError(s.message());
    return ExitCode::kUsageOrInputError;
  }
  auto file = eval::LoadFindings(findings_path_);
  if (!file) {
    PrintError(file.error().message());
    return ExitCode::kUsageOrInputError;
  }
  if (file->bad_lines > 0) {
    PrintError(fmt::format("{} of {} findings lines could not be read (first: line {}: {})",
                           file->bad_lines, file->lines, file->bad_samples[0].line,
                           file->bad_samples[0].reason));
    if (file->findings.empty()) return ExitCode::kUsageOrInputError;
  }
  const ConvertedFindings converted = FindingsFromRecords(file->findings);
  if (converted.unknown_rules > 0) {
    PrintError(fmt::format("{} findings name a rule spraytrace does not know; left out",
                           converted.unknown_rules));
  }
  auto notes = WriteBlocklists(converted.findings, config.blocklist, request);
  if (!notes) {
    PrintError(notes.error().message());
    return ExitCode::kUsageOrInputError;
  }
  if (!quiet_) {
    for (const std::string& note : *notes) {
      fmt::print(stderr, "spraytrace blocklist: {}\n", report::EscapeForTerminal(note));
    }
  }
  return ExitCode::kNothingFound;
}

}  // namespace spraytrace::cli
