#include "bgpd/api/query_string.h"

#include <gtest/gtest.h>

#include "bgpd/api/rib_query.h"

namespace meshbgp::api {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

TEST(ParseRequestTarget, SegmentsAndParams) {
  auto t = ParseRequestTarget("/v1/rib?prefix=10.0.0.0%2F24&neighbor=fd00::1&dir=in&flag");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->segments, (std::vector<std::string>{"v1", "rib"}));
  EXPECT_EQ(t->params, (Params{{"prefix", "10.0.0.0/24"}, {"neighbor", "fd00::1"}, {"dir", "in"}, {"flag", ""}}));
}

TEST(ParseRequestTarget, EscapedSlashStaysInsideASegment) {
  auto t = ParseRequestTarget("/v1/neighbors/a%2Fb//");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->segments, (std::vector<std::string>{"v1", "neighbors", "a/b"}));
}

TEST(ParseRequestTarget, Errors) {
  EXPECT_FALSE(ParseRequestTarget("").ok());
  EXPECT_FALSE(ParseRequestTarget("v1/status").ok());
  EXPECT_FALSE(ParseRequestTarget("http://x/v1/status").ok());
  EXPECT_FALSE(ParseRequestTarget("/v1/%4").ok());
  EXPECT_FALSE(ParseRequestTarget("/v1/status?x=%G0").ok());
}

TEST(PercentCoding, RoundTrip) {
  for (const std::string& text : std::vector<std::string>{"10.0.0.0/24", "fd00::1", "a+b &c=d%e", std::string("\0\xff", 2)}) {
    auto decoded = PercentDecode(PercentEncode(text));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, text);
  }
  EXPECT_EQ(PercentEncode("10.0.0.0/24"), "10.0.0.0%2F24");
  EXPECT_EQ(PercentEncode("fd00::1"), "fd00::1");
  EXPECT_EQ(*PercentDecode("a+b"), "a b");
}

TEST(RibQueryFromParams, DefaultsAndEveryParameter) {
  auto q = RibQueryFromParams({});
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->prefix);
  EXPECT_FALSE(q->neighbor);
  EXPECT_EQ(q->direction, RibQuery::Direction::kLocRib);
  EXPECT_EQ(q->family, "ipv4");
  EXPECT_EQ(q->limit, 0u);

  q = RibQueryFromParams(
      {{"prefix", "10.0.0.1"}, {"neighbor", "10.0.0.2"}, {"dir", "out"}, {"family", "evpn"}, {"limit", "50"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->prefix, "10.0.0.1");
  EXPECT_EQ(q->neighbor, "10.0.0.2");
  EXPECT_EQ(q->direction, RibQuery::Direction::kOut);
  EXPECT_EQ(q->family, "evpn");
  EXPECT_EQ(q->limit, 50u);
}

TEST(RibQueryFromParams, EvpnFiltersRoundTrip) {
  auto q = RibQueryFromParams({{"family", "evpn"}, {"type", "11"}, {"rd", "10.0.0.1:5"}, {"mac", "02:AA:00:00:00:01"}});
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->evpn_type, 11);
  EXPECT_EQ(q->rd, "10.0.0.1:5");
  EXPECT_EQ(q->mac, "02:AA:00:00:00:01");
  auto params = ParseRequestTarget(RibQueryTarget(*q));
  ASSERT_TRUE(params.ok());
  auto back = RibQueryFromParams(params->params);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->evpn_type, 11);
  EXPECT_EQ(back->rd, "10.0.0.1:5");
  EXPECT_EQ(back->mac, "02:AA:00:00:00:01");
  EXPECT_FALSE(RibQueryFromParams({{"type", "0"}}).ok());
  EXPECT_FALSE(RibQueryFromParams({{"type", "300"}}).ok());
  EXPECT_FALSE(RibQueryFromParams({{"type", "x"}}).ok());
}

TEST(RibQueryFromParams, Errors) {
  EXPECT_FALSE(RibQueryFromParams({{"dir", "both"}}).ok());
  EXPECT_FALSE(RibQueryFromParams({{"limit", "-3"}}).ok());
  EXPECT_FALSE(RibQueryFromParams({{"limit", ""}}).ok());
  EXPECT_FALSE(RibQueryFromParams({{"limit", "1e3"}}).ok());
  const auto unknown = RibQueryFromParams({{"prefx", "10.0.0.0/8"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("prefx"), std::string::npos);
}

TEST(RibQueryTarget, RoundTripsThroughTheServerSide) {
  RibQuery q;
  q.prefix = "10.1.0.0/24";
  q.neighbor = "fd00::2";
  q.direction = RibQuery::Direction::kIn;
  q.family = "ipv4";
  q.limit = 7;
  const std::string target = RibQueryTarget(q);
  EXPECT_EQ(target, "/v1/rib?family=ipv4&prefix=10.1.0.0%2F24&neighbor=fd00::2&dir=in&limit=7");
  auto parsed = ParseRequestTarget(target);
  ASSERT_TRUE(parsed.ok());
  auto back = RibQueryFromParams(parsed->params);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->prefix, q.prefix);
  EXPECT_EQ(back->neighbor, q.neighbor);
  EXPECT_EQ(back->direction, q.direction);
  EXPECT_EQ(back->family, q.family);
  EXPECT_EQ(back->limit, q.limit);
  EXPECT_EQ(RibQueryTarget(RibQuery{}), "/v1/rib?family=ipv4");
}

}  // namespace
}  // namespace meshbgp::api
