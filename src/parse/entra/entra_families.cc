#include "parse/entra/entra_families.h"

#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

namespace ondemand = simdjson::ondemand;

// Service principals and managed identities sign in with certificates and tokens, not a
// person's password: their records are read but make no event.
bool IsNonPersonCategory(std::string_view category) {
  return Contains(category, "ServicePrincipal") || Contains(category, "ManagedIdentity");
}

// Iterates an object's members, calling visit(key, value) -> Verdict; stops at the first one
// that is not kRead.
template <typename Visit>
auto ForEachField(ondemand::object object, Visit visit) {
  using Verdict = decltype(visit(std::string_view{}, ondemand::value{}));
  for (auto result : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(result).get(field) || field.unescaped_key().get(key)) return Verdict::kBadJson;
    const Verdict verdict = visit(key, field.value());
    if (verdict != Verdict::kRead) return verdict;
  }
  return Verdict::kRead;
}

}  // namespace

RecordStatus EntraJsonFamily::OnObject(ondemand::object object, std::string_view /*text*/,
                                       const RecordContext& context, EventSink* sink) {
  sign_in_ = EntraSignIn{};
  std::string_view code;
  std::string_view problem;
  switch (Read(object, &sign_in_, &code, &problem)) {
    case Verdict::kNotMine:
      return RecordStatus::kNotMine;
    case Verdict::kBadJson:
      return maker_.Bad(DiagnosticKind::kBadJson, "malformed JSON in an Entra sign-in record",
                        context);
    case Verdict::kWrongType:
      return maker_.Bad(DiagnosticKind::kBadRecord, problem, context);
    case Verdict::kRead:
      break;
  }
  return maker_.Deliver(sign_in_, code, context, sink);
}

EntraJsonFamily::Verdict EntraJsonFamily::ReadGraphFields(ondemand::object object,
                                                          EntraSignIn* sign_in,
                                                          std::string_view* problem) {
  return ForEachField(object, [&](std::string_view key, ondemand::value value) {
    FieldRead read = FieldRead::kOk;
    if (!reader_.ReadSharedField(key, value, sign_in, &read, problem) && KeyIs(key, "tenantId")) {
      bool bad_json = false;
      std::string_view tenant;
      if (ReadText(value, &tenant, &bad_json)) sign_in->tenant = tenant;
      if (bad_json) read = FieldRead::kBadJson;
    }
    if (read == FieldRead::kBadJson) return Verdict::kBadJson;
    return read == FieldRead::kWrongType ? Verdict::kWrongType : Verdict::kRead;
  });
}

// --- Microsoft Graph --------------------------------------------------------------------------

bool EntraGraphFamily::Sniff(std::string_view text) const {
  // Graph's own camelCase, or the PascalCase the Graph PowerShell SDK's objects serialise to.
  return (Contains(text, "\"userPrincipalName\"") || Contains(text, "\"UserPrincipalName\"")) &&
         (Contains(text, "\"createdDateTime\"") || Contains(text, "\"CreatedDateTime\"")) &&
         !Contains(text, "\"properties\"") && !Contains(text, "\"TimeGenerated\"");
}

EntraJsonFamily::Verdict EntraGraphFamily::Read(ondemand::object object, EntraSignIn* sign_in,
                                                std::string_view* code, std::string_view* problem) {
  const Verdict verdict = ReadGraphFields(object, sign_in, problem);
  *code = sign_in->error_code.empty() ? sign_in->result_type : sign_in->error_code;
  return verdict;
}

// --- Log Analytics / Sentinel -----------------------------------------------------------------

bool EntraSentinelFamily::Sniff(std::string_view text) const {
  return Contains(text, "\"TimeGenerated\"") && Contains(text, "\"UserPrincipalName\"");
}

EntraJsonFamily::Verdict EntraSentinelFamily::Read(ondemand::object object, EntraSignIn* sign_in,
                                                   std::string_view* code,
                                                   std::string_view* problem) {
  std::string_view workspace;  // TenantId: the Log Analytics workspace that stored the row
  const Verdict verdict = ForEachField(object, [&](std::string_view key, ondemand::value value) {
    FieldRead read = FieldRead::kOk;
    if (!reader_.ReadSharedField(key, value, sign_in, &read, problem)) {
      std::string_view* out = nullptr;
      if (key == "TimeGenerated") out = &sign_in->time;
      if (key == "AADTenantId") out = &sign_in->tenant;
      if (key == "TenantId") out = &workspace;
      std::string_view category;
      if (key == "Type" || key == "Category") out = &category;
      if (out == nullptr) return Verdict::kRead;
      bool bad_json = false;
      if (!ReadText(value, out, &bad_json)) {
        if (bad_json) return Verdict::kBadJson;
        if (out == &sign_in->time) {
          *problem = "Entra sign-in whose TimeGenerated is not a string";
          return Verdict::kWrongType;
        }
      }
      if (IsNonPersonCategory(category)) sign_in->not_a_user = true;
    }
    if (read == FieldRead::kBadJson) return Verdict::kBadJson;
    return read == FieldRead::kWrongType ? Verdict::kWrongType : Verdict::kRead;
  });
  if (sign_in->home_tenant.empty() && sign_in->resource_tenant.empty()) {
    sign_in->resource_tenant = workspace;  // better than nothing: one workspace, one tenant
  }
  *code = sign_in->result_type.empty() ? sign_in->error_code : sign_in->result_type;
  return verdict;
}

// --- Azure Monitor diagnostic settings --------------------------------------------------------

bool EntraAzureMonitorFamily::Sniff(std::string_view text) const {
  return Contains(text, "\"properties\"") && Contains(text, "SignInLogs\"");
}

EntraJsonFamily::Verdict EntraAzureMonitorFamily::Read(ondemand::object object,
                                                       EntraSignIn* sign_in, std::string_view* code,
                                                       std::string_view* problem) {
  std::string_view category;
  bool has_properties = false;
  const Verdict verdict = ForEachField(object, [&](std::string_view key, ondemand::value value) {
    if (key == "properties") {
      ondemand::json_type type;
      if (value.type().get(type)) return Verdict::kBadJson;
      if (type != ondemand::json_type::object) {
        *problem = "Entra diagnostic-settings record whose properties is not an object";
        return Verdict::kWrongType;
      }
      ondemand::object properties;
      if (value.get_object().get(properties)) return Verdict::kBadJson;
      has_properties = true;
      return ReadGraphFields(properties, sign_in, problem);
    }
    std::string_view* out = nullptr;
    if (key == "time") out = &sign_in->time;
    if (key == "category") out = &category;
    if (key == "tenantId") out = &sign_in->tenant;
    if (key == "resultType") out = &sign_in->result_type;
    if (key == "callerIpAddress") out = &sign_in->caller_ip;
    if (out == nullptr) return Verdict::kRead;
    bool bad_json = false;
    if (ReadText(value, out, &bad_json)) return Verdict::kRead;
    if (bad_json) return Verdict::kBadJson;
    if (out == &sign_in->time || out == &sign_in->result_type) {
      *problem = out == &sign_in->time
                     ? "Entra diagnostic-settings record whose time is not a string"
                     : "Entra diagnostic-settings record whose resultType is "
                       "not a code";
      return Verdict::kWrongType;
    }
    return Verdict::kRead;  // an odd tenantId or callerIpAddress: left out
  });
  if (verdict == Verdict::kBadJson) return verdict;
  // Other categories (AuditLogs, RiskyUsers, ...) are valid records of another kind.
  const bool user_sign_in = category == "SignInLogs" || category == "NonInteractiveUserSignInLogs";
  if (!user_sign_in && !IsNonPersonCategory(category)) return Verdict::kNotMine;
  if (IsNonPersonCategory(category)) sign_in->not_a_user = true;
  if (verdict == Verdict::kRead && !has_properties) {
    *problem = "Entra diagnostic-settings record without properties";
    return Verdict::kWrongType;
  }
  *code = sign_in->error_code.empty() ? sign_in->result_type : sign_in->error_code;
  return verdict;
}

}  // namespace spraytrace::parse
