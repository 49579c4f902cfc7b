#include "bench/loadgen/workload.h"

#include <gtest/gtest.h>

#include "bench/loadgen/prefix_counter.h"
#include "evpn/nlri_codec.h"
#include "tests/unit/wire/message_stream.h"

namespace meshbgp::loadgen {
namespace {

TEST(Workload, NumbersPrefixesPerClient) {
  Workload w(0x64000000, 3, 1000);
  EXPECT_EQ(w.total(), 3000u);
  EXPECT_EQ(wire::ToString(w.PrefixAt(0)), "100.0.0.0/24");
  EXPECT_EQ(wire::ToString(w.PrefixAt(w.FirstIndexOf(2))), "100.7.208.0/24");
  EXPECT_EQ(w.IndexOf(w.PrefixAt(2999)), 2999u);
  EXPECT_FALSE(w.IndexOf(w.PrefixAt(3000)).has_value());             // past the end
  EXPECT_FALSE(w.IndexOf({0x64000000, 23}).has_value());              // not a /24
  EXPECT_FALSE(w.IndexOf({0x0a000000, 24}).has_value());              // below the base
}

// Decodes back every UPDATE the client would send.
TEST(Workload, AnnouncementsDecodeToTheClientsShare) {
  Workload w(0x64000000, 4, 2500);
  const uint32_t client = 2, asn = 65003, next_hop = 0x0a800103;
  std::vector<uint8_t> stream =
      w.EncodeAnnouncements(client, asn, next_hop, wire::EncodeOptions{}, wire::kMaxMessageSize);
  std::vector<uint32_t> seen;
  const std::vector<wire::Update> updates = wire::test::DecodeUpdates(stream);
  for (const wire::Update& u : updates) {
    EXPECT_FALSE(u.treat_as_withdraw);
    EXPECT_EQ(u.attrs.origin, wire::Origin::kIgp);
    EXPECT_EQ(u.attrs.next_hop, next_hop);
    ASSERT_TRUE(u.attrs.as_path.has_value());
    EXPECT_EQ(u.attrs.as_path->ToString(), "65003");
    for (const auto& p : u.nlri) seen.push_back(*w.IndexOf(p));
  }
  EXPECT_EQ(updates.size(), 3u);  // ~1000 /24s fit a 4096-byte UPDATE
  ASSERT_EQ(seen.size(), 2500u);
  for (uint32_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], w.FirstIndexOf(client) + i);
}

// EVPN mode: MP_REACH UPDATEs of type-2 routes that map back to their
// numbers, with the client's next hop and a VNI label.
TEST(Workload, EvpnAnnouncementsDecodeToTheClientsShare) {
  Workload w(0x64000000, 3, 700, wire::Family::kEvpn);
  const uint32_t client = 1, next_hop = 0x0a800102;
  std::vector<uint8_t> stream =
      w.EncodeAnnouncements(client, 65002, next_hop, wire::EncodeOptions{}, wire::kMaxMessageSize);
  std::vector<uint32_t> seen;
  for (const wire::Update& u : wire::test::DecodeUpdates(stream)) {
    ASSERT_TRUE(u.mp_reach.has_value());
    EXPECT_EQ(u.mp_reach->afi_safi, wire::AfiSafiOf(wire::Family::kEvpn));
    EXPECT_EQ(u.attrs.mp_next_hop, (std::vector<uint8_t>{10, 128, 1, 2}));
    EXPECT_EQ(u.attrs.ext_communities.size(), 2u);
    auto routes = evpn::DecodeEvpnNlri(u.mp_reach->nlri);
    ASSERT_TRUE(routes.ok());
    for (const evpn::EvpnRoute& r : *routes) {
      auto mac_ip = evpn::AsMacIp(r);
      ASSERT_TRUE(mac_ip);
      EXPECT_EQ(mac_ip->label1.Vni(), 100u);
      EXPECT_EQ(mac_ip->ip.size, 4);
      seen.push_back(*w.IndexOfEvpn(r.raw));
    }
  }
  ASSERT_EQ(seen.size(), 700u);
  for (uint32_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], w.FirstIndexOf(client) + i);
  // A MAC/IP route that is not the workload's maps to nothing.
  evpn::MacIp other;
  other.mac.bytes = {0x02, 0x00, 0, 0, 0x10, 0};  // number 4096: past the 2100 routes
  EXPECT_FALSE(w.IndexOfEvpn(evpn::MakeRoute(other).raw).has_value());
}

TEST(PrefixCounter, CountsOnceAndUncountsWithdrawals) {
  PrefixCounter c(300, 100, 200);
  c.Add(5);
  c.Add(5);
  c.Add(299);
  EXPECT_EQ(c.counted(), 2u);
  c.Add(150);  // excluded: counted apart
  EXPECT_EQ(c.counted(), 2u);
  EXPECT_EQ(c.excluded(), 1u);
  c.Remove(5);
  c.Remove(5);
  c.Remove(7);  // never held
  EXPECT_EQ(c.counted(), 1u);
  c.Remove(150);
  EXPECT_EQ(c.excluded(), 0u);
}

}  // namespace
}  // namespace meshbgp::loadgen
