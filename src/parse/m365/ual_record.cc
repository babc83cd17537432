#include "parse/m365/ual_record.h"

#include "parse/text_scan.h"
#include "parse/windows/windows_json.h"

namespace spraytrace::parse {
namespace {

namespace ondemand = simdjson::ondemand;

// A scalar value as text; objects, arrays and null leave *out empty.
bool Scalar(ondemand::value value, std::string_view* out) {
  return ReadScalar(value, out) != ScalarStatus::kBad;
}

// ExtendedProperties: [{"Name":"UserAgent","Value":"python-requests/2.28.2"}, ...]. Only the
// user agent is kept; RequestType and the rest are not part of an attempt.
bool ReadExtendedProperties(ondemand::value value, UalRecord* record) {
  ondemand::json_type type;
  if (value.type().get(type)) return false;
  if (type != ondemand::json_type::array) return true;
  ondemand::array array;
  if (value.get_array().get(array)) return false;
  for (auto element : array) {
    ondemand::object property;
    ondemand::json_type element_type;
    if (element.type().get(element_type)) return false;
    if (element_type != ondemand::json_type::object) continue;
    if (element.get_object().get(property)) return false;
    std::string_view name, text;
    for (auto member : property) {
      ondemand::field field;
      std::string_view key;
      if (std::move(member).get(field) || field.unescaped_key().get(key)) return false;
      std::string_view* out = key == "Name" ? &name : key == "Value" ? &text : nullptr;
      if (out != nullptr && !Scalar(field.value(), out)) return false;
    }
    if (name == "UserAgent") record->user_agent = text;
  }
  return true;
}

std::string_view* FieldFor(std::string_view key, UalRecord* r) {
  // By first letter, then exact name: this runs on every member of every record.
  switch (key.empty() ? '\0' : key.front()) {
    case 'A':
      return key == "ActorIpAddress" ? &r->actor_ip : nullptr;
    case 'C':
      if (key == "CreationTime") return &r->creation_time;
      return key == "ClientIP" ? &r->client_ip : nullptr;
    case 'E':
      return key == "ErrorNumber" ? &r->error_number : nullptr;
    case 'L':
      return key == "LogonError" ? &r->logon_error : nullptr;
    case 'O':
      if (key == "Operation") return &r->operation;
      return key == "OrganizationId" ? &r->organization_id : nullptr;
    case 'R':
      return key == "ResultStatus" ? &r->result_status : nullptr;
    case 'U':
      return key == "UserId" ? &r->user_id : nullptr;
    case 'W':
      return key == "Workload" ? &r->workload : nullptr;
    default:
      return nullptr;
  }
}

}  // namespace

bool ReadUalRecord(ondemand::object object, UalRecord* record) {
  *record = UalRecord();
  for (auto member : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(member).get(field) || field.unescaped_key().get(key)) return false;
    if (key == "ExtendedProperties") {
      if (!ReadExtendedProperties(field.value(), record)) return false;
      continue;
    }
    std::string_view* out = FieldFor(key, record);
    if (out != nullptr && !Scalar(field.value(), out)) return false;
  }
  return true;
}

bool LooksLikeUalRecord(std::string_view text) {
  return Contains(text, "\"CreationTime\"") && Contains(text, "\"Operation\"") &&
         Contains(text, "\"OrganizationId\"");
}

}  // namespace spraytrace::parse
