// 4-octet AS numbers over 2-octet sessions (RFC 6793).
#include <gtest/gtest.h>

#include "bgpd/wire/as_path_codec.h"
#include "bgpd/wire/update.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::Body;
using test::Bytes;
using test::Cat;
using test::H;

constexpr DecodeOptions kOld{false, false};  // peer without the 4-octet AS capability
constexpr auto kSeq = AsSegmentType::kAsSequence;
constexpr auto kSet = AsSegmentType::kAsSet;
constexpr auto kCSeq = AsSegmentType::kConfedSequence;
const Bytes kOrigin = H("40 01 01 00");
const Bytes kNextHop = H("40 03 04 0a000001");
const Bytes kNlri = H("18 0a0100");

// AS_PATH 65010 AS_TRANS AS_TRANS (2-octet) + AS4_PATH 4200000001 4200000002.
const Bytes kAsPath2 = H("40 02 08 0203 fdf2 5ba0 5ba0");
const Bytes kAs4Path = H("c0 11 0a 0202 fa56ea01 fa56ea02");

Result<Update> Decode(const Bytes& attrs, const DecodeOptions& o = kOld) {
  return DecodeUpdate(Body({}, attrs, kNlri), o);
}

TEST(As4, MergesAs4PathIntoAsPath) {
  auto u = Decode(Cat({kOrigin, kAsPath2, kNextHop, kAs4Path}));
  ASSERT_TRUE(u.ok()) << u.error().reason;
  EXPECT_FALSE(u->treat_as_withdraw);
  EXPECT_EQ(u->attrs.as_path->ToString(), "65010 4200000001 4200000002");
}

TEST(As4, LongerAs4PathIsIgnored) {
  auto u = Decode(Cat({kOrigin, H("40 02 04 0201 5ba0"), kNextHop, kAs4Path}));
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->attrs.as_path->ToString(), "23456");
  EXPECT_FALSE(u->discarded.empty());
}

TEST(As4, AggregatorNotAsTransMeansAs4IsIgnored) {
  auto u = Decode(
      Cat({kOrigin, kAsPath2, kNextHop, H("c0 07 06 fdf2 0a000009"), kAs4Path,
           H("c0 12 08 fa56ea01 0a000009")}));
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->attrs.as_path->ToString(), "65010 23456 23456");
  EXPECT_EQ(u->attrs.aggregator, (Aggregator{65010, 0x0a000009}));
}

TEST(As4, As4AggregatorReplacesAsTrans) {
  auto u = Decode(
      Cat({kOrigin, kAsPath2, kNextHop, H("c0 07 06 5ba0 0a000009"), kAs4Path,
           H("c0 12 08 fa56ea01 0a000008")}));
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->attrs.aggregator, (Aggregator{4200000001, 0x0a000008}));
  EXPECT_EQ(u->attrs.as_path->ToString(), "65010 4200000001 4200000002");
}

TEST(As4, MalformedAs4PathIsDiscardedOnly) {
  auto u = Decode(Cat({kOrigin, kAsPath2, kNextHop, H("c0 11 05 0202 fa56ea")}));
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->treat_as_withdraw);
  EXPECT_EQ(u->attrs.as_path->ToString(), "65010 23456 23456");
  EXPECT_FALSE(u->discarded.empty());
  auto agg = Decode(Cat({kOrigin, kAsPath2, kNextHop, H("c0 07 06 5ba0 0a000009"),
                         H("c0 12 06 fa56ea01 0a00")}));
  ASSERT_TRUE(agg.ok());
  EXPECT_FALSE(agg->treat_as_withdraw);
  EXPECT_EQ(agg->attrs.aggregator->asn, kAsTrans);
}

TEST(As4, FourOctetSessionDiscardsAs4Attributes) {
  Bytes as_path4 = H("40 02 0a 0202 0000fdf2 fa56ea09");
  auto u = Decode(Cat({kOrigin, as_path4, kNextHop, kAs4Path}), DecodeOptions{});
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->attrs.as_path->ToString(), "65010 4200000009");
  EXPECT_EQ(u->discarded.size(), 1u);
  EXPECT_FALSE(u->treat_as_withdraw);
}

TEST(As4, As4PathConfedSegmentsAreDropped) {
  auto u = Decode(Cat({kOrigin, kAsPath2, kNextHop,
                       H("c0 11 10 0301 fa56ea07 0202 fa56ea01 fa56ea02")}));
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->attrs.as_path->ToString(), "65010 4200000001 4200000002");
}

TEST(As4, MergeKeepsLeadingSetsAndConfeds) {
  AsPath as_path{{{kCSeq, {64512}}, {kSeq, {65010, kAsTrans}}, {kSet, {1, 2}}}};
  AsPath as4{{{kSeq, {4200000001}}, {kSet, {1, 2}}}};
  EXPECT_EQ(MergeAs4Path(as_path, as4).ToString(), "(64512) 65010 4200000001 {1,2}");
  AsPath with_set{{{kSet, {7, 8}}, {kSeq, {kAsTrans}}}};
  EXPECT_EQ(MergeAs4Path(with_set, AsPath{{{kSeq, {4200000001}}}}).ToString(), "{7,8} 4200000001");
}

TEST(As4, TwoOctetMessageReencodesExactly) {
  Bytes attrs = Cat({kOrigin, kAsPath2, kNextHop, H("c0 07 06 5ba0 0a000009"), kAs4Path,
                     H("c0 12 08 fa56ea01 0a000008")});
  Bytes body = Body({}, attrs, kNlri);
  auto u = DecodeUpdate(body, kOld);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(ToHex(test::Tail(EncodeUpdate(*u, {false}))), ToHex(body));
}

TEST(As4, EncodeForTwoOctetSessionAddsAs4Attributes) {
  PathAttrs a;
  a.origin = Origin::kIgp;
  a.as_path = AsPath{{{kSeq, {65010, 4200000001}}}};
  a.next_hop = 0x0a000001;
  a.aggregator = Aggregator{4200000001, 0x0a000008};
  Bytes out;
  EncodeAttrs(a, {false}, out);
  EXPECT_EQ(ToHex(out), ToHex(Cat({kOrigin, H("40 02 06 0202 fdf2 5ba0"), kNextHop,
                                   H("c0 07 06 5ba0 0a000008"), H("c0 11 0a 0202 0000fdf2 fa56ea01"),
                                   H("c0 12 08 fa56ea01 0a000008")})));
  // And what a 2-octet peer would make of it round-trips to the same path.
  auto u = Decode(out);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->attrs.as_path, a.as_path);
  EXPECT_EQ(u->attrs.aggregator, a.aggregator);
  // Small ASNs only: no AS4 attributes.
  a.as_path = AsPath{{{kSeq, {65010}}}};
  a.aggregator = Aggregator{65010, 1};
  out.clear();
  EncodeAttrs(a, {false}, out);
  EXPECT_EQ(out.size(), 4u + 7 + 7 + 9);
}

}  // namespace
}  // namespace meshbgp::wire
