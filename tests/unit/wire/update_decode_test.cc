// DecodeUpdate on well-formed input.
#include <gtest/gtest.h>

#include "bgpd/wire/update.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using namespace test;  // the hand-made message builders of test_util.h

constexpr DecodeOptions kEbgp{};
constexpr DecodeOptions kIbgp{true, true};

TEST(UpdateDecode, EveryTypedAttribute) {
  Bytes attrs = Cat({H("40 01 01 02"),                               // ORIGIN incomplete
                     H("40 02 0e 02 03 0000fde9 0000fdea 0000fdea"),  // AS_PATH
                     H("40 03 04 0a000001"),                         // NEXT_HOP
                     H("80 04 04 00000014"),                         // MED 20
                     H("40 06 00"),                                  // ATOMIC_AGGREGATE
                     H("c0 07 08 0000fde9 0a000009"),                // AGGREGATOR
                     H("c0 08 08 fde90001 ffffff01"),                // COMMUNITIES
                     H("80 09 04 01020304"),                         // ORIGINATOR_ID
                     H("80 0a 08 05060708 090a0b0c"),                // CLUSTER_LIST
                     H("c0 10 08 0002fde900000064"),                 // EXT COMMUNITIES
                     H("c0 20 0c 0000fde9 00000001 00000002")});     // LARGE
  auto u = DecodeUpdate(Body({}, attrs, H("18 0a0100 10 0a02")), kEbgp);
  ASSERT_TRUE(u.ok()) << u.error().reason;
  EXPECT_FALSE(u->treat_as_withdraw);
  EXPECT_TRUE(u->discarded.empty());
  EXPECT_TRUE(u->has_attrs);
  const PathAttrs& a = u->attrs;
  EXPECT_EQ(a.origin, Origin::kIncomplete);
  EXPECT_EQ(a.as_path->ToString(), "65001 65002 65002");
  EXPECT_EQ(a.next_hop, 0x0a000001u);
  EXPECT_EQ(a.med, 20u);
  EXPECT_TRUE(a.atomic_aggregate);
  EXPECT_EQ(a.aggregator, (Aggregator{65001, 0x0a000009}));
  EXPECT_EQ(a.communities, (std::vector<uint32_t>{0xfde90001, 0xffffff01}));
  EXPECT_EQ(a.originator_id, 0x01020304u);
  EXPECT_EQ(a.cluster_list, (std::vector<uint32_t>{0x05060708, 0x090a0b0c}));
  EXPECT_EQ(a.ext_communities, (std::vector<uint64_t>{0x0002fde900000064}));
  EXPECT_EQ(a.large_communities, (std::vector<LargeCommunity>{{65001, 1, 2}}));
  EXPECT_EQ(u->nlri, (std::vector<Ipv4Prefix>{{0x0a010000, 24}, {0x0a020000, 16}}));
  EXPECT_EQ(EndOfRib(*u), std::nullopt);
}

TEST(UpdateDecode, WithdrawOnly) {
  auto u = DecodeUpdate(Body(H("18 0a0100 20 0a000001"), {}, {}), kEbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->withdrawn, (std::vector<Ipv4Prefix>{{0x0a010000, 24}, {0x0a000001, 32}}));
  EXPECT_FALSE(u->has_attrs);
  EXPECT_FALSE(u->treat_as_withdraw);
  EXPECT_EQ(EndOfRib(*u), std::nullopt);
}

TEST(UpdateDecode, EndOfRibMarkers) {
  auto v4 = DecodeUpdate(Body({}, {}, {}), kEbgp);
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(EndOfRib(*v4), Family::kIpv4Unicast);
  auto evpn = DecodeUpdate(Body({}, H("80 0f 03 0019 46"), {}), kEbgp);
  ASSERT_TRUE(evpn.ok());
  EXPECT_EQ(EndOfRib(*evpn), Family::kEvpn);
  auto v6 = DecodeUpdate(Body({}, H("80 0f 03 0002 01"), {}), kEbgp);
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(EndOfRib(*v6), std::nullopt);  // not a family we route
  auto not_eor = DecodeUpdate(Body({}, Cat({H("80 0f 03 0019 46"), H("40 01 01 00")}), {}), kEbgp);
  ASSERT_TRUE(not_eor.ok());
  EXPECT_EQ(EndOfRib(*not_eor), std::nullopt);
}

TEST(UpdateDecode, MpReachEvpnIsKeptRaw) {
  // A type-3 route: RD, ethernet tag, IP length 32, originator.
  Bytes route = H("03 11 0001 0a000001 0064 00000000 20 0a000001");
  Bytes mp = Cat({H("0019 46 04 0a000001 00"), route});
  Bytes attrs = Cat({Attr(0x90, 14, mp), H("40 01 01 00 40 02 00"),
                     H("c0 16 09 00 06 000640 0a000001")});  // PMSI_TUNNEL
  auto u = DecodeUpdate(Body({}, attrs, {}), kIbgp);
  ASSERT_TRUE(u.ok()) << u.error().reason;
  EXPECT_FALSE(u->treat_as_withdraw);
  ASSERT_TRUE(u->mp_reach);
  EXPECT_EQ(u->mp_reach->afi_safi, (AfiSafi{25, 70}));
  EXPECT_EQ(ToHex(u->mp_reach->next_hop), "0a000001");
  EXPECT_EQ(ToHex(u->mp_reach->nlri), ToHex(route));
  EXPECT_EQ(u->attrs.mp_next_hop, u->mp_reach->next_hop);
  // PMSI_TUNNEL is recognised: relayed without the Partial bit.
  ASSERT_EQ(u->attrs.other.size(), 1u);
  EXPECT_EQ(u->attrs.other[0].type, 22);
  EXPECT_EQ(u->attrs.other[0].flags, 0xc0);
  EXPECT_EQ(u->layout.attrs[0].flags, 0x90);  // extended length as received
}

TEST(UpdateDecode, MpReachOfUnknownFamilyIsKept) {
  Bytes mp = H("4001 85 03 010203 00 deadbeef");
  auto u = DecodeUpdate(Body({}, Cat({Attr(0x80, 14, mp), H("40 01 01 00 40 02 00")}), {}), kIbgp);
  ASSERT_TRUE(u.ok()) << u.error().reason;
  ASSERT_TRUE(u->mp_reach);
  EXPECT_EQ(u->mp_reach->afi_safi, (AfiSafi{0x4001, 0x85}));
  EXPECT_EQ(ToHex(u->mp_reach->next_hop), "010203");
  EXPECT_EQ(ToHex(u->mp_reach->nlri), "deadbeef");
}

TEST(UpdateDecode, MpReachWithoutNextHopAttributeNeedsNoNextHop) {
  Bytes mp = H("0001 01 04 0a000001 00 18 0a0100");
  auto u = DecodeUpdate(Body({}, Cat({Attr(0x80, 14, mp), H("40 01 01 00"), test::AsPath4({1})}), {}),
                        kEbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->treat_as_withdraw);
}

TEST(UpdateDecode, UnknownOptionalTransitiveGetsPartialBit) {
  auto u = DecodeUpdate(Body({}, Cat({Mandatory(), H("c0 63 02 abcd")}), H("08 0a")), kEbgp);
  ASSERT_TRUE(u.ok());
  ASSERT_EQ(u->attrs.other.size(), 1u);
  EXPECT_EQ(u->attrs.other[0], (RawAttr{0xe0, 99, {0xab, 0xcd}}));
  EXPECT_FALSE(u->treat_as_withdraw);
}

TEST(UpdateDecode, UnknownOptionalNonTransitiveIsDropped) {
  auto u = DecodeUpdate(Body({}, Cat({Mandatory(), H("80 63 02 abcd")}), H("08 0a")), kEbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->attrs.other.empty());
  EXPECT_FALSE(u->treat_as_withdraw);
}

TEST(UpdateDecode, OtherIsSortedByType) {
  auto u = DecodeUpdate(
      Body({}, Cat({Mandatory(), H("c0 63 01 01"), H("c0 16 05 0000000000"), H("c0 50 01 02")}),
           H("08 0a")),
      kEbgp);
  ASSERT_TRUE(u.ok());
  ASSERT_EQ(u->attrs.other.size(), 3u);
  EXPECT_EQ(u->attrs.other[0].type, 22);
  EXPECT_EQ(u->attrs.other[1].type, 80);
  EXPECT_EQ(u->attrs.other[2].type, 99);
}

TEST(UpdateDecode, LocalPrefFromInternalPeer) {
  auto u = DecodeUpdate(Body({}, Cat({Mandatory(), H("40 05 04 00000064")}), H("08 0a")), kIbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->attrs.local_pref, 100u);
}

TEST(UpdateDecode, HostBitsAreClearedAndNoted) {
  auto u = DecodeUpdate(Body(H("17 0a0001"), Mandatory(), H("18 0a0101 07 ff")), kEbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->withdrawn[0], (Ipv4Prefix{0x0a000000, 23}));
  EXPECT_EQ(u->nlri[1], (Ipv4Prefix{0xfe000000, 7}));
  EXPECT_EQ(u->discarded.size(), 2u);
  EXPECT_FALSE(u->treat_as_withdraw);
}

TEST(UpdateDecode, ConfederationPathFromInternalPeer) {
  auto u = DecodeUpdate(
      Body({}, Cat({test::OriginIgp(), H("40 02 06 03 01 0000fde9"), test::NextHop(1)}), H("08 0a")),
      kIbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->treat_as_withdraw);
  EXPECT_EQ(u->attrs.as_path->ToString(), "(65001)");
}

}  // namespace
}  // namespace meshbgp::wire
