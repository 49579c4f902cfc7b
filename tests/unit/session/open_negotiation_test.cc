#include "bgpd/session/open_negotiation.h"

#include <gtest/gtest.h>

namespace meshbgp::session {
namespace {

SessionSettings External() {
  SessionSettings s;
  s.group = "clients";
  s.local_as = 65000;
  s.router_id = 0x0a000001;
  s.hold_time = 90;
  s.families = {wire::Family::kIpv4Unicast, wire::Family::kEvpn};
  return s;
}

wire::Open PeerOpen(uint32_t as, uint32_t id = 0x0a000002, uint16_t hold = 180) {
  wire::Open o;
  o.my_as = as > 0xffff ? wire::kAsTrans : static_cast<uint16_t>(as);
  o.hold_time = hold;
  o.bgp_id = id;
  o.caps.four_octet_as = as;
  o.caps.multiprotocol = {wire::AfiSafiOf(wire::Family::kIpv4Unicast)};
  o.caps.route_refresh = true;
  return o;
}

TEST(BuildOpen, OffersConfiguredFamiliesAndCapabilities) {
  SessionSettings s = External();
  s.local_as = 4259840001;  // 65000.1 does not fit 16 bits
  wire::Open o = BuildOpen(s);
  EXPECT_EQ(o.my_as, wire::kAsTrans);
  EXPECT_EQ(o.caps.four_octet_as, 4259840001u);
  EXPECT_EQ(o.caps.multiprotocol.size(), 2u);
  EXPECT_TRUE(o.caps.route_refresh);
  EXPECT_TRUE(o.caps.extended_message);
  EXPECT_EQ(o.hold_time, 90);
  EXPECT_EQ(o.bgp_id, 0x0a000001u);
}

TEST(Negotiate, HoldTimeIsTheSmaller) {
  SessionSettings s = External();
  auto n = Negotiate(s, BuildOpen(s), PeerOpen(65001, 0x0a000002, 30));
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->hold_time, 30);
  n = Negotiate(s, BuildOpen(s), PeerOpen(65001, 0x0a000002, 240));
  EXPECT_EQ(n->hold_time, 90);
}

TEST(Negotiate, FamiliesAreTheIntersection) {
  SessionSettings s = External();
  auto n = Negotiate(s, BuildOpen(s), PeerOpen(65001));
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->has(wire::Family::kIpv4Unicast));
  EXPECT_FALSE(n->has(wire::Family::kEvpn));
}

TEST(Negotiate, NoMultiprotocolMeansIpv4Only) {
  SessionSettings s = External();
  wire::Open peer = PeerOpen(65001);
  peer.caps.multiprotocol.clear();
  auto n = Negotiate(s, BuildOpen(s), peer);
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->has(wire::Family::kIpv4Unicast));
  EXPECT_FALSE(n->has(wire::Family::kEvpn));
}

TEST(Negotiate, ExternalPeerWithOurAsIsBadPeerAs) {
  SessionSettings s = External();
  auto n = Negotiate(s, BuildOpen(s), PeerOpen(65000));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().notification.code, 2);
  EXPECT_EQ(n.error().notification.subcode, 2);
}

TEST(Negotiate, StaticNeighborMustMatchExactly) {
  SessionSettings s = External();
  s.expected_as = 65010;
  EXPECT_TRUE(Negotiate(s, BuildOpen(s), PeerOpen(65010)).ok());
  auto n = Negotiate(s, BuildOpen(s), PeerOpen(65011));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().notification.subcode, wire::open_error::kBadPeerAs);
}

TEST(Negotiate, DynamicPeerMustBeInARange) {
  SessionSettings s = External();
  s.allowed_as = {{65001, 65100}, {4200000000u, 4200000010u}};
  EXPECT_TRUE(Negotiate(s, BuildOpen(s), PeerOpen(65050)).ok());
  EXPECT_TRUE(Negotiate(s, BuildOpen(s), PeerOpen(4200000005u)).ok());
  auto n = Negotiate(s, BuildOpen(s), PeerOpen(65200));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().notification.subcode, wire::open_error::kBadPeerAs);
  EXPECT_NE(n.error().reason.find("65001-65100"), std::string::npos) << n.error().reason;
}

TEST(Negotiate, InternalPeerMustUseOurAs) {
  SessionSettings s = External();
  s.ibgp = true;
  EXPECT_TRUE(Negotiate(s, BuildOpen(s), PeerOpen(65000)).ok());
  EXPECT_FALSE(Negotiate(s, BuildOpen(s), PeerOpen(65001)).ok());
}

TEST(Negotiate, InternalPeerWithOurIdentifierIsRefused) {
  SessionSettings s = External();
  s.ibgp = true;
  auto n = Negotiate(s, BuildOpen(s), PeerOpen(65000, s.router_id));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().notification.subcode, wire::open_error::kBadBgpIdentifier);
}

TEST(Negotiate, FourOctetAsFromCapability) {
  SessionSettings s = External();
  auto n = Negotiate(s, BuildOpen(s), PeerOpen(4200000001u));
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->peer_as, 4200000001u);
  EXPECT_TRUE(n->four_octet_as);
}

TEST(Negotiate, TwoOctetPeerWithoutCapability) {
  SessionSettings s = External();
  wire::Open peer = PeerOpen(65001);
  peer.caps.four_octet_as.reset();
  auto n = Negotiate(s, BuildOpen(s), peer);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->peer_as, 65001u);
  EXPECT_FALSE(n->four_octet_as);
}

TEST(Negotiate, ExtendedMessagesOnlyWhenBothOffer) {
  SessionSettings s = External();
  wire::Open peer = PeerOpen(65001);
  auto n = Negotiate(s, BuildOpen(s), peer);
  EXPECT_FALSE(n->extended_message);
  EXPECT_EQ(n->max_message_size, wire::kMaxMessageSize);
  peer.caps.extended_message = true;
  n = Negotiate(s, BuildOpen(s), peer);
  EXPECT_TRUE(n->extended_message);
  EXPECT_EQ(n->max_message_size, wire::kMaxExtendedMessageSize);
}

}  // namespace
}  // namespace meshbgp::session
