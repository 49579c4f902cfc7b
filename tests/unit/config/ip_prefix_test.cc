#include "bgpd/config/ip_prefix.h"

#include <gtest/gtest.h>

namespace meshbgp::config {
namespace {

std::array<uint8_t, 16> Addr(std::string_view text) { return ParseIpAddress(text)->bytes; }

TEST(IpPrefix, ParsesIpv4) {
  auto p = ParseIpPrefix("192.168.0.0/16");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_FALSE(p->v6);
  EXPECT_EQ(p->len, 16);
  EXPECT_EQ(p->addr[0], 192);
  EXPECT_EQ(p->addr[1], 168);
  EXPECT_EQ(p->ToString(), "192.168.0.0/16");
  EXPECT_EQ(ParseIpPrefix("0.0.0.0/0")->ToString(), "0.0.0.0/0");
  EXPECT_EQ(ParseIpPrefix("172.16.0.0/12")->ToString(), "172.16.0.0/12");
}

TEST(IpPrefix, ParsesIpv6) {
  auto p = ParseIpPrefix("fc00::/7");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(p->v6);
  EXPECT_EQ(p->len, 7);
  EXPECT_EQ(p->ToString(), "fc00::/7");
  EXPECT_EQ(ParseIpPrefix("2001:DB8:0:0::/32")->ToString(), "2001:db8::/32");
  EXPECT_EQ(ParseIpPrefix("::/0")->ToString(), "::/0");
}

TEST(IpPrefix, BareAddressIsAHost) {
  EXPECT_EQ(ParseIpPrefix("10.0.0.1")->ToString(), "10.0.0.1/32");
  EXPECT_EQ(ParseIpPrefix("fd00::1")->ToString(), "fd00::1/128");
}

TEST(IpPrefix, HostBitsSetIsAnErrorNamingTheNetwork) {
  EXPECT_EQ(ParseIpPrefix("10.0.0.1/8").status().message(),
            "expected a prefix without host bits (10.0.0.0/8), found 10.0.0.1/8");
  EXPECT_EQ(ParseIpPrefix("fd00::1/64").status().message(),
            "expected a prefix without host bits (fd00::/64), found fd00::1/64");
  EXPECT_EQ(ParseIpPrefix("192.168.1.0/23").status().message(),
            "expected a prefix without host bits (192.168.0.0/23), found 192.168.1.0/23");
}

TEST(IpPrefix, RejectsMalformed) {
  for (const char* bad : {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0/8", "10.0.0.0/-1",
                          "10.0.0.0/8/8", "host/8", "[::]/0", "10.0.0.0 /8", "010.0.0.0/8"}) {
    EXPECT_FALSE(ParseIpPrefix(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseIpPrefix("10.0.0.0/33").status().message(),
            "expected an IPv4 or IPv6 prefix (10.0.0.0/8, fc00::/7), found 10.0.0.0/33");
}

TEST(IpPrefix, Contains) {
  auto p = *ParseIpPrefix("192.168.0.0/16");
  EXPECT_TRUE(p.Contains(Addr("192.168.255.1"), false));
  EXPECT_FALSE(p.Contains(Addr("192.169.0.1"), false));
  EXPECT_FALSE(p.Contains(Addr("fd00::1"), true));
  auto q = *ParseIpPrefix("172.16.0.0/12");
  EXPECT_TRUE(q.Contains(Addr("172.31.255.255"), false));
  EXPECT_FALSE(q.Contains(Addr("172.32.0.0"), false));
  auto v6 = *ParseIpPrefix("fc00::/7");
  EXPECT_TRUE(v6.Contains(Addr("fd12:3456::1"), true));
  EXPECT_FALSE(v6.Contains(Addr("fe80::1"), true));
  EXPECT_FALSE(v6.Contains(Addr("10.0.0.1"), false));
  EXPECT_TRUE(ParseIpPrefix("0.0.0.0/0")->Contains(Addr("8.8.8.8"), false));
}

TEST(IpPrefix, Ipv4PrefixContainsV4MappedAddresses) {
  // What a dual-stack listening socket reports for an IPv4 peer.
  auto p = *ParseIpPrefix("10.0.0.0/8");
  EXPECT_TRUE(p.Contains(Addr("::ffff:10.1.2.3"), true));
  EXPECT_FALSE(p.Contains(Addr("::ffff:11.1.2.3"), true));
  EXPECT_FALSE(p.Contains(Addr("::10.1.2.3"), true));
}

TEST(IpPrefix, Overlap) {
  auto a = *ParseIpPrefix("10.0.0.0/8");
  EXPECT_TRUE(PrefixesOverlap(a, *ParseIpPrefix("10.1.0.0/16")));
  EXPECT_TRUE(PrefixesOverlap(*ParseIpPrefix("10.1.0.0/16"), a));
  EXPECT_TRUE(PrefixesOverlap(a, a));
  EXPECT_FALSE(PrefixesOverlap(a, *ParseIpPrefix("11.0.0.0/8")));
  EXPECT_FALSE(PrefixesOverlap(*ParseIpPrefix("0.0.0.0/0"), *ParseIpPrefix("::/0")));
  EXPECT_TRUE(PrefixesOverlap(*ParseIpPrefix("fc00::/7"), *ParseIpPrefix("fd00::/8")));
}

TEST(IpAddress, Ipv4HostOrder) {
  EXPECT_EQ(ParseIpv4Address("10.1.2.3"), 0x0A010203u);
  EXPECT_EQ(ParseIpv4Address("fd00::1"), std::nullopt);
  EXPECT_EQ(ParseIpv4Address("10.1.2"), std::nullopt);
  EXPECT_EQ(Ipv4AddressToString(0x0A010203u), "10.1.2.3");
}

}  // namespace
}  // namespace meshbgp::config
