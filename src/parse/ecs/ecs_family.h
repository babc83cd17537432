// EcsFamily ("ecs"): authentication events in Elastic Common Schema JSON, as Elastic Agent,
// Filebeat modules, Logstash or any SIEM export writes them: `event.category` containing
// "authentication", `event.outcome` success/failure, `source.ip` (or `source.address`),
// `user.name` (+ `user.domain`), `@timestamp`, optionally `event.reason`, `host.name`,
// `user_agent.original`, `cloud.account.id` / `organization.id` (tenant). Fields may be nested
// objects or dotted keys ("event.outcome": ...), or both. Records without the authentication
// category are other ECS events: handled, no event. Winlogbeat records (with `winlog`) belong
// to the Windows family, which is tried first.
#ifndef SPRAYTRACE_PARSE_ECS_ECS_FAMILY_H_
#define SPRAYTRACE_PARSE_ECS_ECS_FAMILY_H_

#include <string>

#include "common/diagnostics.h"
#include "parse/event_fields.h"
#include "parse/family.h"

namespace spraytrace::parse {

class EcsFamily final : public JsonFamily {
 public:
  EcsFamily(StringPool* strings, Diagnostics* diagnostics)
      : fields_(strings), diagnostics_(diagnostics) {}

  std::string_view name() const override { return "ecs"; }
  bool Sniff(std::string_view text) const override;
  RecordStatus OnObject(simdjson::ondemand::object object, std::string_view text,
                        const RecordContext& context, EventSink* sink) override;

 private:
  EventFields fields_;
  Diagnostics* diagnostics_;
  std::string path_;  // dotted path of the field being read, reused
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_ECS_ECS_FAMILY_H_
