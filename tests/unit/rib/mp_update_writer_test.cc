#include "rib/mp_update_writer.h"

#include <vector>

#include <gtest/gtest.h>

#include "bgpd/wire/attrs_codec.h"
#include "evpn/ext_communities.h"
#include "evpn/nlri_codec.h"
#include "evpn/route.h"
#include "tests/unit/rib/rib_test_util.h"
#include "tests/unit/wire/message_stream.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;

const wire::AfiSafi kEvpn = wire::AfiSafiOf(wire::Family::kEvpn);

evpn::EvpnRoute Mac(uint32_t i) {
  evpn::MacIp m;
  m.rd = evpn::Rd{{0, 1, 10, 0, 0, 1, 0, 100}};
  m.esi = evpn::Esi{{0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99}};
  m.etag = 7;
  m.mac = evpn::Mac{{2, 0, static_cast<uint8_t>(i >> 16), static_cast<uint8_t>(i >> 8),
                     static_cast<uint8_t>(i), 1}};
  m.ip = evpn::MakeIp(std::vector<uint8_t>{10, 1, static_cast<uint8_t>(i >> 8),
                                           static_cast<uint8_t>(i)});
  m.label1 = evpn::VniLabel(100 + i);
  return evpn::MakeRoute(m);
}

// Every UPDATE in the buffers, decoded.
std::vector<wire::Update> Decode(const std::vector<Buffer>& buffers, size_t max_size) {
  std::vector<wire::Update> out;
  for (const Buffer& b : buffers) {
    for (wire::Update& u : wire::test::DecodeUpdates(*b, max_size)) out.push_back(std::move(u));
  }
  return out;
}

std::vector<std::vector<uint8_t>> RoutesOf(const std::vector<uint8_t>& field) {
  std::vector<std::vector<uint8_t>> out;
  auto routes = evpn::DecodeEvpnNlri(field);
  EXPECT_TRUE(routes.ok());
  if (routes.ok())
    for (const auto& r : *routes) out.push_back(r.raw);
  return out;
}

TEST(MpUpdateWriterTest, EvpnAnnouncementsReDecodeIdentical) {
  wire::PathAttrs attrs = BasicAttrs({65001}, 0);
  attrs.next_hop.reset();
  attrs.mp_next_hop = {192, 0, 2, 1};
  attrs.ext_communities = {0x0002fde800000064ull};  // RT 65000:100
  attrs.other.push_back({wire::kFlagOptional | wire::kFlagTransitive, 22,
                         {0, 6, 0, 0x06, 0x40, 192, 0, 2, 1}});  // PMSI, ingress replication
  std::vector<uint8_t> encoded;
  wire::EncodeAttrs(attrs, {}, encoded);

  std::vector<evpn::EvpnRoute> routes;
  for (uint32_t i = 0; i < 500; ++i) routes.push_back(Mac(i));
  std::vector<RawNlri> raw;
  for (const auto& r : routes) raw.push_back(r.raw);

  std::vector<Buffer> buffers;
  MpUpdateWriter writer(kEvpn, wire::kMaxMessageSize, [&](Buffer b) { buffers.push_back(b); });
  writer.Announce(attrs.mp_next_hop, encoded, raw);
  writer.Finish();

  const auto updates = Decode(buffers, wire::kMaxMessageSize);
  EXPECT_GT(updates.size(), 1u);  // 500 MAC routes do not fit in 4096 bytes
  EXPECT_EQ(writer.messages(), updates.size());
  EXPECT_EQ(writer.routes(), 500u);
  std::vector<std::vector<uint8_t>> got;
  for (const auto& u : updates) {
    ASSERT_TRUE(u.mp_reach);
    EXPECT_FALSE(u.treat_as_withdraw);
    EXPECT_EQ(u.mp_reach->afi_safi, kEvpn);
    EXPECT_EQ(u.mp_reach->next_hop, attrs.mp_next_hop);
    EXPECT_TRUE(u.nlri.empty());
    EXPECT_EQ(u.attrs.ext_communities, attrs.ext_communities);
    EXPECT_EQ(u.attrs.other, attrs.other);
    EXPECT_EQ(u.attrs.as_path, attrs.as_path);
    for (auto& r : RoutesOf(u.mp_reach->nlri)) got.push_back(std::move(r));
  }
  ASSERT_EQ(got.size(), routes.size());
  for (size_t i = 0; i < routes.size(); ++i) EXPECT_EQ(got[i], routes[i].raw);
}

TEST(MpUpdateWriterTest, EvpnWithdrawalsUseMpUnreach) {
  std::vector<evpn::EvpnRoute> routes;
  for (uint32_t i = 0; i < 300; ++i) routes.push_back(Mac(i));
  std::vector<RawNlri> raw;
  for (const auto& r : routes) raw.push_back(r.raw);
  std::vector<Buffer> buffers;
  MpUpdateWriter writer(kEvpn, wire::kMaxMessageSize, [&](Buffer b) { buffers.push_back(b); });
  writer.Withdraw(raw);
  writer.Finish();
  std::vector<std::vector<uint8_t>> got;
  for (const auto& u : Decode(buffers, wire::kMaxMessageSize)) {
    EXPECT_FALSE(u.mp_reach);
    ASSERT_TRUE(u.mp_unreach);
    EXPECT_EQ(u.mp_unreach->afi_safi, kEvpn);
    EXPECT_FALSE(wire::EndOfRib(u).has_value());
    for (auto& r : RoutesOf(u.mp_unreach->nlri)) got.push_back(std::move(r));
  }
  ASSERT_EQ(got.size(), routes.size());
  for (size_t i = 0; i < routes.size(); ++i) EXPECT_EQ(got[i], routes[i].raw);
}

TEST(MpUpdateWriterTest, AttributesThatLeaveNoRoomBecomeWithdrawals) {
  wire::PathAttrs attrs = BasicAttrs({65001}, 0);
  attrs.next_hop.reset();
  attrs.communities.assign(1020, 0xfde80001);
  std::vector<uint8_t> encoded;
  wire::EncodeAttrs(attrs, {}, encoded);
  const auto route = Mac(1);
  const RawNlri raw[] = {route.raw};
  std::vector<Buffer> buffers;
  MpUpdateWriter writer(kEvpn, wire::kMaxMessageSize, [&](Buffer b) { buffers.push_back(b); });
  writer.Announce(std::vector<uint8_t>{192, 0, 2, 1}, encoded, raw);
  writer.Finish();
  EXPECT_EQ(writer.unsendable(), 1u);
  const auto updates = Decode(buffers, wire::kMaxMessageSize);
  ASSERT_EQ(updates.size(), 1u);
  ASSERT_TRUE(updates[0].mp_unreach);
  EXPECT_EQ(RoutesOf(updates[0].mp_unreach->nlri), std::vector<std::vector<uint8_t>>{route.raw});
}

}  // namespace
}  // namespace meshbgp::rib
