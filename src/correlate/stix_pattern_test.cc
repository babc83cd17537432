#include "correlate/stix_pattern.h"

#include <gtest/gtest.h>

namespace spraytrace::correlate {
namespace {

using Values = std::vector<std::string>;

TEST(StixPattern, SingleAddresses) {
  Values v;
  EXPECT_EQ(ParseStixAddressPattern("[ipv4-addr:value = '198.51.100.7']", &v),
            StixPatternKind::kAddresses);
  EXPECT_EQ(v, Values{"198.51.100.7"});
  EXPECT_EQ(ParseStixAddressPattern("[ipv6-addr:value='2001:db8::7']", &v),
            StixPatternKind::kAddresses);
  EXPECT_EQ(v, Values{"2001:db8::7"});
}

TEST(StixPattern, CidrAndOrLists) {
  Values v;
  EXPECT_EQ(ParseStixAddressPattern(
                "[ipv4-addr:value ISSUBSET '203.0.113.0/24' OR ipv4-addr:value = '192.0.2.1']", &v),
            StixPatternKind::kAddresses);
  EXPECT_EQ(v, (Values{"203.0.113.0/24", "192.0.2.1"}));
  EXPECT_EQ(ParseStixAddressPattern(
                "([ipv4-addr:value = '192.0.2.1'] OR [ipv6-addr:value = '2001:db8::1'])", &v),
            StixPatternKind::kAddresses);
  EXPECT_EQ(v, (Values{"192.0.2.1", "2001:db8::1"}));
}

TEST(StixPattern, OtherIndicatorsAreNotAddresses) {
  Values v;
  for (const char* other : {
           "[domain-name:value = 'evil.example']",
           "[file:hashes.'SHA-256' = "
           "'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
           "[email-message:to_refs[*].value = 'a@example.com']",
           "[ipv4-addr:value = '192.0.2.1' AND network-traffic:dst_port = 443]",
           "[ipv4-addr:value = '192.0.2.1'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.2']",
           "[ipv4-addr:value = '192.0.2.1'] WITHIN 600 SECONDS",
           "[ipv4-addr:value != '192.0.2.1']",
           "[ipv4-addr:value NOT = '192.0.2.1']",
           "[network-traffic:src_ref.value = '192.0.2.1']",
       }) {
    EXPECT_EQ(ParseStixAddressPattern(other, &v), StixPatternKind::kNotAddresses) << other;
    EXPECT_TRUE(v.empty()) << other;
  }
}

TEST(StixPattern, MalformedPatterns) {
  Values v;
  for (const char* bad :
       {"", "   ", "[ipv4-addr:value = '192.0.2.1'", "ipv4-addr:value = '1.2.3.4']",
        "[ipv4-addr:value = '192.0.2.1]", "[ipv4-addr:value =]", "[]",
        "[ipv4-addr:value = '1.2.3.4'] ; DROP", "hello"}) {
    EXPECT_EQ(ParseStixAddressPattern(bad, &v), StixPatternKind::kMalformed) << bad;
  }
}

TEST(StixPattern, EscapedQuotesInValues) {
  Values v;
  EXPECT_EQ(ParseStixAddressPattern("[ipv4-addr:value = '192.0.2.1\\'x']", &v),
            StixPatternKind::kAddresses);
  EXPECT_EQ(v, Values{"192.0.2.1'x"});  // not an address: the reader reports it
}

TEST(StixPattern, WrittenPatternsReadBackAsTheirNetwork) {
  struct Case {
    const char* network;
    const char* pattern;
  };
  for (const Case& c : {
           Case{"203.0.113.5", "[ipv4-addr:value = '203.0.113.5']"},
           Case{"203.0.113.0/24", "[ipv4-addr:value ISSUBSET '203.0.113.0/24']"},
           Case{"2001:db8::/64", "[ipv6-addr:value ISSUBSET '2001:db8::/64']"},
           Case{"2001:db8::5", "[ipv6-addr:value = '2001:db8::5']"},
           // IPv4-mapped is the IPv4 network, as everywhere else in spraytrace.
           Case{"::ffff:198.51.100.0/120", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']"},
           Case{"0.0.0.0/0", "[ipv4-addr:value ISSUBSET '0.0.0.0/0']"},
       }) {
    const auto network = ::spraytrace::IpNetwork::Parse(c.network);
    ASSERT_TRUE(network.has_value()) << c.network;
    const std::string pattern = StixAddressPattern(*network);
    EXPECT_EQ(pattern, c.pattern);
    Values v;
    ASSERT_EQ(ParseStixAddressPattern(pattern, &v), StixPatternKind::kAddresses) << pattern;
    ASSERT_EQ(v.size(), 1u) << pattern;
    EXPECT_EQ(::spraytrace::IpNetwork::Parse(v[0]).value(), *network) << pattern;
  }
}

}  // namespace
}  // namespace spraytrace::correlate
