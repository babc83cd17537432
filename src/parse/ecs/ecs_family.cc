#include "parse/ecs/ecs_family.h"

#include <array>
#include <string>

#include "parse/reason_words.h"
#include "parse/text_scan.h"

namespace spraytrace::parse {
namespace {

namespace ondemand = simdjson::ondemand;

// The ECS fields read, by dotted path.
enum Field : uint8_t {
  kTimestamp,
  kCategory,
  kOutcome,
  kSourceIp,
  kSourceAddress,
  kUserName,
  kUserDomain,
  kReason,
  kHostName,
  kUserAgent,
  kCloudAccount,
  kOrganization,
  kFieldCount,
};

constexpr std::array<std::string_view, kFieldCount> kPaths = {
    "@timestamp",     "event.category",      "event.outcome",    "source.ip",
    "source.address", "user.name",           "user.domain",      "event.reason",
    "host.name",      "user_agent.original", "cloud.account.id", "organization.id",
};

struct EcsValues {
  std::array<std::string_view, kFieldCount> text{};
  bool authentication = false;  // event.category holds "authentication"
  bool bad = false;
};

// Values are strings; event.category may be an array of them. Numbers and the rest are ignored.
void Take(ondemand::value value, Field field, EcsValues* values) {
  ondemand::json_type type;
  if (value.type().get(type)) {
    values->bad = true;
    return;
  }
  if (field == kCategory && type == ondemand::json_type::array) {
    for (auto element : value.get_array()) {
      std::string_view item;
      if (!element.get_string().get(item) && item == "authentication") {
        values->authentication = true;
      }
    }
    return;
  }
  if (type != ondemand::json_type::string) return;
  std::string_view text;
  if (value.get_string().get(text)) {
    values->bad = true;
    return;
  }
  values->text[field] = text;
  if (field == kCategory && text == "authentication") values->authentication = true;
}

// Walks nested objects two levels deep, matching "a", "a.b" and "a.b.c" paths.
void Walk(ondemand::object object, std::string* path, int depth, EcsValues* values) {
  for (auto member : object) {
    std::string_view key;
    if (member.unescaped_key().get(key)) {
      values->bad = true;
      return;
    }
    const size_t keep = path->size();
    if (!path->empty()) path->push_back('.');
    path->append(key);
    ondemand::value value = member.value();
    bool matched = false;
    for (size_t f = 0; f < kFieldCount; ++f) {
      if (*path == kPaths[f]) {
        Take(value, static_cast<Field>(f), values);
        matched = true;
        break;
      }
    }
    ondemand::json_type type;
    if (!matched && depth < 2 && !value.type().get(type) && type == ondemand::json_type::object) {
      ondemand::object inner;
      if (!value.get_object().get(inner)) Walk(inner, path, depth + 1, values);
    }
    path->resize(keep);
    if (values->bad) return;
  }
}

}  // namespace

bool EcsFamily::Sniff(std::string_view text) const {
  return !Contains(text, "\"winlog\"") && Contains(text, "authentication") &&
         Contains(text, "outcome");
}

RecordStatus EcsFamily::OnObject(ondemand::object object, std::string_view /*text*/,
                                 const RecordContext& context, EventSink* sink) {
  EcsValues values;
  path_.clear();
  Walk(object, &path_, 0, &values);
  const auto bad = [&](std::string_view why) {
    diagnostics_->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line, why);
    return RecordStatus::kBad;
  };
  if (values.bad) return bad("ECS record with invalid JSON");
  if (!values.authentication) return RecordStatus::kNotMine;
  const std::string_view outcome = values.text[kOutcome];
  if (outcome != "success" && outcome != "failure") return RecordStatus::kHandled;
  AuthEvent event;
  if (!ParseExportTime(values.text[kTimestamp], &event.time)) {
    return bad("ECS authentication event without a usable @timestamp");
  }
  event.outcome = outcome == "success" ? Outcome::kSuccess : Outcome::kFailure;
  if (event.outcome == Outcome::kFailure) event.reason = ReasonFromWords(values.text[kReason]);
  if (!fields_.SetSource(values.text[kSourceIp], &event)) {
    fields_.SetSource(values.text[kSourceAddress], &event);
  }
  fields_.SetUser(values.text[kUserName], UserCase::kInsensitive, &event);
  event.target_host = fields_.Intern(values.text[kHostName]);
  event.client = fields_.Intern(values.text[kUserAgent]);
  event.tenant = fields_.Intern(values.text[kCloudAccount].empty() ? values.text[kOrganization]
                                                                   : values.text[kCloudAccount]);
  event.service = Service::kOther;
  event.method = AuthMethod::kPassword;
  event.where = context.where;
  sink->OnEvent(event);
  return RecordStatus::kHandled;
}

}  // namespace spraytrace::parse
