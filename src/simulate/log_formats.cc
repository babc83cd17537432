#include "simulate/log_formats.h"

#include <array>

#include "simulate/entra_writers.h"
#include "simulate/generic_writers.h"
#include "simulate/m365_writers.h"
#include "simulate/sshd_line_writer.h"
#include "simulate/vpn_writers.h"
#include "simulate/windows_writers.h"

namespace spraytrace::simulate {
namespace {

std::unique_ptr<RecordWriter> MakeSshdSyslog(const WriterSetup& s) {
  return std::make_unique<SshdLineWriter>(LogFormat::kSshdSyslog, s.config->host, s.population,
                                          s.boot, s.boot_id_seed);
}

std::unique_ptr<RecordWriter> MakeSshdJournal(const WriterSetup& s) {
  return std::make_unique<SshdLineWriter>(LogFormat::kSshdJournal, s.config->host, s.population,
                                          s.boot, s.boot_id_seed);
}

const std::array kFormats = {
    LogFormatInfo{LogFormat::kSshdSyslog, "sshd-syslog", "auth.log", true,
                  "OpenSSH sshd in RFC 3164 syslog (Debian's /var/log/auth.log)", &MakeSshdSyslog},
    LogFormatInfo{LogFormat::kSshdJournal, "sshd-journal", "auth.jsonl", false,
                  "OpenSSH sshd as `journalctl -o json` lines", &MakeSshdJournal},
    LogFormatInfo{LogFormat::kEcs, "ecs", "auth.ecs.jsonl", false,
                  "Elastic Common Schema authentication events, one JSON object per line",
                  &MakeEcsWriter},
    LogFormatInfo{LogFormat::kCsv, "csv", "auth.csv", false,
                  "a SIEM's CSV export (scan it with --csv-columns "
                  "time=time,user=user,source=source_ip,outcome=outcome,reason=reason)",
                  &MakeCsvWriter},
    LogFormatInfo{LogFormat::kWindowsJson, "windows-json", "security.jsonl", false,
                  "Windows Security 4625/4624 (NTLM network logons) as Winlogbeat JSON lines",
                  &MakeWindowsJsonWriter},
    LogFormatInfo{LogFormat::kWindowsXml, "windows-xml", "security.xml", false,
                  "Windows Security 4625/4624 as one event XML per line (CrowdSec's form)",
                  &MakeWindowsXmlWriter},
    LogFormatInfo{LogFormat::kOpenVpn, "openvpn", "openvpn.log", true,
                  "OpenVPN server with the auth-pam plugin, RFC 3164 syslog", &MakeOpenVpnWriter},
    LogFormatInfo{LogFormat::kGlobalProtect, "globalprotect", "globalprotect.log", true,
                  "Palo Alto GlobalProtect portal logins, PAN-OS 10 GLOBALPROTECT CSV over syslog",
                  &MakeGlobalProtectWriter},
    LogFormatInfo{LogFormat::kFortigate, "fortigate", "fortigate.log", false,
                  "FortiGate SSL-VPN logins, FortiOS key=value lines", &MakeFortigateWriter},
    LogFormatInfo{LogFormat::kCiscoAsa, "cisco-asa", "asa.log", true,
                  "Cisco ASA WebVPN logins (113015/716039, 113012/716038, 113039), names shown",
                  &MakeAsaWriter},
    LogFormatInfo{LogFormat::kEntraSentinel, "entra-sentinel", "signinlogs.jsonl", false,
                  "Entra ID sign-ins as Log Analytics / Sentinel SigninLogs JSON rows",
                  &MakeEntraSentinelWriter},
    LogFormatInfo{LogFormat::kEntraAzureMonitor, "entra-azmon", "signins.azmon.jsonl", false,
                  "Entra ID sign-ins as Azure Monitor diagnostic-settings records, one per line",
                  &MakeEntraAzureMonitorWriter},
    LogFormatInfo{LogFormat::kEntraGraph, "entra-graph", "signins.graph.jsonl", false,
                  "Entra ID sign-ins as Microsoft Graph auditLogs/signIns pages, one per line",
                  &MakeEntraGraphWriter},
    LogFormatInfo{LogFormat::kM365Ual, "m365-ual", "ual.jsonl", true,
                  "Microsoft 365 Unified Audit Log sign-ins (UserLoginFailed / UserLoggedIn), "
                  "one JSON record per line",
                  &MakeM365UalWriter},
    LogFormatInfo{LogFormat::kM365PurviewCsv, "m365-purview-csv", "ual-purview.csv", true,
                  "the same records as a Purview audit search CSV export (AuditData column)",
                  &MakeM365PurviewCsvWriter},
};

}  // namespace

std::span<const LogFormatInfo> LogFormats() { return kFormats; }

const LogFormatInfo& LogFormatOf(LogFormat format) {
  for (const LogFormatInfo& info : kFormats) {
    if (info.format == format) return info;
  }
  return kFormats.front();
}

std::string LogFormatNames() {
  std::string names;
  for (const LogFormatInfo& info : kFormats) {
    if (!names.empty()) names += ", ";
    names += info.name;
  }
  return names;
}

std::string_view LogFormatName(LogFormat format) { return LogFormatOf(format).name; }

bool ParseLogFormat(std::string_view name, LogFormat* format) {
  for (const LogFormatInfo& info : kFormats) {
    if (info.name == name) {
      *format = info.format;
      return true;
    }
  }
  return false;
}

}  // namespace spraytrace::simulate
