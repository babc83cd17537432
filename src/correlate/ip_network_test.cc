#include "correlate/ip_network.h"

#include <gtest/gtest.h>

namespace spraytrace::correlate {
namespace {

IpAddress Ip(const char* text) { return *IpAddress::Parse(text); }

TEST(IpNetwork, SingleAddressesAreFullLengthNetworks) {
  const auto v4 = ParseIpNetwork("203.0.113.7");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->prefix_len, 32);
  EXPECT_TRUE(v4->Contains(Ip("203.0.113.7")));
  EXPECT_FALSE(v4->Contains(Ip("203.0.113.8")));
  EXPECT_EQ(v4->ToString(), "203.0.113.7");
  const auto v6 = ParseIpNetwork("2001:DB8::1");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->prefix_len, 128);
  EXPECT_EQ(v6->ToString(), "2001:db8::1");
}

TEST(IpNetwork, CidrClearsHostBits) {
  const auto n = ParseIpNetwork("198.51.100.77/24");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->base, Ip("198.51.100.0"));
  EXPECT_EQ(n->ToString(), "198.51.100.0/24");
  EXPECT_TRUE(n->Contains(Ip("198.51.100.255")));
  EXPECT_FALSE(n->Contains(Ip("198.51.101.0")));
  const auto v6 = ParseIpNetwork("2001:db8:abcd::/33");
  ASSERT_TRUE(v6);
  // abcd starts with a 1 bit: the /33 is the upper half of 2001:db8::/32.
  EXPECT_EQ(v6->ToString(), "2001:db8:8000::/33");
  EXPECT_TRUE(v6->Contains(Ip("2001:db8:ffff::1")));
  EXPECT_FALSE(v6->Contains(Ip("2001:db8:7fff::1")));
}

TEST(IpNetwork, FamiliesDoNotMix) {
  // ::/0 holds every IPv6 address but no IPv4 one, and 0.0.0.0/0 the other way round.
  const auto all6 = ParseIpNetwork("::/0");
  const auto all4 = ParseIpNetwork("0.0.0.0/0");
  ASSERT_TRUE(all6 && all4);
  EXPECT_TRUE(all6->Contains(Ip("2001:db8::1")));
  EXPECT_FALSE(all6->Contains(Ip("192.0.2.1")));
  EXPECT_TRUE(all4->Contains(Ip("192.0.2.1")));
  EXPECT_FALSE(all4->Contains(Ip("2001:db8::1")));
}

TEST(IpNetwork, MappedIpv6NetworkIsTheIpv4One) {
  const auto n = ParseIpNetwork("::ffff:192.0.2.0/120");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->prefix_len, 24);
  EXPECT_TRUE(n->Contains(Ip("192.0.2.200")));
  EXPECT_FALSE(ParseIpNetwork("::ffff:192.0.2.0/90"));  // wider than the mapped block
}

TEST(IpNetwork, RejectsWhatIsNotANetwork) {
  for (const char* bad :
       {"", "/24", "198.51.100.0/", "198.51.100.0/33", "198.51.100.0/-1", "198.51.100.0/2a",
        "2001:db8::/129", "example.com", "10.0.0.0/8/8", "1.2.3.4-1.2.3.9", "198.51.100.0/0024"}) {
    EXPECT_FALSE(ParseIpNetwork(bad)) << bad;
  }
}

}  // namespace
}  // namespace spraytrace::correlate
