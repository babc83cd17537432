// JsonRecords: finds the records in one complete JSON value and parses each on demand.
//
// A value is one record (an object on its own line), or holds its records in an array: a
// Microsoft Graph page `{"value":[...], "@odata.nextLink": ...}`, an Azure Monitor export
// `{"records":[...]}`, or a top-level `[...]`. Load() copies the text into a padded buffer that
// is reused across calls (simdjson needs SIMDJSON_PADDING readable bytes past the text) and
// lists the records' texts; Parse() iterates one of them with the one reused parser. Record
// texts are views into the buffer, valid until the next Load(). Not thread-safe.
#ifndef SPRAYTRACE_PARSE_JSON_JSON_RECORDS_H_
#define SPRAYTRACE_PARSE_JSON_JSON_RECORDS_H_

#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace spraytrace::parse {

struct JsonRecordText {
  std::string_view text;  // the record object's JSON text
  size_t position = 0;    // where it starts within the loaded value
};

enum class JsonLoadStatus : uint8_t {
  kOk,         ///< records() lists every record
  kBadJson,    ///< not valid JSON; records() lists those before the damage
  kNotObject,  ///< valid JSON but neither an object nor an array of objects
};

class JsonRecords {
 public:
  JsonRecords() = default;
  JsonRecords(const JsonRecords&) = delete;
  JsonRecords& operator=(const JsonRecords&) = delete;

  JsonLoadStatus Load(std::string_view json);
  const std::vector<JsonRecordText>& records() const { return records_; }
  // Iterates one record from records() afresh: a family that declines it leaves the next one
  // a clean object. The object is valid until the next Parse() or Load().
  bool Parse(const JsonRecordText& record, simdjson::ondemand::object* object);

 private:
  JsonLoadStatus CollectArray(simdjson::ondemand::array array);
  JsonLoadStatus LoadEnvelope();

  simdjson::ondemand::parser parser_;
  simdjson::ondemand::document document_;
  std::string buffer_;  // the value, then SIMDJSON_PADDING spare bytes
  size_t size_ = 0;     // the value's length within buffer_
  std::vector<JsonRecordText> records_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_JSON_JSON_RECORDS_H_
