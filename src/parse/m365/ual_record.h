// UalRecord: the fields of one Microsoft 365 Unified Audit Log record that say who tried to sign
// in, from where, when and with what result (formats.md §4), read from the record's JSON object:
// a line of the Management Activity API's output, an element of its JSON array, or the AuditData
// column of a Purview CSV export. Other fields are skipped unread.
//
// Views point into the simdjson parser's string buffer or the record's text: valid while the
// record is being handled.
#ifndef SPRAYTRACE_PARSE_M365_UAL_RECORD_H_
#define SPRAYTRACE_PARSE_M365_UAL_RECORD_H_

#include <simdjson.h>

#include <string_view>

namespace spraytrace::parse {

struct UalRecord {
  std::string_view creation_time;    // UTC, no zone suffix: "2023-07-23T06:25:34"
  std::string_view operation;        // "UserLoginFailed", "UserLoggedIn", or any other activity
  std::string_view result_status;    // "Failed", "Success"; older records "Succeeded", "failed"
  std::string_view user_id;          // the UPN as the client typed it (may be malformed)
  std::string_view client_ip;        // "2a09:bac5:111:105::1a:89", "1.2.3.4:5678", "[v6]:port"
  std::string_view actor_ip;         // ActorIpAddress: used when ClientIP is absent
  std::string_view error_number;     // the Entra (AADSTS) code as text: "50126", "0"
  std::string_view logon_error;      // its symbolic name: "InvalidUserNameOrPassword"
  std::string_view organization_id;  // the tenant
  std::string_view workload;         // "AzureActiveDirectory"
  std::string_view user_agent;       // ExtendedProperties[Name=UserAgent].Value
};

// Fills *record from a UAL record object (fields absent stay empty; numbers are read as their
// text, since some exporters write ErrorNumber as 50126). False when the JSON is malformed.
bool ReadUalRecord(simdjson::ondemand::object object, UalRecord* record);

// Cheap test on a JSON object's text: the keys every UAL record has.
bool LooksLikeUalRecord(std::string_view text);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_M365_UAL_RECORD_H_
