// UalMapper: turns a UalRecord into the AuthEvent it stands for, for both renderings of the
// Unified Audit Log (the JSON family and the Purview CSV family share it).
//
//   time        CreationTime (UTC; written without a zone)
//   user        UserId, case-insensitive (Entra UPNs); a malformed UPN stays its own account
//   source      ClientIP, else ActorIpAddress; "1.2.3.4:5678" and "[2001:db8::1]:443" lose the
//               port, IPv4-mapped IPv6 becomes IPv4
//   tenant      OrganizationId
//   target_host Workload ("AzureActiveDirectory")
//   client      the UserAgent of ExtendedProperties (the spray tool's fingerprint)
//   service     Entra: these are Entra ID STS logons, whichever app asked
//
// Records of other operations are handled without an event; a sign-in without a usable time is a
// kBadRecord. Not thread-safe (EventFields reuses a buffer).
#ifndef SPRAYTRACE_PARSE_M365_UAL_MAPPING_H_
#define SPRAYTRACE_PARSE_M365_UAL_MAPPING_H_

#include <string_view>

#include "common/diagnostics.h"
#include "parse/event_fields.h"
#include "parse/family.h"
#include "parse/m365/ual_record.h"

namespace spraytrace::parse {

// The address part of a ClientIP: "[v6]:port" and "v4:port" without the port; anything else
// (a bare IPv6 address has colons of its own) as it is.
std::string_view WithoutPort(std::string_view address);

class UalMapper {
 public:
  UalMapper(StringPool* strings, Diagnostics* diagnostics)
      : fields_(strings), diagnostics_(diagnostics) {}

  RecordStatus Deliver(const UalRecord& record, const RecordContext& context, EventSink* sink);

 private:
  EventFields fields_;
  Diagnostics* diagnostics_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_M365_UAL_MAPPING_H_
