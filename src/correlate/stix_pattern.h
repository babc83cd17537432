// Writes and reads STIX 2.1 indicator patterns (pattern_type "stix") of IP addresses.
//
// Reads the IP addresses out of a STIX 2.1 indicator pattern (pattern_type "stix"), e.g.
//   [ipv4-addr:value = '198.51.100.7']
//   [ipv4-addr:value ISSUBSET '203.0.113.0/24' OR ipv6-addr:value = '2001:db8::1']
//   [ipv4-addr:value = '192.0.2.1'] OR [ipv4-addr:value = '192.0.2.2']
// A pattern is an address list only when every comparison is ipv4-addr:value or
// ipv6-addr:value with '=' or ISSUBSET, joined by OR alone: AND, FOLLOWEDBY, NOT, other object
// types, other operators or qualifiers (WITHIN, REPEATS, START/STOP) make it something else, and
// its addresses are not known-bad on their own.
#ifndef SPRAYTRACE_CORRELATE_STIX_PATTERN_H_
#define SPRAYTRACE_CORRELATE_STIX_PATTERN_H_

#include <string>
#include <string_view>
#include <vector>

#include "event/ip_network.h"

namespace spraytrace::correlate {

enum class StixPatternKind {
  kAddresses,     ///< an OR of IP address comparisons; *addresses holds their values
  kNotAddresses,  ///< a well-formed pattern about something else (domains, hashes, AND ...)
  kMalformed,     ///< unbalanced brackets or quotes, a comparison without a value, or empty
};

// Values are the quoted strings as written (unescaped), not yet checked as addresses.
StixPatternKind ParseStixAddressPattern(std::string_view pattern,
                                        std::vector<std::string>* addresses);

// The pattern that matches network: "[ipv4-addr:value = '203.0.113.5']" for one address,
// "[ipv6-addr:value ISSUBSET '2001:db8::/64']" for a network. A network's comparison is
// ISSUBSET (STIX patterning's "this address lies in that CIDR block"): an observed address
// compared with '=' would have to be the CIDR string itself. ParseStixAddressPattern reads it back
// as the one value network.ToCompactString().
std::string StixAddressPattern(const ::spraytrace::IpNetwork& network);

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_STIX_PATTERN_H_
