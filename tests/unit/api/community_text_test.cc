#include "bgpd/api/community_text.h"

#include <gtest/gtest.h>

#include "bgpd/api/attr_text.h"

namespace meshbgp::api {
namespace {

TEST(CommunityText, WellKnownNames) {
  EXPECT_EQ(CommunityToString(0xFFFFFF01), "no-export");
  EXPECT_EQ(CommunityToString(0xFFFFFF02), "no-advertise");
  EXPECT_EQ(CommunityToString(0xFFFFFF03), "no-export-subconfed");
  EXPECT_EQ(CommunityToString(0xFFFF0000), "graceful-shutdown");
  EXPECT_EQ(CommunityToString(0xFFFF029A), "blackhole");
  EXPECT_EQ(CommunityToString(0xFFFF0006), "llgr-stale");
  EXPECT_EQ(CommunityToString(0xFFFF0007), "no-llgr");
  EXPECT_EQ(WellKnownCommunityName(0xFFFFFF05), nullptr);
}

TEST(CommunityText, AsnValue) {
  EXPECT_EQ(CommunityToString((65001u << 16) | 100), "65001:100");
  EXPECT_EQ(CommunityToString(0), "0:0");
  EXPECT_EQ(CommunityToString(0xFFFFFF05), "65535:65285");  // reserved but unnamed
}

TEST(ExtCommunityText, RouteTargetsAndOrigins) {
  // Two-octet AS specific (type 0x00): rt 65001:100.
  EXPECT_EQ(ExtCommunityToString(0x0002FDE900000064ull), "rt 65001:100");
  EXPECT_EQ(ExtCommunityToString(0x0003FDE900000007ull), "soo 65001:7");
  // The local part is 4 octets in the two-octet-AS form.
  EXPECT_EQ(ExtCommunityToString(0x0002FDE9FFFFFFFFull), "rt 65001:4294967295");
  // IPv4 address specific (type 0x01): rt 10.0.0.1:5.
  EXPECT_EQ(ExtCommunityToString(0x01020A0000010005ull), "rt 10.0.0.1:5");
  EXPECT_EQ(ExtCommunityToString(0x01030A0000010005ull), "soo 10.0.0.1:5");
  // Four-octet AS specific (type 0x02, RFC 5668): rt 4200000000:1.
  EXPECT_EQ(ExtCommunityToString(0x0202FA56EA000001ull), "rt 4200000000:1");
  EXPECT_EQ(ExtCommunityToString(0x0203FA56EA000002ull), "soo 4200000000:2");
}

TEST(ExtCommunityText, Encapsulation) {
  EXPECT_EQ(ExtCommunityToString(0x030C000000000008ull), "encap vxlan");
  EXPECT_EQ(ExtCommunityToString(0x030C00000000000Aull), "encap mpls");
  EXPECT_EQ(ExtCommunityToString(0x030C0000000003E7ull), "encap 999");
}

TEST(ExtCommunityText, OthersAsHex) {
  EXPECT_EQ(ExtCommunityToString(0x0005FDE900000064ull), "0x0005fde900000064");  // unnamed subtype
  EXPECT_EQ(ExtCommunityToString(0x4002FDE900000064ull), "0x4002fde900000064");  // non-transitive
  EXPECT_EQ(ExtCommunityToString(0x0600000000000001ull), "0x0600000000000001");  // EVPN, for now
  EXPECT_EQ(ExtCommunityToString(0), "0x0000000000000000");
}

TEST(LargeCommunityText, ThreeNumbers) {
  EXPECT_EQ(LargeCommunityToString({65001, 1, 2}), "65001:1:2");
  EXPECT_EQ(LargeCommunityToString({4294967295u, 0, 4294967295u}), "4294967295:0:4294967295");
}

TEST(AttrText, OriginAggregatorNextHop) {
  EXPECT_STREQ(OriginName(wire::Origin::kIgp), "igp");
  EXPECT_STREQ(OriginName(wire::Origin::kEgp), "egp");
  EXPECT_STREQ(OriginName(wire::Origin::kIncomplete), "incomplete");
  EXPECT_EQ(AggregatorToString({65001, 0x0A000002}), "65001 10.0.0.2");

  const std::vector<uint8_t> v4 = {192, 0, 2, 1};
  EXPECT_EQ(NextHopToString(v4), "192.0.2.1");
  std::vector<uint8_t> v6(16, 0);
  v6[0] = 0x20, v6[1] = 0x01, v6[2] = 0x0d, v6[3] = 0xb8, v6[15] = 1;
  EXPECT_EQ(NextHopToString(v6), "2001:db8::1");
  std::vector<uint8_t> both = v6;
  std::vector<uint8_t> link_local(16, 0);
  link_local[0] = 0xfe, link_local[1] = 0x80, link_local[15] = 2;
  both.insert(both.end(), link_local.begin(), link_local.end());
  EXPECT_EQ(NextHopToString(both), "2001:db8::1 fe80::2");
  EXPECT_EQ(NextHopToString(std::vector<uint8_t>{1, 2, 3}), "0x010203");
  EXPECT_EQ(NextHopToString({}), "0x");
}

}  // namespace
}  // namespace meshbgp::api
