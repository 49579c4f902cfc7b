// Graceful restart decisions: the capability we offer (and its bytes), what
// negotiation keeps of the peer's, when a lost session keeps its routes,
// and the Hard Reset wrapping of RFC 8538.
#include "bgpd/session/graceful_restart_rules.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "bgpd/session/open_negotiation.h"
#include "bgpd/wire/open.h"

namespace meshbgp::session {
namespace {

SessionSettings Clients() {
  SessionSettings s;
  s.group = "clients";
  s.local_as = 65000;
  s.router_id = 0x0a000001;
  s.families = {wire::Family::kIpv4Unicast, wire::Family::kEvpn};
  return s;
}

wire::Open PeerOpen(std::optional<wire::GracefulRestart> gr) {
  wire::Open o;
  o.my_as = 65001;
  o.hold_time = 90;
  o.bgp_id = 0x0a000002;
  o.caps.four_octet_as = 65001;
  o.caps.multiprotocol = {wire::AfiSafiOf(wire::Family::kIpv4Unicast)};
  o.caps.graceful_restart = std::move(gr);
  return o;
}

wire::GracefulRestart PeerGr(bool n_bit, bool forwarding = true) {
  return wire::GracefulRestart{false, n_bit, 90, {{{1, 1}, forwarding}}};
}

wire::Notification Cease(uint8_t subcode) {
  return {static_cast<uint8_t>(wire::ErrorCode::kCease), subcode, {}};
}

TEST(OurGracefulRestart, CarriesTimeBitsAndEveryFamilyWithForwarding) {
  SessionSettings s = Clients();
  s.graceful_restart.restart_time = 300;
  const wire::Open o = BuildOpen(s, /*restarting=*/true);
  ASSERT_TRUE(o.caps.graceful_restart);
  // On the wire: code 64, length 2 + 4 per family; R and N bits, 12-bit time.
  const std::vector<uint8_t> bytes = wire::EncodeOpen(o);
  const std::vector<uint8_t> cap = {64, 10, 0xC1, 0x2C, 0, 1, 1, 0x80, 0, 25, 70, 0x80};
  EXPECT_NE(std::search(bytes.begin(), bytes.end(), cap.begin(), cap.end()), bytes.end());
  auto back = wire::DecodeOpen(std::span<const uint8_t>(bytes).subspan(19));
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(back->caps.graceful_restart);
  EXPECT_TRUE(back->caps.graceful_restart->restart_state);
  EXPECT_TRUE(back->caps.graceful_restart->notification);
  EXPECT_EQ(back->caps.graceful_restart->restart_time, 300);

  EXPECT_FALSE(BuildOpen(s).caps.graceful_restart->restart_state);
  s.graceful_restart.notification = false;
  EXPECT_FALSE(BuildOpen(s).caps.graceful_restart->notification);
  s.graceful_restart.enabled = false;
  EXPECT_FALSE(BuildOpen(s).caps.graceful_restart);
}

TEST(NegotiateGracefulRestart, KeepsThePeerCapabilityOnlyWhenBothOffer) {
  SessionSettings s = Clients();
  auto n = Negotiate(s, BuildOpen(s), PeerOpen(PeerGr(true)));
  ASSERT_TRUE(n.ok());
  ASSERT_TRUE(n->peer_gr);
  EXPECT_EQ(n->peer_gr->restart_time, 90);
  EXPECT_TRUE(n->gr_notification);
  n = Negotiate(s, BuildOpen(s), PeerOpen(PeerGr(false)));
  EXPECT_FALSE(n->gr_notification);
  n = Negotiate(s, BuildOpen(s), PeerOpen(std::nullopt));
  EXPECT_FALSE(n->peer_gr);
  s.graceful_restart.enabled = false;  // we are no helper then
  n = Negotiate(s, BuildOpen(s), PeerOpen(PeerGr(true)));
  EXPECT_TRUE(n->graceful_restart);
  EXPECT_FALSE(n->peer_gr);
}

Negotiated With(std::optional<wire::GracefulRestart> gr, bool n_bit) {
  Negotiated n;
  n.peer_gr = std::move(gr);
  n.gr_notification = n_bit;
  n.families[static_cast<size_t>(wire::Family::kIpv4Unicast)] = true;
  return n;
}

TEST(KeepRoutesAfter, TcpLossKeepsANotificationOnlyWithTheNBit) {
  const SessionEnd tcp_loss{};
  const SessionEnd hold_expired{wire::Notification{4, 0, {}}, std::nullopt};
  const SessionEnd peer_reset{std::nullopt, Cease(wire::cease::kAdministrativeReset)};
  const SessionEnd hard{std::nullopt, HardReset(Cease(wire::cease::kAdministrativeShutdown))};
  EXPECT_FALSE(KeepRoutesAfter(With(std::nullopt, false), tcp_loss));
  EXPECT_TRUE(KeepRoutesAfter(With(PeerGr(false), false), tcp_loss));
  EXPECT_FALSE(KeepRoutesAfter(With(PeerGr(false), false), hold_expired));
  EXPECT_FALSE(KeepRoutesAfter(With(PeerGr(false), false), peer_reset));
  EXPECT_TRUE(KeepRoutesAfter(With(PeerGr(true), true), hold_expired));
  EXPECT_TRUE(KeepRoutesAfter(With(PeerGr(true), true), peer_reset));
  EXPECT_FALSE(KeepRoutesAfter(With(PeerGr(true), true), hard));
  // Ended on purpose by us: the routes go.
  for (uint8_t sub : {wire::cease::kMaxPrefixes, wire::cease::kAdministrativeShutdown,
                      wire::cease::kPeerDeconfigured})
    EXPECT_FALSE(KeepRoutesAfter(With(PeerGr(true), true), SessionEnd{Cease(sub), std::nullopt}))
        << int(sub);
  EXPECT_TRUE(KeepRoutesAfter(With(PeerGr(true), true),
                              SessionEnd{Cease(wire::cease::kOtherConfigurationChange), std::nullopt}));
}

TEST(StaleFamilies, RetainedWhenListedAndKeptWhenForwardingPreserved) {
  EXPECT_TRUE(RetainsFamily(With(PeerGr(false), false), wire::Family::kIpv4Unicast));
  EXPECT_FALSE(RetainsFamily(With(PeerGr(false), false), wire::Family::kEvpn));
  EXPECT_TRUE(RetainsFamily(With(PeerGr(false, /*forwarding=*/false), false), wire::Family::kIpv4Unicast));
  EXPECT_TRUE(KeepsStaleFamily(With(PeerGr(false), false), wire::Family::kIpv4Unicast));
  EXPECT_FALSE(KeepsStaleFamily(With(PeerGr(false, false), false), wire::Family::kIpv4Unicast));
  EXPECT_FALSE(KeepsStaleFamily(With(std::nullopt, false), wire::Family::kIpv4Unicast));
}

TEST(AsSent, HardResetOnlyWhereRfc8538SaysAndOnlyWithTheNBit) {
  const wire::Notification deconf = Cease(wire::cease::kPeerDeconfigured);
  const wire::Notification wrapped = AsSent(With(PeerGr(true), true), deconf);
  EXPECT_EQ(wrapped.subcode, wire::cease::kHardReset);
  EXPECT_EQ(wrapped.data, (std::vector<uint8_t>{6, 3}));
  EXPECT_EQ(AsSent(With(PeerGr(false), false), deconf), deconf);
  // SIGTERM's Administrative Shutdown stays graceful.
  const wire::Notification shut = Cease(wire::cease::kAdministrativeShutdown);
  EXPECT_EQ(AsSent(With(PeerGr(true), true), shut), shut);
  // An explicit Hard Reset to a peer without N goes as its inner message.
  wire::Notification inner{6, 2, {3, 'b', 'y', 'e'}};
  EXPECT_EQ(AsSent(With(PeerGr(false), false), HardReset(inner)), inner);
  EXPECT_EQ(AsSent(With(PeerGr(true), true), HardReset(inner)), HardReset(inner));
}

}  // namespace
}  // namespace meshbgp::session
