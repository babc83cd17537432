#include "parse/windows/windows_json_families.h"

#include <cstdlib>

#include "parse/text_scan.h"
#include "parse/windows/windows_json.h"
#include "parse/windows/windows_time.h"

namespace spraytrace::parse {
namespace {

namespace ondemand = simdjson::ondemand;

constexpr std::string_view kMalformed = "malformed JSON in a Windows event record";

// Iterates an object's members, calling visit(key, value) -> bool (false: malformed).
template <typename Visit>
bool ForEachField(ondemand::object object, Visit visit) {
  for (auto result : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(result).get(field) || field.unescaped_key().get(key)) return false;
    if (!visit(key, field.value())) return false;
  }
  return true;
}

bool ReadObject(ondemand::value value, ondemand::object* object, bool* is_object) {
  ondemand::json_type type;
  if (value.type().get(type)) return false;
  *is_object = type == ondemand::json_type::object;
  if (!*is_object) return true;
  return !value.get_object().get(*object);
}

// A scalar member; compound values are left alone (skipped by the iterator).
bool Scalar(ondemand::value value, std::string_view* out) {
  return ReadScalar(value, out) != ScalarStatus::kBad;
}

bool SetEventId(std::string_view text, WindowsEvent* event, std::string_view* problem) {
  if (ParseEventId(text, &event->event_id)) return true;
  *problem = "Windows event record without a numeric EventID";
  return false;
}

}  // namespace

RecordStatus WindowsJsonFamily::OnObject(ondemand::object object, std::string_view /*text*/,
                                         const RecordContext& context, EventSink* sink) {
  event_.Clear();
  std::string_view problem;
  if (!Read(object, &event_, &problem)) {
    diagnostics_->Report(
        problem == kMalformed ? DiagnosticKind::kBadJson : DiagnosticKind::kBadRecord,
        context.file_name, context.where.line, problem);
    return RecordStatus::kBad;
  }
  return mapper_.Deliver(event_, context, sink);
}

// --- Winlogbeat -------------------------------------------------------------------------------

bool WinlogbeatFamily::Sniff(std::string_view text) const {
  return Contains(text, "\"winlog\"") || Contains(text, "\"winlog.");
}

bool WinlogbeatFamily::ReadWinlog(ondemand::object winlog, WindowsEvent* event) {
  return ForEachField(winlog, [&](std::string_view key, ondemand::value value) {
    std::string_view text;
    if (key == "event_id") {
      if (!Scalar(value, &text)) return false;
      ParseEventId(text, &event->event_id);
      return true;
    }
    if (key == "computer_name") return Scalar(value, &event->computer);
    if (key == "event_data") {
      ondemand::object data;
      bool is_object = false;
      if (!ReadObject(value, &data, &is_object)) return false;
      return !is_object || ReadEventData(data, event);
    }
    return true;
  });
}

bool WinlogbeatFamily::Read(ondemand::object object, WindowsEvent* event,
                            std::string_view* problem) {
  event_code_ = {};
  host_name_ = {};
  std::string_view timestamp;
  const bool ok = ForEachField(object, [&](std::string_view key, ondemand::value value) {
    if (key == "@timestamp") return Scalar(value, &timestamp);
    ondemand::object child;
    bool is_object = false;
    if (key == "winlog") {
      if (!ReadObject(value, &child, &is_object)) return false;
      return !is_object || ReadWinlog(child, event);
    }
    if (key == "event" || key == "host") {
      if (!ReadObject(value, &child, &is_object)) return false;
      if (!is_object) return true;
      const std::string_view wanted = key == "event" ? "code" : "name";
      std::string_view* out = key == "event" ? &event_code_ : &host_name_;
      return ForEachField(child, [&](std::string_view k, ondemand::value v) {
        return k != wanted || Scalar(v, out);
      });
    }
    // Flattened exports: "winlog.event_data.TargetUserName": "alice".
    std::string_view text;
    if (key == "winlog.event_id") {
      if (!Scalar(value, &text)) return false;
      ParseEventId(text, &event->event_id);
      return true;
    }
    if (key == "winlog.computer_name") return Scalar(value, &event->computer);
    if (key == "event.code") return Scalar(value, &event_code_);
    if (key == "host.name") return Scalar(value, &host_name_);
    if (key.starts_with("winlog.event_data.")) {
      if (!Scalar(value, &text)) return false;
      event->Add(key.substr(18), text);
    }
    return true;
  });
  if (!ok) {
    *problem = kMalformed;
    return false;
  }
  if (event->event_id == 0 && !SetEventId(event_code_, event, problem)) return false;
  if (event->computer.empty()) event->computer = host_name_;
  event->has_time = ParseWindowsTime(timestamp, &event->time);
  return true;
}

// --- NXLog ------------------------------------------------------------------------------------

bool NxlogFamily::Sniff(std::string_view text) const {
  return Contains(text, "\"EventID\"") && Contains(text, "\"EventTime\"");
}

bool NxlogFamily::Read(ondemand::object object, WindowsEvent* event, std::string_view* problem) {
  std::string_view event_id, event_time, received_time, timestamp;
  const bool ok = ForEachField(object, [&](std::string_view key, ondemand::value value) {
    std::string_view text;
    const ScalarStatus status = ReadScalar(value, &text);
    if (status == ScalarStatus::kBad) return false;
    if (status == ScalarStatus::kCompound) return true;
    if (key == "EventID") {
      event_id = text;
    } else if (key == "EventTime") {
      event_time = text;
    } else if (key == "EventReceivedTime") {
      received_time = text;
    } else if (key == "@timestamp") {
      timestamp = text;
    } else if (key == "Hostname") {
      event->computer = text;
    } else {
      event->Add(key, text);  // EventData fields are top-level in NXLog's JSON
    }
    return true;
  });
  if (!ok) {
    *problem = kMalformed;
    return false;
  }
  if (!SetEventId(event_id, event, problem)) return false;
  bool zoned = false;
  event->has_time = ParseWindowsTime(event_time, &event->time, &zoned);
  Timestamp utc = 0;
  Timestamp local = 0;
  bool utc_zoned = false;
  if (event->has_time && !zoned && ParseWindowsTime(timestamp, &utc, &utc_zoned) && utc_zoned) {
    // The shipper's UTC time against the collector's local clock: the zone offset, to a
    // quarter hour (the lag between them is seconds).
    if (!ParseWindowsTime(received_time, &local)) local = event->time;
    constexpr Micros kQuarter = 15 * kMicrosPerMinute;
    const Micros offset = local - utc;
    const Micros rounded =
        (offset >= 0 ? offset + kQuarter / 2 : offset - kQuarter / 2) / kQuarter * kQuarter;
    if (std::llabs(rounded) <= 14 * kMicrosPerHour) event->time -= rounded;
  }
  return true;
}

// --- python-evtx ------------------------------------------------------------------------------

bool EvtxJsonFamily::Sniff(std::string_view text) const {
  return Contains(text, "\"EventID\"") && Contains(text, "\"TimeCreated\"") &&
         Contains(text, "\"EventData\"");
}

bool EvtxJsonFamily::Read(ondemand::object object, WindowsEvent* event, std::string_view* problem) {
  std::string_view event_id, time_created;
  const bool ok = ForEachField(object, [&](std::string_view key, ondemand::value value) {
    if (key == "EventID") return Scalar(value, &event_id);
    if (key == "TimeCreated") return Scalar(value, &time_created);
    if (key == "Computer") return Scalar(value, &event->computer);
    if (key == "EventData") {
      ondemand::object data;
      bool is_object = false;
      if (!ReadObject(value, &data, &is_object)) return false;
      return !is_object || ReadEventData(data, event);
    }
    return true;
  });
  if (!ok) {
    *problem = kMalformed;
    return false;
  }
  if (!SetEventId(event_id, event, problem)) return false;
  event->has_time = ParseWindowsTime(time_created, &event->time);
  return true;
}

}  // namespace spraytrace::parse
