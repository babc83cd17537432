// The JSON renderings of Windows Security events, one JsonFamily each. All fill a WindowsEvent
// and hand it to the shared WindowsEventMapper (windows_mapping.h); records of other event ids
// are theirs too (handled, no event).
//
//   windows-winlogbeat  Winlogbeat / Elastic Agent (ECS): `@timestamp`, `winlog.event_id` (number
//                       in 7.x, string in 8.x), `winlog.computer_name`, `winlog.event_data.*`;
//                       nested objects or dotted keys. Sniff: a "winlog" key.
//   windows-nxlog       NXLog im_msvistalog JSON (as in OTRF Security-Datasets): flat fields,
//                       `EventID`, `EventTime`, `Hostname`. Sniff: "EventID" and "EventTime".
//   windows-evtx-json   python-evtx style records: `EventID`, `TimeCreated` (UTC, no zone),
//                       `Computer`, `EventData` {name: value|null}. Sniff: those three keys.
//
// NXLog writes EventTime in the collecting host's local time without a zone. When the record
// also has the shipper's `@timestamp` (UTC) and `EventReceivedTime` (local), the host's UTC
// offset is their difference rounded to a quarter hour, and EventTime is shifted by it; with
// no `@timestamp`, EventTime is read as UTC.
#ifndef SPRAYTRACE_PARSE_WINDOWS_WINDOWS_JSON_FAMILIES_H_
#define SPRAYTRACE_PARSE_WINDOWS_WINDOWS_JSON_FAMILIES_H_

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/family.h"
#include "parse/windows/windows_event.h"
#include "parse/windows/windows_mapping.h"

namespace spraytrace::parse {

// What the three share: the mapper, a reused event, and how a record's trouble is reported.
class WindowsJsonFamily : public JsonFamily {
 public:
  WindowsJsonFamily(StringPool* strings, Diagnostics* diagnostics)
      : mapper_(strings, diagnostics), diagnostics_(diagnostics) {}
  RecordStatus OnObject(simdjson::ondemand::object object, std::string_view text,
                        const RecordContext& context, EventSink* sink) final;
  void Expire(Timestamp now, EventSink* sink) final { mapper_.Expire(now, sink); }
  void EndFile(EventSink* sink) final { mapper_.EndFile(sink); }

 protected:
  // Fills *event from the record; false with *problem set when the record is unusable.
  virtual bool Read(simdjson::ondemand::object object, WindowsEvent* event,
                    std::string_view* problem) = 0;

 private:
  WindowsEventMapper mapper_;
  Diagnostics* diagnostics_;
  WindowsEvent event_;
};

class WinlogbeatFamily final : public WindowsJsonFamily {
 public:
  using WindowsJsonFamily::WindowsJsonFamily;
  std::string_view name() const override { return "windows-winlogbeat"; }
  bool Sniff(std::string_view text) const override;

 private:
  bool Read(simdjson::ondemand::object object, WindowsEvent* event,
            std::string_view* problem) override;
  bool ReadWinlog(simdjson::ondemand::object winlog, WindowsEvent* event);
  std::string_view event_code_;  // event.code, used when winlog.event_id is absent
  std::string_view host_name_;   // host.name, used when winlog.computer_name is absent
};

class NxlogFamily final : public WindowsJsonFamily {
 public:
  using WindowsJsonFamily::WindowsJsonFamily;
  std::string_view name() const override { return "windows-nxlog"; }
  bool Sniff(std::string_view text) const override;

 private:
  bool Read(simdjson::ondemand::object object, WindowsEvent* event,
            std::string_view* problem) override;
};

class EvtxJsonFamily final : public WindowsJsonFamily {
 public:
  using WindowsJsonFamily::WindowsJsonFamily;
  std::string_view name() const override { return "windows-evtx-json"; }
  bool Sniff(std::string_view text) const override;

 private:
  bool Read(simdjson::ondemand::object object, WindowsEvent* event,
            std::string_view* problem) override;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_WINDOWS_JSON_FAMILIES_H_
