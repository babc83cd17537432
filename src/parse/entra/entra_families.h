// The three shapes Microsoft Entra ID sign-in logs are exported in, one JsonFamily each. All
// read into an EntraSignIn and share its mapping (entra_sign_in.h) and the result-code table
// (entra_result_codes.h); docs/entra.md describes them.
//
//   entra-graph     Microsoft Graph `auditLogs/signIns` (a `{"value":[...]}` page or one object
//                   per line; also Microsoft-Extractor-Suite's SignInLogs.json): `createdDateTime`,
//                   `userPrincipalName`, `ipAddress`, `status.errorCode`, `tenantId` (else
//                   `homeTenantId` / `resourceTenantId`). Sniff: those keys, no `properties`.
//   entra-sentinel  Log Analytics / Sentinel `SigninLogs` (and `AADNonInteractiveUserSignInLogs`)
//                   rows: `TimeGenerated`, `UserPrincipalName`, `IPAddress`, `ResultType` (text
//                   or number; else `Status.errorCode`, `Status` an object or JSON text).
//                   `TenantId` there is the Log Analytics workspace: the tenant is `AADTenantId`,
//                   else `HomeTenantId`, and only then `TenantId`. Sniff: `TimeGenerated` and
//                   `UserPrincipalName`.
//   entra-azmon     Azure Monitor diagnostic-settings export (storage account, Event Hub; a
//                   `{"records":[...]}` blob or one record per line): `time`, `category`
//                   (`SignInLogs`, `NonInteractiveUserSignInLogs`), `tenantId`, `resultType`,
//                   `callerIpAddress`, and the Graph fields under `properties`. Sniff: a
//                   `properties` key and a `...SignInLogs` value.
//
// Service principal and managed identity sign-ins are read but make no event (no person's
// password); records of other categories (AuditLogs, ...) are not these families'.
#ifndef SPRAYTRACE_PARSE_ENTRA_ENTRA_FAMILIES_H_
#define SPRAYTRACE_PARSE_ENTRA_ENTRA_FAMILIES_H_

#include "common/diagnostics.h"
#include "event/string_pool.h"
#include "parse/entra/entra_sign_in.h"
#include "parse/family.h"

namespace spraytrace::parse {

// What the three share: the field reader, the event maker, the reused sign-in.
class EntraJsonFamily : public JsonFamily {
 public:
  EntraJsonFamily(StringPool* strings, Diagnostics* diagnostics) : maker_(strings, diagnostics) {}
  RecordStatus OnObject(simdjson::ondemand::object object, std::string_view text,
                        const RecordContext& context, EventSink* sink) final;

 protected:
  enum class Verdict : uint8_t { kRead, kNotMine, kWrongType, kBadJson };
  // Fills *sign_in and *code (the result code text the shape trusts most); kWrongType with
  // *problem naming the field.
  virtual Verdict Read(simdjson::ondemand::object object, EntraSignIn* sign_in,
                       std::string_view* code, std::string_view* problem) = 0;
  // Reads a Graph-named object (a Graph record, or diagnostic settings' `properties`).
  Verdict ReadGraphFields(simdjson::ondemand::object object, EntraSignIn* sign_in,
                          std::string_view* problem);

  EntraFieldReader reader_;

 private:
  EntraEventMaker maker_;
  EntraSignIn sign_in_;
};

class EntraGraphFamily final : public EntraJsonFamily {
 public:
  using EntraJsonFamily::EntraJsonFamily;
  std::string_view name() const override { return "entra-graph"; }
  bool Sniff(std::string_view text) const override;

 private:
  Verdict Read(simdjson::ondemand::object object, EntraSignIn* sign_in, std::string_view* code,
               std::string_view* problem) override;
};

class EntraSentinelFamily final : public EntraJsonFamily {
 public:
  using EntraJsonFamily::EntraJsonFamily;
  std::string_view name() const override { return "entra-sentinel"; }
  bool Sniff(std::string_view text) const override;

 private:
  Verdict Read(simdjson::ondemand::object object, EntraSignIn* sign_in, std::string_view* code,
               std::string_view* problem) override;
};

class EntraAzureMonitorFamily final : public EntraJsonFamily {
 public:
  using EntraJsonFamily::EntraJsonFamily;
  std::string_view name() const override { return "entra-azmon"; }
  bool Sniff(std::string_view text) const override;

 private:
  Verdict Read(simdjson::ondemand::object object, EntraSignIn* sign_in, std::string_view* code,
               std::string_view* problem) override;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_ENTRA_ENTRA_FAMILIES_H_
