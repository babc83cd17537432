// The registry of log families: every family spraytrace reads, made fresh for one input
// stream, in the order the front door tries them. A new family is one line in
// family_registry.cc.
#ifndef SPRAYTRACE_PARSE_FAMILY_REGISTRY_H_
#define SPRAYTRACE_PARSE_FAMILY_REGISTRY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "event/string_pool.h"
#include "parse/csv/csv_mapping.h"
#include "parse/family.h"

namespace spraytrace::parse {

// What families may be told by the user.
struct FamilyOptions {
  // Column mapping for generic CSV exports (--csv-columns); empty: no generic CSV family.
  CsvMapping csv;
};

struct FamilySet {
  std::vector<std::unique_ptr<SyslogFamily>> syslog;
  std::vector<std::unique_ptr<TextFamily>> text;
  std::vector<std::unique_ptr<JsonFamily>> json;
  std::vector<std::unique_ptr<CsvFamily>> csv;
};

// REQUIRES: strings and diagnostics outlive the families.
FamilySet MakeFamilies(StringPool* strings, Diagnostics* diagnostics, const FamilyOptions& options);

// Every family name, in registry order ("sshd", ..., "ecs", "csv"), for --format and messages.
std::vector<std::string> FamilyNames();

// Keeps only the family called `name` (--format). Error naming the known families otherwise.
Status KeepOnlyFamily(std::string_view name, FamilySet* families);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_FAMILY_REGISTRY_H_
