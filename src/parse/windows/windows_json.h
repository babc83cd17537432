// Helpers the JSON renderings of Windows events share (Winlogbeat, NXLog, python-evtx): reading
// a value as the text Windows logged, and an EventData object into WindowsEvent pairs.
//
// Views returned point into the simdjson parser's buffers (strings) or the record's text
// (numbers): valid while the record is being handled.
#ifndef SPRAYTRACE_PARSE_WINDOWS_WINDOWS_JSON_H_
#define SPRAYTRACE_PARSE_WINDOWS_WINDOWS_JSON_H_

#include <simdjson.h>

#include <cstdint>
#include <string_view>

#include "parse/windows/windows_event.h"

namespace spraytrace::parse {

enum class ScalarStatus : uint8_t {
  kText,      ///< a string, number or boolean: *out is its text (a string unescaped)
  kNull,      ///< null: *out is empty
  kCompound,  ///< an object or array: not a scalar, *out is empty (the value is left unread)
  kBad,       ///< malformed JSON
};

// Windows renderings write the same field as a string ("4625") or a number (4625) depending
// on the shipper version; both read as text.
ScalarStatus ReadScalar(simdjson::ondemand::value value, std::string_view* out);

// Every scalar member of `object` as a pair in *event (null as ""); nested values are skipped.
// False on malformed JSON.
bool ReadEventData(simdjson::ondemand::object object, WindowsEvent* event);

// "4625" -> 4625; false for anything that is not a decimal event id below 65536.
bool ParseEventId(std::string_view text, uint32_t* id);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_WINDOWS_JSON_H_
