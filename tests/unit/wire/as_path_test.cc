#include <gtest/gtest.h>

#include "bgpd/wire/as_path_codec.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::H;
constexpr auto kSeq = AsSegmentType::kAsSequence;
constexpr auto kSet = AsSegmentType::kAsSet;
constexpr auto kCSeq = AsSegmentType::kConfedSequence;

TEST(AsPathCodec, DecodeFourAndTwoOctet) {
  auto p = DecodeAsPath(H("0202 0000fde9 fa56ea01 0101 0000fdeb"), true);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (AsPath{{{kSeq, {65001, 4200000001}}, {kSet, {65003}}}}));
  auto q = DecodeAsPath(H("0202 fde9 5ba0"), false);
  ASSERT_TRUE(q);
  EXPECT_EQ(*q, (AsPath{{{kSeq, {65001, kAsTrans}}}}));
  EXPECT_EQ(DecodeAsPath({}, true), AsPath{});  // empty path (iBGP origin)
}

TEST(AsPathCodec, Malformed) {
  EXPECT_FALSE(DecodeAsPath(H("0200"), true));                // empty segment
  EXPECT_FALSE(DecodeAsPath(H("0501 0000fde9"), true));       // unknown type
  EXPECT_FALSE(DecodeAsPath(H("0202 0000fde9"), true));       // overrun
  EXPECT_FALSE(DecodeAsPath(H("0201 0000fde9 02"), true));    // stray octet
  EXPECT_FALSE(DecodeAsPath(H("0201 00000000"), true));       // AS 0 (RFC 7607)
  EXPECT_FALSE(DecodeAsPath(H("0201 0000fde9"), false));      // 4-octet read as 2: overrun
}

TEST(AsPathCodec, EncodeSplitsLongSegments) {
  AsPath p{{{kSeq, std::vector<uint32_t>(300, 65001)}}};
  std::vector<uint8_t> out;
  AppendAsPathValue(p, true, out);
  ASSERT_EQ(out.size(), 2 + 255 * 4 + 2 + 45 * 4);
  EXPECT_EQ(out[0], 2);
  EXPECT_EQ(out[1], 255);
  EXPECT_EQ(out[2 + 255 * 4 + 1], 45);
  auto back = DecodeAsPath(out, true);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->DecisionLength(), 300u);
}

TEST(AsPathCodec, TwoOctetEncodingUsesAsTrans) {
  AsPath p{{{kSeq, {65001, 4200000001}}}};
  std::vector<uint8_t> out;
  AppendAsPathValue(p, false, out);
  EXPECT_EQ(ToHex(out), "0202fde95ba0");
  EXPECT_TRUE(HasFourOctetAsn(p));
  EXPECT_FALSE(HasFourOctetAsn(AsPath{{{kSeq, {65001}}}}));
}

TEST(AsPathCodec, WithoutConfedSegments) {
  AsPath p{{{kCSeq, {1}}, {kSeq, {2}}}};
  EXPECT_EQ(WithoutConfedSegments(p), (AsPath{{{kSeq, {2}}}}));
}

}  // namespace
}  // namespace meshbgp::wire
