#include "parse/family_registry.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "parse/csv/generic_csv_family.h"
#include "parse/ecs/ecs_family.h"
#include "parse/entra/entra_families.h"
#include "parse/m365/m365_families.h"
#include "parse/sshd/sshd_family.h"
#include "parse/vpn/asa/asa_parser.h"
#include "parse/vpn/fortigate/fortigate_parser.h"
#include "parse/vpn/globalprotect/globalprotect_parser.h"
#include "parse/vpn/openvpn/openvpn_parser.h"
#include "parse/windows/windows_json_families.h"
#include "parse/windows/windows_xml_family.h"

namespace spraytrace::parse {
namespace {

template <typename Family>
void KeepNamed(std::string_view name, std::vector<std::unique_ptr<Family>>* families) {
  std::erase_if(*families, [&](const std::unique_ptr<Family>& f) { return f->name() != name; });
}

template <typename Family>
void AddNames(const std::vector<std::unique_ptr<Family>>& families,
              std::vector<std::string>* names) {
  // A family that reads two framings (FortiGate syslog and bare lines) is one name.
  for (const auto& f : families) {
    if (std::find(names->begin(), names->end(), f->name()) == names->end()) {
      names->emplace_back(f->name());
    }
  }
}

}  // namespace

FamilySet MakeFamilies(StringPool* strings, Diagnostics* diagnostics,
                       const FamilyOptions& options) {
  FamilySet set;
  // Syslog-carried families, tried in this order on each syslog record.
  set.syslog.push_back(std::make_unique<SshdFamily>(strings, diagnostics));
  set.syslog.push_back(std::make_unique<vpn::FortigateSyslogFamily>(strings, diagnostics));
  set.syslog.push_back(std::make_unique<vpn::AsaSyslogFamily>(strings, diagnostics));
  set.syslog.push_back(std::make_unique<vpn::OpenVpnSyslogFamily>(strings, diagnostics));
  set.syslog.push_back(std::make_unique<vpn::GlobalProtectSyslogFamily>(strings, diagnostics));
  // Lines with their own framing (no syslog header).
  set.text.push_back(std::make_unique<vpn::FortigateTextFamily>(strings, diagnostics));
  set.text.push_back(std::make_unique<vpn::AsaTextFamily>(diagnostics));
  set.text.push_back(std::make_unique<vpn::OpenVpnTextFamily>(strings, diagnostics));
  set.text.push_back(std::make_unique<vpn::GlobalProtectTextFamily>(strings, diagnostics));
  set.text.push_back(std::make_unique<WindowsXmlFamily>(strings, diagnostics));
  // JSON records. Specific families before the generic ECS reader.
  set.json.push_back(std::make_unique<WinlogbeatFamily>(strings, diagnostics));
  set.json.push_back(std::make_unique<NxlogFamily>(strings, diagnostics));
  set.json.push_back(std::make_unique<EvtxJsonFamily>(strings, diagnostics));
  // Entra sign-ins: diagnostic settings (Graph names under `properties`) and Sentinel rows
  // before bare Graph records, whose telltale keys the other two may also carry.
  set.json.push_back(std::make_unique<EntraAzureMonitorFamily>(strings, diagnostics));
  set.json.push_back(std::make_unique<EntraSentinelFamily>(strings, diagnostics));
  set.json.push_back(std::make_unique<EntraGraphFamily>(strings, diagnostics));
  set.json.push_back(std::make_unique<M365UalJsonFamily>(strings, diagnostics));
  set.json.push_back(std::make_unique<EcsFamily>(strings, diagnostics));
  // CSV exports, claimed by their header.
  // The user's own mapping first: --csv-columns says how to read the file.
  set.csv.push_back(std::make_unique<GenericCsvFamily>(strings, diagnostics, options.csv));
  set.csv.push_back(std::make_unique<PurviewCsvFamily>(strings, diagnostics));
  return set;
}

std::vector<std::string> FamilyNames() {
  StringPool strings;
  Diagnostics diagnostics;
  const FamilySet set = MakeFamilies(&strings, &diagnostics, FamilyOptions{});
  std::vector<std::string> names;
  AddNames(set.syslog, &names);
  AddNames(set.text, &names);
  AddNames(set.json, &names);
  AddNames(set.csv, &names);
  return names;
}

Status KeepOnlyFamily(std::string_view name, FamilySet* families) {
  const std::vector<std::string> names = FamilyNames();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    return Status::InvalidArgument(
        fmt::format("invalid --format '{}': must be one of {}", name, fmt::join(names, ", ")));
  }
  KeepNamed(name, &families->syslog);
  KeepNamed(name, &families->text);
  KeepNamed(name, &families->json);
  KeepNamed(name, &families->csv);
  return Status::Ok();
}

}  // namespace spraytrace::parse
