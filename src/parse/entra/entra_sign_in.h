// EntraSignIn: one Entra ID sign-in as any of its three export shapes carries it, and the
// mapping from it to an AuthEvent that the three families (entra_families.h) share.
//
// The shapes name the same facts differently (formats.md section 3): Graph `userPrincipalName`,
// Sentinel `UserPrincipalName`, the diagnostic-settings export the Graph names under
// `properties`. ReadSharedField reads the names they share, compared without case; each family
// reads its own names (times, tenant, category) and says which candidate wins.
//
// Views point into the record's simdjson buffers: valid while the record is being handled.
#ifndef SPRAYTRACE_PARSE_ENTRA_ENTRA_SIGN_IN_H_
#define SPRAYTRACE_PARSE_ENTRA_ENTRA_SIGN_IN_H_

#include <simdjson.h>

#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/event_fields.h"
#include "parse/family.h"

namespace spraytrace::parse {

struct EntraSignIn {
  std::string_view time;          // UTC time of the sign-in (the family picks the field)
  std::string_view created_time;  // createdDateTime: the fallback
  std::string_view user;          // userPrincipalName as typed
  bool has_user = false;          // the key was present (an empty value is still "no user")
  std::string_view ip;            // ipAddress / IPAddress
  std::string_view caller_ip;     // diagnostic settings' callerIpAddress: the fallback
  std::string_view error_code;    // status.errorCode (number or text)
  std::string_view result_type;   // ResultType / resultType (text or number)
  std::string_view tenant;        // the tenant signed in to (tenantId, AADTenantId)
  std::string_view home_tenant;   // homeTenantId, then resourceTenantId: fallbacks
  std::string_view resource_tenant;
  std::string_view app;         // appDisplayName
  std::string_view client_app;  // clientAppUsed: "Browser", "Exchange ActiveSync", ...
  std::string_view user_agent;  // userAgent
  // The record is a sign-in of something that is not a person (service principal, managed
  // identity): no password guess, no event.
  bool not_a_user = false;
};

enum class FieldRead : uint8_t {
  kOk,         ///< read, or not a shared field (left for the family)
  kWrongType,  ///< a shared field of the wrong JSON type; *problem names it
  kBadJson,    ///< malformed JSON
};

// Reads the fields the shapes share, and the ones no shape needs told apart
// (homeTenantId, resourceTenantId). `status` may be an object or, in Log Analytics exports,
// the same object as a JSON string: parsed with a parser of its own.
class EntraFieldReader {
 public:
  // True when key is a shared field, read into *sign_in (*status set).
  bool ReadSharedField(std::string_view key, simdjson::ondemand::value value, EntraSignIn* sign_in,
                       FieldRead* status, std::string_view* problem);

 private:
  FieldRead ReadStatus(simdjson::ondemand::value value, EntraSignIn* sign_in,
                       std::string_view* problem);
  FieldRead ReadStatusObject(simdjson::ondemand::object object, EntraSignIn* sign_in,
                             std::string_view* problem);

  simdjson::ondemand::parser status_parser_;
  std::string status_text_;  // the Status string, padded for simdjson
};

// A string, number or boolean as text (null: empty); false for objects, arrays and bad JSON.
// *bad_json tells the two apart.
bool ReadText(simdjson::ondemand::value value, std::string_view* out, bool* bad_json);

// ASCII case-insensitive comparison of a key.
bool KeyIs(std::string_view key, std::string_view name);

// Turns a read sign-in into an AuthEvent (or none: interrupts, token housekeeping, service
// principals) and reports unusable ones.
class EntraEventMaker {
 public:
  EntraEventMaker(StringPool* strings, Diagnostics* diagnostics)
      : fields_(strings), diagnostics_(diagnostics) {}

  // `code` is the result code text the family chose (status.errorCode or ResultType).
  RecordStatus Deliver(const EntraSignIn& sign_in, std::string_view code,
                       const RecordContext& context, EventSink* sink);
  // Counts a record the family could not read (kBadRecord, or kBadJson when malformed).
  RecordStatus Bad(DiagnosticKind kind, std::string_view why, const RecordContext& context);

 private:
  EventFields fields_;
  Diagnostics* diagnostics_;
  std::string tenant_;  // the tenant id in lower case, reused
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_ENTRA_ENTRA_SIGN_IN_H_
