#include "bench/loadgen/options.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace meshbgp::loadgen {
namespace {

absl::StatusOr<Options> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "meshbgp-loadgen");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return ParseOptions(static_cast<int>(argv.size()), argv.data());
}

TEST(ParseSources, InclusiveRange) {
  auto s = ParseSources("10.0.1.1-10.0.1.100", 0);
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 100u);
  EXPECT_EQ(s->front(), 0x0a000101u);
  EXPECT_EQ(s->back(), 0x0a000164u);
}

TEST(ParseSources, RangeCutToClients) {
  auto s = ParseSources("10.0.1.1-10.0.1.100", 3);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, (std::vector<uint32_t>{0x0a000101, 0x0a000102, 0x0a000103}));
}

TEST(ParseSources, BaseAndCountCrossOctets) {
  auto s = ParseSources("10.0.1.255+3", 0);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, (std::vector<uint32_t>{0x0a0001ff, 0x0a000200, 0x0a000201}));
  auto t = ParseSources("10.0.1.1", 2);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->size(), 2u);
}

TEST(ParseSources, Errors) {
  EXPECT_FALSE(ParseSources("10.0.1.9-10.0.1.1", 0).ok());
  EXPECT_FALSE(ParseSources("10.0.1.1-10.0.1.3", 4).ok());
  EXPECT_FALSE(ParseSources("10.0.1.1", 0).ok());
  EXPECT_FALSE(ParseSources("10.0.1.300+2", 0).ok());
}

TEST(ParseOptions, Everything) {
  auto o = Parse({"--rs", "10.0.0.1:1179", "--sources=10.0.1.1-10.0.1.20", "--clients", "10",
                  "--local-as-base", "4200000000", "--rs-as", "65000.1", "--prefixes", "500",
                  "--timeout", "2.5", "--hold-time", "30", "--threads", "2", "--sink",
                  "--sink-netns", "x", "--extended-message", "--wait-stdin"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->rs_addr, 0x0a000001u);
  EXPECT_EQ(o->rs_port, 1179);
  EXPECT_EQ(o->clients(), 10u);
  EXPECT_EQ(o->local_as_base, 4200000000u);
  EXPECT_EQ(o->rs_as, 65000u * 65536 + 1);  // asdot
  EXPECT_EQ(o->prefixes, 500u);
  EXPECT_DOUBLE_EQ(o->timeout_s, 2.5);
  EXPECT_EQ(o->hold_time, 30);
  EXPECT_EQ(o->threads, 2u);
  EXPECT_TRUE(o->sink);
  EXPECT_EQ(o->sink_netns, "x");
  EXPECT_TRUE(o->extended_message);
  EXPECT_TRUE(o->wait_stdin);
}

TEST(ParseOptions, Defaults) {
  auto o = Parse({"--rs", "10.0.0.1", "--sources", "10.0.1.1+2"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->rs_port, 179);
  EXPECT_EQ(o->prefixes, 10000u);
  EXPECT_EQ(o->prefix_base, 0x64000000u);
  EXPECT_FALSE(o->sink);
  EXPECT_EQ(o->family, wire::Family::kIpv4Unicast);
}

TEST(ParseOptions, EvpnFamily) {
  auto o = Parse({"--rs", "10.0.0.1", "--sources", "10.0.1.1+2", "--family", "evpn"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->family, wire::Family::kEvpn);
  EXPECT_FALSE(Parse({"--rs", "10.0.0.1", "--sources", "10.0.1.1+2", "--family", "ipv6"}).ok());
}

TEST(ParseOptions, Rejects) {
  EXPECT_FALSE(Parse({"--sources", "10.0.1.1+2"}).ok());                  // no --rs
  EXPECT_FALSE(Parse({"--rs", "10.0.0.1", "--sources", "10.0.1.1+1"}).ok());  // one client
  EXPECT_FALSE(Parse({"--rs", "10.0.0.1", "--sources", "10.0.1.1+2", "--bogus"}).ok());
  EXPECT_FALSE(Parse({"--rs", "10.0.0.1", "--sources", "10.0.1.1+2", "--hold-time", "2"}).ok());
  EXPECT_FALSE(Parse({"--rs", "10.0.0.1", "--sources", "10.0.1.1+2", "--sink-netns", "x"}).ok());
  // 1000 x 100000 /24s from 100.0.0.0 run past 224.0.0.0.
  EXPECT_FALSE(
      Parse({"--rs", "10.0.0.1", "--sources", "10.0.1.1+1000", "--prefixes", "100000"}).ok());
  EXPECT_TRUE(absl::IsNotFound(Parse({"--help"}).status()));
}

}  // namespace
}  // namespace meshbgp::loadgen
