// WindowsXmlFamily ("windows-xml"): Windows events as one <Event xmlns=...>...</Event> per line,
// as CrowdSec's Windows acquisition and `Get-WinEvent | % { $_.ToXml() }` write them. Claims a
// line that starts with "<Event"; a claimed line that is not a whole event (cut, not XML) is a
// counted bad_record. Events go through the shared WindowsEventMapper.
#ifndef SPRAYTRACE_PARSE_WINDOWS_WINDOWS_XML_FAMILY_H_
#define SPRAYTRACE_PARSE_WINDOWS_WINDOWS_XML_FAMILY_H_

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/family.h"
#include "parse/windows/event_xml.h"
#include "parse/windows/windows_mapping.h"

namespace spraytrace::parse {

class WindowsXmlFamily final : public TextFamily {
 public:
  WindowsXmlFamily(StringPool* strings, Diagnostics* diagnostics)
      : mapper_(strings, diagnostics), diagnostics_(diagnostics) {}

  std::string_view name() const override { return "windows-xml"; }
  RecordStatus OnLine(std::string_view line, const RecordContext& context,
                      EventSink* sink) override;
  void Expire(Timestamp now, EventSink* sink) override { mapper_.Expire(now, sink); }
  void EndFile(EventSink* sink) override { mapper_.EndFile(sink); }

 private:
  WindowsEventMapper mapper_;
  Diagnostics* diagnostics_;
  EventXmlParser xml_;
  WindowsEvent event_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_WINDOWS_XML_FAMILY_H_
