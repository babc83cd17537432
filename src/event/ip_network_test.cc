// IpNetwork: CIDR parsing as people write allow-lists, containment across families.
#include "event/ip_network.h"

#include <gtest/gtest.h>

namespace spraytrace {
namespace {

IpNetwork Net(std::string_view text) {
  auto parsed = IpNetwork::Parse(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message();
  return parsed.has_value() ? *parsed : IpNetwork();
}

IpAddress Ip(std::string_view text) { return *IpAddress::Parse(text); }

TEST(IpNetwork, ParsesNetworksAndBareAddresses) {
  EXPECT_EQ(Net("203.0.113.0/24").ToString(), "203.0.113.0/24");
  EXPECT_EQ(Net("2001:DB8::/32").ToString(), "2001:db8::/32");
  EXPECT_EQ(Net("192.0.2.7").ToString(), "192.0.2.7/32");
  EXPECT_EQ(Net("192.0.2.7").ToCompactString(), "192.0.2.7");
  EXPECT_EQ(Net("2001:db8::1").ToCompactString(), "2001:db8::1");
  EXPECT_EQ(Net("0.0.0.0/0").ToString(), "0.0.0.0/0");
  EXPECT_EQ(Net("::/0").ToString(), "::/0");
  EXPECT_TRUE(Net("10.0.0.0/8").is_v4());
  EXPECT_FALSE(Net("fe80::/10").is_v4());
}

TEST(IpNetwork, Ipv4MappedFormIsTheIpv4Network) {
  EXPECT_EQ(Net("::ffff:192.0.2.0/120"), Net("192.0.2.0/24"));
  EXPECT_EQ(Net("::ffff:0:0/96"), Net("0.0.0.0/0"));
  EXPECT_EQ(Net("::ffff:192.0.2.9"), Net("192.0.2.9/32"));
  EXPECT_FALSE(IpNetwork::Parse("::ffff:192.0.2.0/64").has_value())
      << "an IPv4-mapped length below 96 would reach outside IPv4";
}

TEST(IpNetwork, RejectsMistakesWithTheReason) {
  auto bad = IpNetwork::Parse("10.1.2.3/8");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(), "host bits are set (the network is 10.0.0.0/8)");
  EXPECT_NE(IpNetwork::Parse("10.0.0.0/33").error().message().find("from 0 to 32"),
            std::string::npos);
  EXPECT_NE(IpNetwork::Parse("2001:db8::/129").error().message().find("from 0 to 128"),
            std::string::npos);
  for (const char* text : {"", "/8", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/8/8", "host.example",
                           "10.0.0.0/-1", "10.0.0.0/ 8", "300.0.0.0/8"}) {
    EXPECT_FALSE(IpNetwork::Parse(text).has_value()) << text;
  }
}

TEST(IpNetwork, ContainsAddressesAndNetworksOfItsOwnFamilyOnly) {
  EXPECT_TRUE(Net("10.0.0.0/8").Contains(Ip("10.255.0.1")));
  EXPECT_FALSE(Net("10.0.0.0/8").Contains(Ip("11.0.0.0")));
  EXPECT_TRUE(Net("0.0.0.0/0").Contains(Ip("255.255.255.255")));
  EXPECT_FALSE(Net("::/0").Contains(Ip("192.0.2.1"))) << "IPv4 is not inside an IPv6 network";
  EXPECT_FALSE(Net("0.0.0.0/0").Contains(Ip("2001:db8::1")));
  EXPECT_TRUE(Net("2001:db8::/32").Contains(Net("2001:db8:1::/48")));
  EXPECT_FALSE(Net("2001:db8:1::/48").Contains(Net("2001:db8::/32")));
  EXPECT_TRUE(Net("2001:db8:1::/48").Overlaps(Net("2001:db8::/32")));
  EXPECT_FALSE(Net("192.0.2.0/25").Overlaps(Net("192.0.2.128/25")));
  EXPECT_TRUE(Net("192.0.2.5").Contains(Net("192.0.2.5")));
}

TEST(IpNetwork, MasksAddressAndOrdersIpv4FirstWiderFirst) {
  EXPECT_EQ(IpNetwork(Ip("203.0.113.77"), 24).ToString(), "203.0.113.0/24");
  EXPECT_EQ(IpNetwork(Ip("2001:db8:1:2:3:4:5:6"), 64).ToString(), "2001:db8:1:2::/64");
  EXPECT_EQ(IpNetwork(Ip("203.0.113.77"), 99).prefix_len(), 32) << "clamped to the family";
  EXPECT_EQ(Net("192.0.2.128/25").Parent(), Net("192.0.2.0/24"));
  EXPECT_LT(Net("255.255.255.255"), Net("::/0"));
  EXPECT_LT(Net("10.0.0.0/8"), Net("10.0.0.0/9"));
  EXPECT_LT(Net("10.0.0.0/9"), Net("10.128.0.0/9"));
}

}  // namespace
}  // namespace spraytrace
