// WindowsEvent: one Windows event log record, whatever rendering it came in (EVTX, event XML,
// Winlogbeat/ECS JSON, NXLog JSON, python-evtx JSON), reduced to what the mapping to AuthEvent
// needs: the event id, the time, the computer that logged it and the EventData name/value pairs.
//
// Views point into the rendering's parser buffers: valid only until that parser's next record.
// Renderings fill it; WindowsEventMapper (windows_mapping.h) reads it. Plain value type.
#ifndef SPRAYTRACE_PARSE_WINDOWS_WINDOWS_EVENT_H_
#define SPRAYTRACE_PARSE_WINDOWS_WINDOWS_EVENT_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "event/timestamp.h"

namespace spraytrace::parse {

struct WindowsEvent {
  uint32_t event_id = 0;
  Timestamp time = 0;
  bool has_time = false;
  std::string_view computer;  // <Computer>, e.g. "rootdc1.offsec.lan"
  uint64_t record_id = 0;     // <EventRecordID>, 0 when the rendering has none
  // EventData <Data Name="...">value</Data> pairs in record order. An element without text
  // (<Data Name="CertIssuerName"/>) or a JSON null has an empty value.
  std::vector<std::pair<std::string_view, std::string_view>> data;

  void Clear() {
    event_id = 0;
    time = 0;
    has_time = false;
    computer = {};
    record_id = 0;
    data.clear();  // keeps its capacity: renderings reuse one WindowsEvent per record
  }
  void Add(std::string_view name, std::string_view value) { data.emplace_back(name, value); }
  // The value of the first pair called `name` (exact, case-sensitive as Windows writes it), or ""
  // when there is none.
  std::string_view Get(std::string_view name) const {
    for (const auto& [key, value] : data) {
      if (key == name) return value;
    }
    return {};
  }
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_WINDOWS_EVENT_H_
