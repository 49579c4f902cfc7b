#include "evpn/ext_communities.h"

#include <gtest/gtest.h>

namespace meshbgp::evpn {
namespace {

TEST(EvpnExtCommunity, MacMobilitySequenceAndStickyBit) {
  auto m = ParseMacMobility(0x0600000000000005);
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->sticky);
  EXPECT_EQ(m->sequence, 5u);
  auto sticky = ParseMacMobility(0x06000100ffffffff);
  ASSERT_TRUE(sticky);
  EXPECT_TRUE(sticky->sticky);
  EXPECT_EQ(sticky->sequence, 0xffffffffu);
  EXPECT_EQ(MakeMacMobility(*sticky), 0x06000100ffffffffu);
  EXPECT_EQ(EvpnExtCommunityToString(0x0600000000000005), "mac-mobility:5");
  EXPECT_EQ(EvpnExtCommunityToString(0x0600010000000007), "mac-mobility:7:sticky");
  EXPECT_FALSE(ParseMacMobility(0x0601000000000005));
}

TEST(EvpnExtCommunity, EsiLabelWithSingleActiveFlag) {
  auto e = ParseEsiLabel(0x0601010000000641);
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->single_active);
  EXPECT_EQ(e->label.Mpls(), 100u);
  EXPECT_EQ(EvpnExtCommunityToString(0x0601010000000641),
            "esi-label:label 100 vni 1601:single-active");
  EXPECT_EQ(EvpnExtCommunityToString(0x0601000000000064), "esi-label:label 6 vni 100");
}

TEST(EvpnExtCommunity, MacCarryingCommunities) {
  EXPECT_EQ(EvpnExtCommunityToString(0x0602001122334455), "es-import:00:11:22:33:44:55");
  // FRR's router MAC, as captured in tests/unit/golden/frr.txt.
  EXPECT_EQ(EvpnExtCommunityToString(0x0603020000000012), "router-mac:02:00:00:00:00:12");
  ASSERT_TRUE(ParseRouterMac(0x0603020000000011));
  EXPECT_EQ(ParseRouterMac(0x0603020000000011)->bytes[5], 0x11);
}

TEST(EvpnExtCommunity, DefaultGatewayAndEncapsulation) {
  EXPECT_EQ(EvpnExtCommunityToString(0x030d000000000000), "default-gateway");
  EXPECT_EQ(EvpnExtCommunityToString(0x030c000000000008), "encap:vxlan");
  EXPECT_EQ(ParseEncapsulation(0x030c000000000008), kTunnelVxlan);
  EXPECT_EQ(EvpnExtCommunityToString(0x030c00000000000a), "encap:mpls");
  EXPECT_EQ(EvpnExtCommunityToString(0x030c000000000063), "encap:99");
}

TEST(EvpnExtCommunity, OtherCommunitiesAreNotEvpn) {
  EXPECT_FALSE(EvpnExtCommunityToString(0x0002fde900000064));  // route target
  EXPECT_FALSE(EvpnExtCommunityToString(0x0604000000000000));  // unassigned EVPN subtype
  EXPECT_FALSE(EvpnExtCommunityToString(0x030b000000000000));
}

TEST(EvpnExtCommunity, MacMobilitySequenceOfARoute) {
  wire::PathAttrs attrs;
  EXPECT_FALSE(MacMobilitySequence(attrs));
  attrs.ext_communities = {0x0002fde900000064, 0x0600000000000003};
  EXPECT_EQ(MacMobilitySequence(attrs), 3u);
  attrs.ext_communities.push_back(0x0600010000000009);
  attrs.ext_communities.push_back(0x0600000000000001);
  EXPECT_EQ(MacMobilitySequence(attrs), 9u);
  attrs.ext_communities = {0x0600000000000000};
  EXPECT_EQ(MacMobilitySequence(attrs), 0u);  // present, sequence 0
}

}  // namespace
}  // namespace meshbgp::evpn
