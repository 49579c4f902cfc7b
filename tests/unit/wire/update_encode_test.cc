#include <gtest/gtest.h>

#include "bgpd/wire/header.h"
#include "bgpd/wire/update.h"
#include "message_stream.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using namespace test;  // the hand-made message builders of test_util.h

PathAttrs FullAttrs() {
  PathAttrs a;
  a.origin = Origin::kIgp;
  a.as_path = AsPath{{{AsSegmentType::kAsSequence, {65001, 4200000001}}}};
  a.next_hop = 0x0a000001;
  a.med = 5;
  a.local_pref = 100;
  a.atomic_aggregate = true;
  a.aggregator = Aggregator{65001, 0x0a000009};
  a.communities = {0xfde90001};
  a.originator_id = 0x01010101;
  a.cluster_list = {0x02020202};
  a.ext_communities = {0x0002fde900000064};
  a.large_communities = {{65001, 1, 2}};
  a.other = {{0xc0, 22, {0, 6, 0, 6, 0x40, 10, 0, 0, 1}}, {0xe0, 99, {1}}};
  return a;
}

// Splits a buffer of whole messages.
std::vector<Bytes> Split(const Bytes& buf) {
  std::vector<Bytes> msgs;
  for (const FramedMessage& m : SplitMessages(buf, kMaxExtendedMessageSize)) {
    msgs.emplace_back(m.bytes.begin(), m.bytes.end());
  }
  return msgs;
}

TEST(UpdateEncode, CanonicalAttributeBytes) {
  PathAttrs a;
  a.origin = Origin::kIgp;
  a.as_path = AsPath{{{AsSegmentType::kAsSequence, {65001}}}};
  a.next_hop = 0x0a000001;
  a.med = 7;
  a.communities = {0xfde90001};
  a.large_communities = {{65001, 1, 2}};
  a.other = {{0xe0, 99, {0xab}}};
  Bytes out;
  EncodeAttrs(a, {}, out);
  EXPECT_EQ(ToHex(out), ToHex(Cat({H("40 01 01 00"), H("40 02 06 0201 0000fde9"),
                                   H("40 03 04 0a000001"), H("80 04 04 00000007"),
                                   H("c0 08 04 fde90001"), H("c0 20 0c 0000fde9 00000001 00000002"),
                                   H("e0 63 01 ab")})));
}

TEST(UpdateEncode, CanonicalRoundTrip) {
  Update u;
  u.attrs = FullAttrs();
  u.nlri = {{0x0a010000, 24}, {0xc0000201, 32}};
  u.withdrawn = {{0x0a020000, 16}};
  Bytes msg = EncodeUpdate(u, {});
  auto d = DecodeUpdate(std::span(msg).subspan(19), {true, true});
  ASSERT_TRUE(d.ok()) << d.error().reason;
  EXPECT_TRUE(d->discarded.empty());
  EXPECT_EQ(d->attrs, u.attrs);
  EXPECT_EQ(d->nlri, u.nlri);
  EXPECT_EQ(d->withdrawn, u.withdrawn);
  EXPECT_EQ(ToHex(EncodeUpdate(*d, {})), ToHex(msg));
}

TEST(UpdateEncode, ExtendedLengthOnlyAbove255) {
  PathAttrs a;
  a.communities.assign(63, 1);  // 252 octets
  Bytes out;
  EncodeAttrs(a, {}, out);
  EXPECT_EQ(out[0], 0xc0);
  EXPECT_EQ(out.size(), 3u + 252);
  a.communities.assign(64, 1);  // 256 octets
  out.clear();
  EncodeAttrs(a, {}, out);
  EXPECT_EQ(out[0], 0xd0);
  EXPECT_EQ(out[2], 0x01);
  EXPECT_EQ(out[3], 0x00);
  EXPECT_EQ(out.size(), 4u + 256);
}

TEST(UpdateEncode, CanonicalPutsMpAttributesFirst) {
  Update u;
  u.attrs.origin = Origin::kIgp;
  u.attrs.as_path = AsPath{};
  u.mp_reach = MpReach{{25, 70}, {10, 0, 0, 1}, {3, 1, 0}};
  u.mp_unreach = MpUnreach{{25, 70}, {}};
  Bytes msg = EncodeUpdate(u, {});
  EXPECT_EQ(ToHex(std::span(msg).subspan(19)),
            ToHex(Body({}, H("80 0e 0c 0019 46 04 0a000001 00 030100  80 0f 03 0019 46"
                            "40 01 01 00  40 02 00"),
                       {})));
}

TEST(UpdateEncode, ReceivedLayoutIsReproduced) {
  // Unusual but legal: attributes out of order, Extended Length on short
  // values, unused low flag bits, an unknown transitive attribute (stored
  // with Partial, sent back as received) and a dropped non-transitive one.
  Bytes attrs = Cat({H("50 03 0004 0a000001"), H("40 01 01 00"), H("c3 63 02 abcd"),
                     H("80 64 01 00"), H("50 02 0006 0201 0000fde9"), H("c0 08 04 fde90001")});
  Bytes body = Body(H("08 0b"), attrs, H("08 0a"));
  auto u = DecodeUpdate(body, {});
  ASSERT_TRUE(u.ok()) << u.error().reason;
  EXPECT_FALSE(u->treat_as_withdraw);
  EXPECT_EQ(u->attrs.other[0].flags, 0xe0);
  EXPECT_EQ(ToHex(test::Tail(EncodeUpdate(*u, {}))), ToHex(body));
  // Without the layout: canonical order and flags.
  Update canon = *u;
  canon.layout = {};
  EXPECT_EQ(ToHex(test::Tail(EncodeUpdate(canon, {}))),
            ToHex(Body(H("08 0b"),
                       Cat({H("40 01 01 00"), H("40 02 06 0201 0000fde9"), H("40 03 04 0a000001"),
                            H("c0 08 04 fde90001"), H("e0 63 02 abcd")}),
                       H("08 0a"))));
}

TEST(UpdateEncode, DiscardedAttributesAreReproducedToo) {
  Bytes attrs = Cat({Mandatory(), H("40 06 01 00"), H("80 04 04 00000001"), H("80 04 04 00000002"),
                     H("40 05 04 00000064")});
  Bytes body = Body({}, attrs, H("08 0a"));
  auto u = DecodeUpdate(body, {});
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->discarded.size(), 3u);
  EXPECT_EQ(ToHex(test::Tail(EncodeUpdate(*u, {}))), ToHex(body));
}

TEST(UpdateEncode, LayoutFollowsChangedValues) {
  auto u = DecodeUpdate(Body({}, Cat({Mandatory(), H("80 04 04 00000001")}), H("08 0a")), {});
  ASSERT_TRUE(u.ok());
  u->attrs.med = 9;                   // changed: new value, old place
  u->attrs.communities = {0x10001};   // added: appended canonically
  EXPECT_EQ(ToHex(test::Tail(EncodeUpdate(*u, {}))),
            ToHex(Body({}, Cat({Mandatory(), H("80 04 04 00000009"), H("c0 08 04 00010001")}),
                       H("08 0a"))));
}

TEST(UpdateEncode, AppendIpv4UpdatesFillsMessages) {
  Bytes attrs;
  EncodeAttrs(FullAttrs(), {}, attrs);
  std::vector<Ipv4Prefix> nlri;
  for (uint32_t i = 0; i < 3000; ++i) nlri.push_back({0x0a000000 + (i << 8), 24});
  Bytes out;
  ASSERT_TRUE(AppendIpv4Updates(attrs, nlri, kMaxMessageSize, out));
  auto msgs = Split(out);
  ASSERT_GT(msgs.size(), 1u);
  std::vector<Ipv4Prefix> seen;
  for (size_t i = 0; i < msgs.size(); ++i) {
    EXPECT_LE(msgs[i].size(), kMaxMessageSize);
    if (i + 1 < msgs.size()) {
      EXPECT_GT(msgs[i].size() + 4, kMaxMessageSize);  // no room for another /24
    }
    auto u = DecodeUpdate(std::span(msgs[i]).subspan(19), {true, true});
    ASSERT_TRUE(u.ok()) << u.error().reason;
    EXPECT_EQ(u->attrs, FullAttrs());
    seen.insert(seen.end(), u->nlri.begin(), u->nlri.end());
  }
  EXPECT_EQ(seen, nlri);
}

TEST(UpdateEncode, AppendIpv4UpdatesExtendedSize) {
  Bytes attrs;
  EncodeAttrs(FullAttrs(), {}, attrs);
  std::vector<Ipv4Prefix> nlri(20000, Ipv4Prefix{0x0a000000, 32});
  Bytes out;
  ASSERT_TRUE(AppendIpv4Updates(attrs, nlri, kMaxExtendedMessageSize, out));
  auto msgs = Split(out);
  EXPECT_EQ(msgs.size(), 2u);
  EXPECT_GT(msgs[0].size(), 60000u);
}

TEST(UpdateEncode, AppendIpv4UpdatesRefusesOversizedAttributes) {
  Bytes attrs(4090, 0);
  Bytes out = {1, 2, 3};
  std::vector<Ipv4Prefix> nlri = {{0x0a000000, 24}};
  EXPECT_FALSE(AppendIpv4Updates(attrs, nlri, kMaxMessageSize, out));
  EXPECT_EQ(out, (Bytes{1, 2, 3}));
  EXPECT_TRUE(AppendIpv4Updates(attrs, {}, kMaxMessageSize, out));
}

TEST(UpdateEncode, AppendIpv4Withdraws) {
  std::vector<Ipv4Prefix> w;
  for (uint32_t i = 0; i < 2000; ++i) w.push_back({i << 8, 24});
  Bytes out;
  AppendIpv4Withdraws(w, kMaxMessageSize, out);
  auto msgs = Split(out);
  ASSERT_EQ(msgs.size(), 2u);  // 4073 octets of room: 1018 /24 per message
  std::vector<Ipv4Prefix> seen;
  for (const auto& m : msgs) {
    EXPECT_LE(m.size(), kMaxMessageSize);
    auto u = DecodeUpdate(std::span(m).subspan(19), {});
    ASSERT_TRUE(u.ok());
    EXPECT_FALSE(u->has_attrs);
    seen.insert(seen.end(), u->withdrawn.begin(), u->withdrawn.end());
  }
  EXPECT_EQ(seen, w);
}

TEST(UpdateEncode, EndOfRib) {
  Bytes v4 = EncodeEndOfRib(Family::kIpv4Unicast);
  EXPECT_EQ(ToHex(v4), "ffffffffffffffffffffffffffffffff001702" "00000000");
  Bytes evpn = EncodeEndOfRib(Family::kEvpn);
  EXPECT_EQ(ToHex(evpn), "ffffffffffffffffffffffffffffffff001d02" "00000006800f03001946");
  for (Family f : {Family::kIpv4Unicast, Family::kEvpn}) {
    Bytes m = EncodeEndOfRib(f);
    auto u = DecodeUpdate(std::span(m).subspan(19), {});
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(EndOfRib(*u), f);
  }
}

}  // namespace
}  // namespace meshbgp::wire
