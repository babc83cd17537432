#include "cli/scan_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include "cli/config_file.h"
#include "cli/progress_display.h"
#include "cli/scan_runner.h"
#include "cli/scan_state.h"
#include "parse/csv/csv_mapping.h"
#include "parse/family_registry.h"
#include "parse/log_parser.h"
#include "report/findings_jsonl.h"
#include "report/html_report.h"
#include "report/source_profile_text.h"
#include "report/terminal_summary.h"
#include "report/utf8.h"

namespace spraytrace::cli {
namespace {

constexpr const char* kScanExamples = R"(Examples:
  spraytrace scan /var/log/auth.log                 summary on the terminal
  spraytrace scan /var/log/ --findings alerts.jsonl all logs under a folder, findings to a file
  spraytrace scan auth.log.2.gz auth.log.1 auth.log rotated logs, plain/gzip/zstd mixed
  journalctl -u ssh -o json | spraytrace scan -     journald export from stdin
  spraytrace scan auth.log | jq -r '.rule.name + " " + (.related.ip|join(","))'
  spraytrace scan signins.json audit.csv 4625.evtx  Entra, M365, Windows, VPN logs: auto-detected
  spraytrace scan export.csv --csv-columns time=Time,user=Account,source=ClientIP,outcome=Result
  spraytrace scan auth.log --report report.html     findings as a page to read (one file, no script)
  spraytrace scan auth.log --set brute_force.max_failures=3 --set spray.window=48h
  spraytrace scan --print-config > spraytrace.toml  then edit and pass --config spraytrace.toml
  spraytrace scan auth.log --blocklist ban.nft --blocklist ban.json   nftables sets + CrowdSec
  spraytrace scan auth.log --blocklist - --blocklist-format cidr --set blocklist.scope_v4=24
  spraytrace scan auth.log --stix indicators.json   STIX 2.1 indicators + campaign, to share
  spraytrace scan auth.log --asn-db GeoLite2-ASN.mmdb --geo-db GeoLite2-Country.mmdb
  spraytrace scan auth.log --ip2asn ip2asn-combined.tsv.gz --intel quad7.txt --intel feed.json
  spraytrace scan today.log --state spraytrace.state  day after day: a slow spray is seen across
                                                    runs as in one scan of every day's log

Findings are JSON lines in Elastic Common Schema names (rule.name, related.ip, related.user,
user.name, source.ip, event.start/end, spraytrace.evidence; with enrichment also source.as.number,
source.geo.country_iso_code, spraytrace.intel and spraytrace.sources). When stdout is not a terminal and
--findings is not given, they go to stdout; on a terminal a readable summary is printed instead.
Log families are recognised per file and per line; --format NAME reads only one of them.
Year-less syslog timestamps take their year from each file's modification time (--year forces).
With --state FILE a run continues from the state an earlier run saved and saves it again;
findings an earlier run already reported are marked "continued" (docs/findings.md).
Exit codes: 0 nothing found, 1 findings (with --state: new ones), 2 usage or input error (or
nothing could be read, or the state file is damaged or was built with other settings).)";

// Collects findings for the summary and forwards them to the JSONL writer when there is one.
class TeeSink final : public detect::FindingSink {
 public:
  explicit TeeSink(detect::FindingSink* next) : next_(next) {}
  void OnFinding(detect::Finding finding) override {
    findings.push_back(finding);
    if (next_) next_->OnFinding(std::move(finding));
  }
  std::vector<detect::Finding> findings;

 private:
  detect::FindingSink* next_;
};

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f && f != stdout) std::fclose(f);
  }
};

std::string JoinFamilyNames() {
  std::string names;
  for (const std::string& name : parse::FamilyNames()) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

void PrintError(std::string_view message) {
  fmt::print(stderr, "spraytrace scan: {}\n", report::EscapeForTerminal(message));
}

// Renders the HTML report and writes it to `file`; on success sets *done to what the summary
// says about it ("report.html (212 KB, 9 ms)").
bool WriteReport(const ScanContext& context, const std::vector<detect::Finding>& findings,
                 size_t top, std::FILE* file, std::string* done) {
  const auto started = std::chrono::steady_clock::now();
  report::HtmlReportInput input;
  input.counts = &context.counts;
  input.tally = &context.tally;
  input.findings = &findings;
  input.files = &context.files;
  input.diagnostics = &context.diagnostics;
  input.strings = &context.strings;
  input.generated = static_cast<Timestamp>(std::chrono::duration_cast<std::chrono::microseconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count());
  input.version = SPRAYTRACE_VERSION;
  input.top = top;
  const std::string page = report::RenderHtmlReport(input);
  const bool ok =
      std::fwrite(page.data(), 1, page.size(), file) == page.size() && std::fflush(file) == 0;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  *done = fmt::format("{:.0f} KB, {} ms", static_cast<double>(page.size()) / 1024.0, ms);
  return ok;
}

// What --state did, on stderr (stdout may carry findings).
void PrintNote(std::string_view message) {
  fmt::print(stderr, "spraytrace scan: state: {}\n", report::EscapeForTerminal(message));
}

std::string HumanBytes(uint64_t bytes) {
  if (bytes < 10 * 1024) return fmt::format("{} B", bytes);
  if (bytes < 10 * 1024 * 1024) return fmt::format("{} KB", bytes / 1024);
  return fmt::format("{} MB", bytes / (1024 * 1024));
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// After a run with --state: the warning for events the state had already seen, and the save.
Status FinishState(const std::string& path, const std::string& settings,
                   const StateOutcome& outcome) {
  if (outcome.events_before_state > 0) {
    fmt::print(stderr,
               "spraytrace scan: warning: {} events from {} on are at or before the state's "
               "clock ({}): an earlier run with this state read them, or the logs are older than "
               "it. They were not given to the detectors (re-reading a log must not count it "
               "twice); scan old logs without --state, or with a state of their own\n",
               outcome.events_before_state, FormatIso8601(outcome.oldest_before_state),
               FormatIso8601(outcome.clock));
  }
  if (outcome.body.empty()) {
    PrintNote(fmt::format("nothing new was read: '{}' left as it is", path));
    return Status::Ok();
  }
  const auto started = std::chrono::steady_clock::now();
  if (Status s = SaveStateFile(path, settings, outcome); !s.ok()) {
    return Status(s.code(), fmt::format("saving the state failed: {}", s.message()));
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  PrintNote(fmt::format("saved '{}' ({}, events up to {}, {} detected this run, {:.2f}s){}", path,
                        HumanBytes(ec ? 0 : size), FormatIso8601(outcome.clock),
                        outcome.events_detected, SecondsSince(started),
                        outcome.continued_findings == 0
                            ? std::string()
                            : fmt::format("; {} findings continue ones an earlier run reported",
                                          outcome.continued_findings)));
  return Status::Ok();
}

}  // namespace

void ScanCommand::Register(CLI::App* app) {
  CLI::App* scan = app->add_subcommand(
      "scan", "Read authentication logs and report brute force and password spraying");
  scan->footer(kScanExamples);
  scan->add_option("paths", inputs_,
                   "Log files or folders (plain, .gz, .zst; recognised by content); '-' is stdin");
  scan->add_option("--findings", findings_path_,
                   "Write findings as JSON lines to FILE ('-': stdout)")
      ->option_text("FILE");
  scan->add_option("--report", report_path_,
                   "Write an HTML report to FILE: headline, timeline, campaigns, compromised "
                   "accounts (self-contained, no script)")
      ->option_text("FILE");
  scan->add_option("--config", config_path_, "Detector settings from a TOML file")
      ->option_text("FILE");
  scan->add_option("--set", settings_,
                   "Override one setting, e.g. --set brute_force.max_failures=3 (repeatable)")
      ->option_text("KEY=VALUE");
  scan->add_option("--year", year_, "Year of the first year-less syslog timestamp in each input")
      ->check(CLI::Range(1970, 9999));
  scan->add_option(
          "--format", format_,
          "Read only this log family (default: recognise each file's): " + JoinFamilyNames())
      ->option_text("NAME");
  scan->add_option("--csv-columns", csv_columns_,
                   "Read CSV exports with this column mapping: time=COL,user=COL,source=COL,"
                   "outcome=COL[,reason=COL,host=COL,tenant=COL,client=COL,service=COL,"
                   "success=VALUE|VALUE]")
      ->option_text("MAPPING");
  scan->add_option("--blocklist", blocklists_.paths,
                   "Write a blocklist of the attacking sources to FILE, in the format its name "
                   "says: .txt plain, .cidr aggregated, .nft nftables, .ipset ipset restore, "
                   ".json CrowdSec decisions, .stix.json STIX 2.1 (repeatable; policy: [blocklist] "
                   "settings)")
      ->option_text("FILE");
  scan->add_option("--blocklist-format", blocklists_.format,
                   "Format of every --blocklist: plain, cidr, nft, ipset, crowdsec, stix")
      ->option_text("NAME");
  scan->add_option("--stix", blocklists_.stix_paths,
                   "Write the blocklist as a STIX 2.1 bundle to FILE (any name): indicators with "
                   "validity, the campaign they indicate, to share with other organisations")
      ->option_text("FILE");
  scan->add_option("--as-of", blocklists_.as_of,
                   "Blocklist and STIX lifetimes count down from TIME ('now' or "
                   "2026-11-05T00:00:00Z): entries expired by then are left out; default: the "
                   "latest evidence")
      ->option_text("TIME");
  scan->add_option("--asn-db", asn_db_,
                   "MaxMind ASN database (GeoLite2-ASN.mmdb): AS number and name of each source")
      ->option_text("FILE");
  scan->add_option("--geo-db", geo_db_,
                   "MaxMind country or city database (GeoLite2-Country.mmdb): country of each "
                   "source")
      ->option_text("FILE");
  scan->add_option("--ip2asn", ip2asn_,
                   "ip2asn TSV from iptoasn.com (v4, v6, combined or -u32; .gz ok): AS and "
                   "registry country of each source")
      ->option_text("FILE");
  scan->add_option("--intel", intel_,
                   "Threat-intel list (plain IPs/CIDRs, CSV or STIX 2.1 bundle) tagging the "
                   "sources it names (repeatable)")
      ->option_text("FILE");
  scan->add_flag("--summary", summary_,
                 "Print the readable summary even when stdout is not a terminal (to stderr if "
                 "findings go to stdout)");
  scan->add_flag("--no-summary", no_summary_, "Never print the summary");
  scan->add_flag("--no-progress", no_progress_,
                 "Never show the progress line (shown only when stderr is a terminal)");
  scan->add_option("--top", top_, "Rows in each summary table")->capture_default_str();
  scan->add_option("--threads", threads_,
                   "Threads to use (default: every core); findings are the same for any number")
      ->check(CLI::Range(1, 1024))
      ->option_text("N");
  scan->add_option("--state", state_path_,
                   "Keep detection state across runs in FILE: read before the scan (a missing "
                   "file starts fresh), saved after it")
      ->option_text("FILE");
  scan->add_flag("--state-reset", state_reset_,
                 "With --state: ignore what FILE holds and start a fresh state in its place");
  scan->add_flag("--print-config", print_config_,
                 "Print every detector setting with its value (after --config/--set) and exit");
  scan->callback([this] {
    ran_ = true;
    exit_code_ = Run();
  });
}

ExitCode ScanCommand::Run() {
  ScanOptions options;
  options.inputs = inputs_;
  options.year = year_;
  options.threads =
      threads_ > 0 ? threads_ : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
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
  if (!asn_db_.empty()) config.enrichment.asn_db = asn_db_;
  if (!geo_db_.empty()) config.enrichment.geo_db = geo_db_;
  if (!ip2asn_.empty()) config.enrichment.ip2asn = ip2asn_;
  if (!intel_.empty()) config.enrichment.intel = intel_;
  if (Status s = config.Validate(); !s.ok()) {
    PrintError(s.message());
    return ExitCode::kUsageOrInputError;
  }
  options.detectors = config.detectors;
  if (Status s = ValidateRequest(blocklists_); !s.ok()) {
    PrintError(s.message());
    return ExitCode::kUsageOrInputError;
  }
  const bool blocklist_on_stdout = blocklists_.writes_stdout();
  if (blocklist_on_stdout && findings_path_ == "-") {
    PrintError("--findings - and --blocklist - would mix on stdout: send one to a file");
    return ExitCode::kUsageOrInputError;
  }
  options.enrichment = config.enrichment;
  options.parser.forced_family = format_;
  if (!csv_columns_.empty()) {
    Result<parse::CsvMapping> mapping = parse::ParseCsvMapping(csv_columns_);
    if (!mapping) {
      PrintError(mapping.error().message());
      return ExitCode::kUsageOrInputError;
    }
    options.parser.families.csv = std::move(*mapping);
  }
  if (Status s = parse::ValidateParserOptions(options.parser); !s.ok()) {
    PrintError(s.message());
    return ExitCode::kUsageOrInputError;
  }
  if (print_config_) {
    fmt::print("{}", RenderConfig(config));
    return ExitCode::kNothingFound;
  }
  const bool stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  if (options.inputs.empty()) {
    if (::isatty(STDIN_FILENO) == 1) {
      PrintError("no input: name log files or folders, or pipe a log into 'spraytrace scan -'");
      return ExitCode::kUsageOrInputError;
    }
    options.inputs.push_back("-");
  }

  // State is read and checked before any output is opened: a refused state leaves every file
  // as it was.
  // The progress line only where a person watches it: never in a file, a pipe or a log.
  std::unique_ptr<ProgressDisplay> progress;
  if (!no_progress_ && ::isatty(STDERR_FILENO) == 1) {
    progress = std::make_unique<ProgressDisplay>(stderr);
    options.progress = progress.get();
  }
  auto context = std::make_unique<ScanContext>();
  ScanRun run(options, context.get());
  if (Status s = run.Prepare(); !s.ok()) {
    PrintError(s.message());
    return ExitCode::kUsageOrInputError;
  }
  const std::string state_settings = DetectorSettingsText(config);
  if (state_reset_ && state_path_.empty()) {
    PrintError("--state-reset needs --state FILE");
    return ExitCode::kUsageOrInputError;
  }
  const auto state_started = std::chrono::steady_clock::now();
  OpenedState opened;
  if (!state_path_.empty()) {
    Result<OpenedState> o = OpenStateFile(state_path_, state_reset_, state_settings);
    if (!o) {
      PrintError(o.error().message());
      return ExitCode::kUsageOrInputError;
    }
    opened = std::move(*o);
    if (opened.exists) {
      const store::SnapshotHeader& h = opened.snapshot.header;
      if (Status s = run.Restore(opened.snapshot.body, h.clock); !s.ok()) {
        PrintError(DamagedStateMessage(state_path_, s.message()));
        return ExitCode::kUsageOrInputError;
      }
      PrintNote(
          fmt::format("continuing from '{}' (events up to {}, saved by spraytrace {}; "
                      "{} read in {:.2f}s)",
                      state_path_, FormatIso8601(h.clock), h.spraytrace_version,
                      HumanBytes(opened.snapshot.file_bytes), SecondsSince(state_started)));
      std::string().swap(opened.snapshot.body);
    } else {
      PrintNote(state_reset_
                    ? fmt::format("--state-reset: starting a fresh state for '{}'", state_path_)
                    : fmt::format("'{}' does not exist yet: starting a fresh state", state_path_));
    }
  }

  // Findings: to the named file, or to stdout when stdout is not a terminal.
  std::unique_ptr<std::FILE, FileCloser> findings_file;
  // A blocklist on stdout keeps it to itself.
  if (findings_path_ == "-" ||
      (findings_path_.empty() && !stdout_is_terminal && !blocklist_on_stdout)) {
    findings_file.reset(stdout);
  } else if (!findings_path_.empty()) {
    findings_file.reset(std::fopen(findings_path_.c_str(), "w"));
    if (!findings_file) {
      PrintError(
          fmt::format("cannot write findings to '{}': {}", findings_path_, std::strerror(errno)));
      return ExitCode::kUsageOrInputError;
    }
  }

  std::unique_ptr<std::FILE, FileCloser> report_file;
  if (!report_path_.empty()) {
    report_file.reset(report_path_ == "-" ? nullptr : std::fopen(report_path_.c_str(), "w"));
    if (!report_file) {
      PrintError(fmt::format("cannot write the report to '{}': {}", report_path_,
                             report_path_ == "-" ? "name a file" : std::strerror(errno)));
      return ExitCode::kUsageOrInputError;
    }
  }

  std::unique_ptr<report::FindingsJsonlWriter> writer;
  if (findings_file) {
    writer = std::make_unique<report::FindingsJsonlWriter>(findings_file.get(), &context->files);
  }
  TeeSink tee(writer.get());
  StateOutcome outcome;
  run.Run(&tee, state_path_.empty() ? nullptr : &outcome);
  if (findings_file && std::fflush(findings_file.get()) != 0) writer.reset();

  std::string report_done;
  if (report_file && !WriteReport(*context, tee.findings, top_, report_file.get(), &report_done)) {
    PrintError(
        fmt::format("writing the report to '{}' failed: {}", report_path_, std::strerror(errno)));
    return ExitCode::kUsageOrInputError;
  }

  const bool findings_on_stdout = findings_file.get() == stdout;
  const bool show_summary = !no_summary_ && (summary_ || stdout_is_terminal);
  if (show_summary) {
    report::SummaryInput input;
    input.counts = &context->counts;
    input.tally = &context->tally;
    input.findings = &tee.findings;
    input.diagnostics = &context->diagnostics;
    input.strings = &context->strings;
    input.top = top_;
    if (correlate::Enricher* enricher = context->enricher.get()) {
      input.enrichment_loaded = enricher->loaded();
      input.source_note = [enricher](std::string_view source) {
        const std::optional<IpAddress> ip = IpAddress::Parse(source);
        if (!ip) return std::string();
        const correlate::SourceInfo info = enricher->Lookup(*ip);
        return report::SourceProfileText(info.asn, info.as_organization, info.country,
                                         info.intel.size());
      };
    }
    std::FILE* out = findings_on_stdout ? stderr : stdout;
    fmt::print(out, "{}", report::RenderTerminalSummary(input));
    if (report_file) {
      fmt::print(out, "\nReport: {} ({})\n", report::EscapeForTerminal(report_path_), report_done);
    }
  } else if (context->diagnostics.Total() > 0) {
    fmt::print(stderr,
               "spraytrace scan: {} input problems (lines skipped or not understood); "
               "run with --summary to see them\n",
               context->diagnostics.Total());
  }
  if (writer && !writer->ok()) {
    // The state is not saved either: the next run reports these findings again.
    PrintError(fmt::format("writing findings failed: {}", std::strerror(errno)));
    return ExitCode::kUsageOrInputError;
  }
  if (!blocklists_.empty()) {
    auto notes = WriteBlocklists(tee.findings, config.blocklist, blocklists_);
    if (!notes) {
      PrintError(notes.error().message());
      return ExitCode::kUsageOrInputError;
    }
    if (show_summary) {
      for (const std::string& note : *notes) {
        fmt::print(stderr, "Blocklist {}\n", report::EscapeForTerminal(note));
      }
    }
  }
  if (context->counts.files_read == 0) {
    PrintError("nothing could be read");
    return ExitCode::kUsageOrInputError;
  }
  if (!state_path_.empty()) {
    if (Status s = FinishState(state_path_, state_settings, outcome); !s.ok()) {
      PrintError(s.message());
      return ExitCode::kUsageOrInputError;
    }
  }
  return tee.findings.size() > outcome.continued_findings ? ExitCode::kFindings
                                                          : ExitCode::kNothingFound;
}

}  // namespace spraytrace::cli
