#include <gtest/gtest.h>

#include "bgpd/wire/types.h"

namespace meshbgp::wire {
namespace {

TEST(Types, FamilyMapping) {
  EXPECT_EQ(FamilyOf({1, 1}), Family::kIpv4Unicast);
  EXPECT_EQ(FamilyOf({25, 70}), Family::kEvpn);
  EXPECT_EQ(FamilyOf({2, 1}), std::nullopt);
  EXPECT_EQ(AfiSafiOf(Family::kEvpn), (AfiSafi{25, 70}));
  EXPECT_STREQ(FamilyName(Family::kIpv4Unicast), "ipv4");
  EXPECT_STREQ(FamilyName(Family::kEvpn), "evpn");
}

TEST(Types, Ipv4Text) {
  EXPECT_EQ(Ipv4ToString(0x0a000001), "10.0.0.1");
  EXPECT_EQ(Ipv4ToString(0xffffffff), "255.255.255.255");
  EXPECT_EQ(ToString(Ipv4Prefix{0xc0a80000, 16}), "192.168.0.0/16");
  EXPECT_EQ(ParseIpv4("10.1.2.3"), 0x0a010203u);
  EXPECT_EQ(ParseIpv4("0.0.0.0"), 0u);
}

TEST(Types, ParseIpv4RejectsBadText) {
  for (const char* bad : {"", "10.1.2", "10.1.2.3.4", "256.1.1.1", "1..2.3", "a.b.c.d",
                          "10.1.2.3 ", "+1.2.3.4", "0001.2.3.4", "1.2.3.-4"}) {
    EXPECT_EQ(ParseIpv4(bad), std::nullopt) << bad;
  }
}

TEST(Types, ParseIpv4Prefix) {
  EXPECT_EQ(ParseIpv4Prefix("10.0.0.0/8"), (Ipv4Prefix{0x0a000000, 8}));
  EXPECT_EQ(ParseIpv4Prefix("0.0.0.0/0"), (Ipv4Prefix{0, 0}));
  EXPECT_EQ(ParseIpv4Prefix("1.2.3.4/32"), (Ipv4Prefix{0x01020304, 32}));
  for (const char* bad : {"10.0.0.1/24", "10.0.0.0/33", "10.0.0.0", "10.0.0.0/", "10.0.0.0/x",
                          "10.0.0.0/024"}) {
    EXPECT_EQ(ParseIpv4Prefix(bad), std::nullopt) << bad;
  }
}

AsPath Path(std::initializer_list<AsSegment> segs) { return AsPath{segs}; }
constexpr auto kSeq = AsSegmentType::kAsSequence;
constexpr auto kSet = AsSegmentType::kAsSet;
constexpr auto kCSeq = AsSegmentType::kConfedSequence;
constexpr auto kCSet = AsSegmentType::kConfedSet;

TEST(Types, AsPathDecisionLength) {
  EXPECT_EQ(Path({}).DecisionLength(), 0u);
  EXPECT_EQ(Path({{kSeq, {1, 2, 3}}, {kSet, {4, 5, 6}}}).DecisionLength(), 4u);
  EXPECT_EQ(Path({{kCSeq, {9, 9}}, {kCSet, {8}}, {kSeq, {1}}}).DecisionLength(), 1u);
}

TEST(Types, AsPathFirstAsAndContains) {
  EXPECT_EQ(Path({{kSeq, {65001, 65002}}}).FirstAs(), 65001u);
  EXPECT_EQ(Path({{kCSeq, {7}}, {kSeq, {65003}}}).FirstAs(), 65003u);
  EXPECT_EQ(Path({{kSet, {1, 2}}}).FirstAs(), 0u);
  EXPECT_EQ(Path({}).FirstAs(), 0u);
  AsPath p = Path({{kSeq, {1, 2}}, {kSet, {3}}});
  EXPECT_TRUE(p.Contains(3));
  EXPECT_FALSE(p.Contains(4));
}

TEST(Types, AsPathPrepended) {
  EXPECT_EQ(Path({{kSeq, {2, 3}}}).Prepended(1), Path({{kSeq, {1, 2, 3}}}));
  EXPECT_EQ(Path({{kSet, {2, 3}}}).Prepended(1), Path({{kSeq, {1}}, {kSet, {2, 3}}}));
  EXPECT_EQ(Path({}).Prepended(1), Path({{kSeq, {1}}}));
}

TEST(Types, AsPathToString) {
  EXPECT_EQ(Path({{kSeq, {65001, 65002}}, {kSet, {65003, 65004}}}).ToString(),
            "65001 65002 {65003,65004}");
  EXPECT_EQ(Path({{kCSeq, {1, 2}}, {kCSet, {3, 4}}, {kSeq, {5}}}).ToString(), "(1 2) [3,4] 5");
  EXPECT_EQ(Path({}).ToString(), "");
}

}  // namespace
}  // namespace meshbgp::wire
