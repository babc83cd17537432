#include "parse/entra/entra_sign_in.h"

#include "parse/entra/entra_result_codes.h"
#include "parse/windows/windows_json.h"

namespace spraytrace::parse {
namespace {

namespace ondemand = simdjson::ondemand;

// How strictly a field's JSON type is checked: a record that writes a field it needs wrongly is
// not read; an odd extra does not spoil it.
enum class Kind : uint8_t {
  kString,    ///< a string (or null)
  kCode,      ///< a string or a number (or null): result codes are written both ways
  kOptional,  ///< any scalar as text; anything else ignored
};

FieldRead TakeText(ondemand::value value, Kind kind, std::string_view name, std::string_view* out,
                   std::string_view* problem) {
  ondemand::json_type type;
  if (value.type().get(type)) return FieldRead::kBadJson;
  const bool allowed = type == ondemand::json_type::null || type == ondemand::json_type::string ||
                       (kind != Kind::kString && type == ondemand::json_type::number) ||
                       (kind == Kind::kOptional && type == ondemand::json_type::boolean);
  if (!allowed) {
    if (kind == Kind::kOptional) return FieldRead::kOk;
    *problem = name;
    return FieldRead::kWrongType;
  }
  bool bad_json = false;
  if (!ReadText(value, out, &bad_json)) return FieldRead::kBadJson;
  return FieldRead::kOk;
}

}  // namespace

bool KeyIs(std::string_view key, std::string_view name) {
  if (key.size() != name.size()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    char a = key[i];
    char b = name[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

bool ReadText(ondemand::value value, std::string_view* out, bool* bad_json) {
  switch (ReadScalar(value, out)) {
    case ScalarStatus::kText:
    case ScalarStatus::kNull:
      return true;
    case ScalarStatus::kCompound:
      return false;
    case ScalarStatus::kBad:
      *bad_json = true;
      return false;
  }
  return false;
}

bool EntraFieldReader::ReadSharedField(std::string_view key, ondemand::value value,
                                       EntraSignIn* sign_in, FieldRead* status,
                                       std::string_view* problem) {
  constexpr Kind kString = Kind::kString;
  constexpr Kind kOptional = Kind::kOptional;
  if (KeyIs(key, "userPrincipalName")) {
    sign_in->has_user = true;
    *status = TakeText(value, kString, "Entra sign-in whose userPrincipalName is not a string",
                       &sign_in->user, problem);
  } else if (KeyIs(key, "ipAddress")) {
    *status = TakeText(value, kString, "Entra sign-in whose ipAddress is not a string",
                       &sign_in->ip, problem);
  } else if (KeyIs(key, "status")) {
    *status = ReadStatus(value, sign_in, problem);
  } else if (KeyIs(key, "resultType")) {
    *status = TakeText(value, Kind::kCode, "Entra sign-in whose resultType is not a code",
                       &sign_in->result_type, problem);
  } else if (KeyIs(key, "createdDateTime")) {
    *status = TakeText(value, kString, "Entra sign-in whose createdDateTime is not a string",
                       &sign_in->created_time, problem);
  } else if (KeyIs(key, "appDisplayName")) {
    *status = TakeText(value, kOptional, {}, &sign_in->app, problem);
  } else if (KeyIs(key, "clientAppUsed")) {
    *status = TakeText(value, kOptional, {}, &sign_in->client_app, problem);
  } else if (KeyIs(key, "userAgent")) {
    *status = TakeText(value, kOptional, {}, &sign_in->user_agent, problem);
  } else if (KeyIs(key, "homeTenantId")) {
    *status = TakeText(value, kOptional, {}, &sign_in->home_tenant, problem);
  } else if (KeyIs(key, "resourceTenantId")) {
    *status = TakeText(value, kOptional, {}, &sign_in->resource_tenant, problem);
  } else {
    return false;
  }
  return true;
}

FieldRead EntraFieldReader::ReadStatus(ondemand::value value, EntraSignIn* sign_in,
                                       std::string_view* problem) {
  ondemand::json_type type;
  if (value.type().get(type)) return FieldRead::kBadJson;
  if (type == ondemand::json_type::null) return FieldRead::kOk;
  if (type == ondemand::json_type::object) {
    ondemand::object object;
    if (value.get_object().get(object)) return FieldRead::kBadJson;
    return ReadStatusObject(object, sign_in, problem);
  }
  std::string_view text;
  if (type != ondemand::json_type::string || value.get_string().get(text)) {
    *problem = "Entra sign-in whose status is neither an object nor a JSON string";
    return FieldRead::kWrongType;
  }
  // Log Analytics writes dynamic columns as JSON text: "{\"errorCode\":50126,...}".
  if (text.empty()) return FieldRead::kOk;
  status_text_.assign(text);
  status_text_.append(simdjson::SIMDJSON_PADDING, ' ');
  ondemand::document document;
  ondemand::object object;
  if (status_parser_.iterate(status_text_.data(), text.size(), status_text_.size()).get(document) ||
      document.get_object().get(object)) {
    *problem = "Entra sign-in whose status string is not a JSON object";
    return FieldRead::kWrongType;
  }
  const FieldRead read = ReadStatusObject(object, sign_in, problem);
  if (read == FieldRead::kBadJson) {
    *problem = "Entra sign-in whose status string is not a JSON object";
    return FieldRead::kWrongType;
  }
  return read;
}

FieldRead EntraFieldReader::ReadStatusObject(ondemand::object object, EntraSignIn* sign_in,
                                             std::string_view* problem) {
  for (auto result : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(result).get(field) || field.unescaped_key().get(key)) return FieldRead::kBadJson;
    if (!KeyIs(key, "errorCode")) continue;
    const FieldRead read =
        TakeText(field.value(), Kind::kCode, "Entra sign-in whose status.errorCode is not a code",
                 &sign_in->error_code, problem);
    if (read != FieldRead::kOk) return read;
  }
  return FieldRead::kOk;
}

RecordStatus EntraEventMaker::Bad(DiagnosticKind kind, std::string_view why,
                                  const RecordContext& context) {
  diagnostics_->Report(kind, context.file_name, context.where.line, why);
  return RecordStatus::kBad;
}

RecordStatus EntraEventMaker::Deliver(const EntraSignIn& sign_in, std::string_view code,
                                      const RecordContext& context, EventSink* sink) {
  if (sign_in.not_a_user) return RecordStatus::kHandled;
  AuthEvent event;
  const std::string_view time = sign_in.time.empty() ? sign_in.created_time : sign_in.time;
  if (!ParseExportTime(time, &event.time)) {
    return Bad(DiagnosticKind::kBadRecord, "Entra sign-in without a usable time", context);
  }
  if (IsPlaceholder(sign_in.user)) {
    return Bad(DiagnosticKind::kBadRecord, "Entra sign-in without a userPrincipalName", context);
  }
  if (IsPlaceholder(code)) {
    return Bad(DiagnosticKind::kBadRecord,
               "Entra sign-in without a result code (status.errorCode or ResultType)", context);
  }
  const std::optional<uint32_t> number = ParseEntraResultCode(code);
  if (!number) {
    return Bad(DiagnosticKind::kBadRecord, "Entra sign-in with a result code that is not a number",
               context);
  }
  const EntraCodeMeaning meaning = EntraResultMeaning(*number);
  if (meaning.not_an_attempt) return RecordStatus::kHandled;  // an interrupt: no password judged
  event.outcome = meaning.outcome;
  event.reason = meaning.reason;
  // Entra accounts are case-insensitive; the canonical form drops the @domain like the others.
  fields_.SetUser(sign_in.user, UserCase::kInsensitive, &event);
  if (!fields_.SetSource(sign_in.ip, &event)) fields_.SetSource(sign_in.caller_ip, &event);
  std::string_view tenant = sign_in.tenant;
  if (IsPlaceholder(tenant)) tenant = sign_in.home_tenant;
  if (IsPlaceholder(tenant)) tenant = sign_in.resource_tenant;
  if (!IsPlaceholder(tenant)) {
    // Tenant ids are GUIDs that exports write in either case: one tenant, one id.
    tenant_.assign(tenant);
    for (char& c : tenant_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    event.tenant = fields_.Intern(tenant_);
  }
  event.client = fields_.Intern(sign_in.user_agent);
  if (event.client == kNoString) event.client = fields_.Intern(sign_in.client_app);
  event.target_host = fields_.Intern(sign_in.app);
  event.service = Service::kEntra;
  event.method = AuthMethod::kPassword;
  event.where = context.where;
  sink->OnEvent(event);
  return RecordStatus::kHandled;
}

}  // namespace spraytrace::parse
