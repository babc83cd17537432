// EventXmlParser: one Windows event as XML (<Event xmlns="...">...</Event>) -> WindowsEvent.
//
// The shape Windows renders (wevtutil, Get-WinEvent .ToXml(), libevtx, CrowdSec's fixtures,
// python-evtx): System/EventID, System/TimeCreated@SystemTime, System/Computer and
// EventData/Data[@Name]. Events whose payload is UserData (1102 log cleared, ...) give no pairs.
// Parsed with pugixml in place in a buffer reused across records, so entities (&amp; &lt;) are
// decoded and values are views into that buffer: valid until the next Parse().
// Not thread-safe: one per input stream.
#ifndef SPRAYTRACE_PARSE_WINDOWS_EVENT_XML_H_
#define SPRAYTRACE_PARSE_WINDOWS_EVENT_XML_H_

#include <memory>
#include <string>
#include <string_view>

#include "parse/windows/windows_event.h"

namespace spraytrace::parse {

class EventXmlParser {
 public:
  EventXmlParser();
  ~EventXmlParser();
  EventXmlParser(const EventXmlParser&) = delete;
  EventXmlParser& operator=(const EventXmlParser&) = delete;

  // Fills *event (cleared first). False for text that is not well-formed XML, has no <Event>
  // root or no numeric EventID; *problem then says why (a static string).
  bool Parse(std::string_view xml, WindowsEvent* event, std::string_view* problem);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_EVENT_XML_H_
