#include "parse/vpn/fortigate/fortigate_record.h"

#include "parse/key_value_scanner.h"

namespace spraytrace::parse::vpn {
namespace {

// The field the key names, or nullptr for keys the family does not read.
std::string_view* FieldFor(std::string_view key, FortigateRecord* r) {
  switch (key.front()) {
    case 'a':
      return key == "action" ? &r->action : nullptr;
    case 'd':
      if (key == "date") return &r->date;
      return key == "devname" ? &r->devname : nullptr;
    case 'e':
      return key == "eventtime" ? &r->eventtime : nullptr;
    case 'l':
      return key == "logid" ? &r->logid : nullptr;
    case 'r':
      if (key == "remip") return &r->remip;
      return key == "reason" ? &r->reason : nullptr;
    case 's':
      if (key == "subtype") return &r->subtype;
      if (key == "status") return &r->status;
      return key == "srcip" ? &r->srcip : nullptr;
    case 't':
      if (key == "time") return &r->time;
      if (key == "type") return &r->type;
      if (key == "tz") return &r->tz;
      return key == "tunneltype" ? &r->tunneltype : nullptr;
    case 'u':
      if (key == "user") return &r->user;
      return key == "ui" ? &r->ui : nullptr;
    default:
      return nullptr;
  }
}

}  // namespace

void ScanFortigateRecord(std::string_view text, FortigateRecord* record) {
  *record = FortigateRecord{};
  KeyValueScanner scanner(text);
  KeyValue pair;
  while (scanner.Next(&pair)) {
    ++record->pairs;
    std::string_view* field = FieldFor(pair.key, record);
    if (field == nullptr) continue;
    if (scanner.truncated()) break;  // the cut value is incomplete: not used
    *field = pair.value;
    if (field == &record->user) record->user_escaped = pair.escaped;
    if (field == &record->devname) record->devname_escaped = pair.escaped;
  }
  record->truncated = scanner.truncated();
}

bool LooksLikeFortigate(std::string_view text) {
  const size_t equals = text.find('=');
  if (equals == 0 || equals == std::string_view::npos) return false;
  const size_t space = text.find(' ');
  if (space != std::string_view::npos && space < equals) return false;
  return text.starts_with("logid=") || text.find(" logid=") != std::string_view::npos;
}

}  // namespace spraytrace::parse::vpn
