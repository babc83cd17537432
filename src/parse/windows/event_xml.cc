#include "parse/windows/event_xml.h"

#include <cstring>
#include <pugixml.hpp>

#include "parse/windows/windows_json.h"
#include "parse/windows/windows_time.h"

namespace spraytrace::parse {
namespace {

std::string_view Text(const char* text) { return text == nullptr ? std::string_view() : text; }

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' ||
                           text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

class EventXmlParser::Impl {
 public:
  bool Parse(std::string_view xml, WindowsEvent* event, std::string_view* problem) {
    event->Clear();
    // pugixml parses in place and writes terminators into the buffer: a private copy.
    buffer_.assign(xml);
    const pugi::xml_parse_result result = document_.load_buffer_inplace(
        buffer_.data(), buffer_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
      *problem = "malformed event XML (truncated or not XML)";
      return false;
    }
    const pugi::xml_node root = document_.document_element();
    if (std::strcmp(root.name(), "Event") != 0) {
      *problem = "XML whose root is not <Event>";
      return false;
    }
    const pugi::xml_node system = root.child("System");
    if (!ParseEventId(Trimmed(Text(system.child_value("EventID"))), &event->event_id)) {
      *problem = "event XML without a numeric <EventID>";
      return false;
    }
    const std::string_view time =
        Text(system.child("TimeCreated").attribute("SystemTime").as_string());
    event->has_time = ParseWindowsTime(time, &event->time);
    event->computer = Trimmed(Text(system.child_value("Computer")));
    event->record_id = system.child("EventRecordID").text().as_ullong();
    for (const pugi::xml_node data : root.child("EventData").children("Data")) {
      const std::string_view name = Text(data.attribute("Name").as_string());
      if (!name.empty()) event->Add(name, Text(data.child_value()));
    }
    return true;
  }

 private:
  std::string buffer_;
  pugi::xml_document document_;
};

EventXmlParser::EventXmlParser() : impl_(std::make_unique<Impl>()) {}
EventXmlParser::~EventXmlParser() = default;

bool EventXmlParser::Parse(std::string_view xml, WindowsEvent* event, std::string_view* problem) {
  return impl_->Parse(xml, event, problem);
}

}  // namespace spraytrace::parse
