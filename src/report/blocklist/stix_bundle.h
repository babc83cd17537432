// STIX 2.1 bundle: the blocklist as indicators another organisation can load, so the networks
// that sprayed here are blocked there before they spray again.
//
// One bundle holds: the producer's identity (spraytrace, one fixed object); one campaign per
// spraytrace campaign an entry takes part in (its description is the campaign finding's message,
// first_seen/last_seen its evidence span); one indicator per entry of the list the policy decided
// (the same entries as the nft and CrowdSec files), with the pattern
//   [ipv4-addr:value = '203.0.113.5']  or  [ipv6-addr:value ISSUBSET '2001:db8::/64']
// valid_from its first evidence, valid_until its expiry (last evidence + the policy's ttl),
// confidence 0-100, the rule ids as labels and a description of why it is listed (rules,
// campaigns, how many accounts its findings targeted: counts, never account names); and one
// "indicates" relationship from each indicator to each campaign it took part in.
//
// Nothing depends on the wall clock: identifiers are UUIDv5 over what each object is (the
// pattern and its first evidence time, the campaign id and its start), created is the first
// evidence and modified the last, so the same findings give a byte-identical bundle and a later
// run with more evidence writes new versions (same id, later modified) of the same objects.
// Schema: tests/stix/stix21-bundle.schema.json; the e2e test validates against it.
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_STIX_BUNDLE_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_STIX_BUNDLE_H_

#include <string>

#include "common/uuid.h"
#include "report/blocklist/blocklist.h"
#include "report/blocklist/blocklist_policy.h"

namespace spraytrace::report {

// The namespace of every spraytrace STIX identifier: UUIDv5(URL namespace,
// "urn:spraytrace:stix") = 2f555185-64a2-5743-968d-846ed2054e84.
Uuid SpraytraceStixNamespace();

// "identity--..." of the producer, the same in every bundle.
std::string SpraytraceIdentityId();

// "2024-03-05T07:08:09.123Z": always three fractional digits, the microseconds below them cut
// (toward the past), the precision STIX 2.1 wants for created and modified.
std::string FormatStixTime(Timestamp time);

// list as rendered (ListForFormat). REQUIRES: policy.Validate().ok().
std::string RenderStixBundle(const Blocklist& list, const BlocklistPolicy& policy);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_STIX_BUNDLE_H_
