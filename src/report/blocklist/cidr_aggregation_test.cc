// CIDR aggregation: merged output covers exactly the input addresses, with the fewest blocks.
#include "report/blocklist/cidr_aggregation.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace spraytrace::report {
namespace {

IpNetwork Net(std::string_view text) {
  auto parsed = IpNetwork::Parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.has_value() ? *parsed : IpNetwork();
}

std::vector<std::string> Texts(const std::vector<AggregatedNetwork>& out) {
  std::vector<std::string> texts;
  for (const AggregatedNetwork& a : out) texts.push_back(a.network.ToString());
  return texts;
}

std::vector<std::string> Aggregate(const std::vector<std::string>& inputs,
                                   AggregationOptions options = {}) {
  std::vector<IpNetwork> networks;
  for (const std::string& text : inputs) networks.push_back(Net(text));
  return Texts(AggregateNetworks(networks, options));
}

using Strings = std::vector<std::string>;

TEST(CidrAggregation, AdjacentHalvesMergeIntoTheirParentRepeatedly) {
  EXPECT_EQ(Aggregate({"192.0.2.128/25", "192.0.2.0/25"}), Strings{"192.0.2.0/24"});
  EXPECT_EQ(Aggregate({"192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/25"}),
            Strings{"192.0.2.0/24"});
  EXPECT_EQ(Aggregate({"192.0.2.0/25", "192.0.2.128/26", "192.0.2.192/26"}),
            Strings{"192.0.2.0/24"})
      << "the right half is assembled first, then merges with the left";
  EXPECT_EQ(Aggregate({"192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7"}),
            Strings{"192.0.2.4/30"});
}

TEST(CidrAggregation, AdjacentButNotSiblingsStaySeparate) {
  // .1 and .2 touch but are halves of different /31s; .128/25 and the next /25 are different /24s.
  EXPECT_EQ(Aggregate({"192.0.2.1", "192.0.2.2"}), (Strings{"192.0.2.1/32", "192.0.2.2/32"}));
  EXPECT_EQ(Aggregate({"192.0.2.128/25", "192.0.3.0/25"}),
            (Strings{"192.0.2.128/25", "192.0.3.0/25"}));
}

TEST(CidrAggregation, ContainedAndDuplicatePrefixesFoldIntoTheWiderOne) {
  EXPECT_EQ(Aggregate({"10.1.2.3", "10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/8"}),
            Strings{"10.0.0.0/8"});
  const std::vector<IpNetwork> in = {Net("10.1.2.3"), Net("10.0.0.0/8"), Net("11.0.0.1")};
  const auto out = AggregateNetworks(in);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].members, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(out[1].members, (std::vector<size_t>{2}));
}

TEST(CidrAggregation, Ipv6MergesLikeIpv4AndNeverWithIt) {
  EXPECT_EQ(Aggregate({"2001:db8:0:1::/64", "2001:db8::/64"}), Strings{"2001:db8::/63"});
  // The IPv4 /1 halves and the IPv6 /1 halves each merge to their own /0.
  EXPECT_EQ(Aggregate({"8000::/1", "128.0.0.0/1", "::/1", "0.0.0.0/1"}),
            (Strings{"0.0.0.0/0", "::/0"}));
  EXPECT_EQ(Aggregate({"::ffff:192.0.2.0/121", "192.0.2.128/25"}), Strings{"192.0.2.0/24"})
      << "an IPv4-mapped network is the IPv4 network";
  EXPECT_EQ(Aggregate({"::c000:200/121", "192.0.2.128/25"}),
            (Strings{"192.0.2.128/25", "::192.0.2.0/121"}))
      << "IPv4-compatible bytes in IPv6 are IPv6";
}

TEST(CidrAggregation, HostRoutesAtTheEndsOfTheAddressSpace) {
  EXPECT_EQ(Aggregate({"255.255.255.255", "255.255.255.254"}), Strings{"255.255.255.254/31"});
  EXPECT_EQ(Aggregate({"0.0.0.0", "0.0.0.1"}), Strings{"0.0.0.0/31"});
  EXPECT_EQ(Aggregate({"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                       "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"}),
            Strings{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"});
  EXPECT_EQ(Aggregate({"::", "::1"}), Strings{"::/127"});
}

TEST(CidrAggregation, MinimumPrefixStopsMerging) {
  AggregationOptions options;
  options.v4_min_prefix = 24;
  options.v6_min_prefix = 48;
  EXPECT_EQ(Aggregate({"192.0.2.0/24", "192.0.3.0/24", "192.0.2.0/25"}, options),
            (Strings{"192.0.2.0/24", "192.0.3.0/24"}));
  EXPECT_EQ(Aggregate({"10.0.0.0/8", "10.1.0.0/16"}, options), Strings{"10.0.0.0/8"})
      << "a wider input stays as it is";
  EXPECT_EQ(Aggregate({"2001:db8::/49", "2001:db8:0:8000::/49"}, options),
            Strings{"2001:db8::/48"});
  EXPECT_EQ(Aggregate({"2001:db8::/48", "2001:db8:1::/48"}, options),
            (Strings{"2001:db8::/48", "2001:db8:1::/48"}));
}

TEST(CidrAggregation, WithoutSiblingMergingOnlyContainedFold) {
  AggregationOptions options;
  options.merge_siblings = false;
  EXPECT_EQ(Aggregate({"192.0.2.128/25", "192.0.2.0/25", "192.0.2.5"}, options),
            (Strings{"192.0.2.0/25", "192.0.2.128/25"}));
}

// Random sets of small networks inside 10.0.0.0/24: the output must cover exactly the same
// addresses, be disjoint, and hold no two siblings (else it would not be the fewest blocks).
TEST(CidrAggregation, RandomInputsCoverTheSameAddressesMinimally) {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::vector<IpNetwork> in;
    std::set<uint32_t> covered;
    const int count = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < count; ++i) {
      const int prefix = 24 + static_cast<int>(rng() % 9);
      const IpNetwork n(IpAddress::FromV4(0x0a000000u | (rng() & 0xffu)), prefix);
      in.push_back(n);
      const uint32_t size = 1u << (32 - prefix);
      for (uint32_t a = 0; a < size; ++a) covered.insert(n.address().v4() + a);
    }
    const auto out = AggregateNetworks(in);
    std::set<uint32_t> out_covered;
    size_t members = 0;
    for (size_t i = 0; i < out.size(); ++i) {
      const IpNetwork& n = out[i].network;
      members += out[i].members.size();
      for (uint32_t a = 0; a < (1u << (32 - n.prefix_len())); ++a) {
        ASSERT_TRUE(out_covered.insert(n.address().v4() + a).second)
            << "overlap at " << n.ToString();
      }
      if (i > 0) {
        ASSERT_LT(out[i - 1].network, n);
        ASSERT_FALSE(out[i - 1].network.Parent() == n.Parent() &&
                     out[i - 1].network.prefix_len() == n.prefix_len())
            << "siblings left unmerged: " << out[i - 1].network.ToString() << " " << n.ToString();
      }
    }
    ASSERT_EQ(out_covered, covered) << "round " << round;
    ASSERT_EQ(members, in.size()) << "every input belongs to exactly one output";
  }
}

}  // namespace
}  // namespace spraytrace::report
