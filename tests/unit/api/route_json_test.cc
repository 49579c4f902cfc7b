#include "bgpd/api/route_json.h"

#include <gtest/gtest.h>

namespace meshbgp::api {
namespace {

using nlohmann::json;

TEST(PathAttrsToJson, EmptyAttributesOnlyCarryAtomicAggregate) {
  EXPECT_EQ(PathAttrsToJson(wire::PathAttrs{}), (json{{"atomic_aggregate", false}}));
}

TEST(PathAttrsToJson, EveryAttribute) {
  wire::PathAttrs a;
  a.origin = wire::Origin::kIgp;
  a.as_path = wire::AsPath{{{wire::AsSegmentType::kAsSequence, {65001, 65100}},
                            {wire::AsSegmentType::kAsSet, {65200, 65201}}}};
  a.next_hop = 0x0A000002;
  a.med = 10;
  a.local_pref = 100;
  a.atomic_aggregate = true;
  a.aggregator = wire::Aggregator{65001, 0x0A000002};
  a.communities = {(65001u << 16) | 1, 0xFFFFFF01};
  a.ext_communities = {0x0002FDE900000064ull, 0x0600000000000001ull};
  a.large_communities = {{65001, 1, 1}};
  a.originator_id = 0x0A000009;
  a.cluster_list = {0x0A000001, 0x0A000005};
  a.other = {{0xE0, 99, {0xde, 0xad}}, {0xC0, 22, {}}};

  const json expected = json::parse(R"({
    "next_hop": "10.0.0.2",
    "as_path": "65001 65100 {65200,65201}",
    "origin": "igp",
    "med": 10,
    "local_pref": 100,
    "atomic_aggregate": true,
    "aggregator": "65001 10.0.0.2",
    "communities": ["65001:1", "no-export"],
    "ext_communities": ["rt 65001:100", "0x0600000000000001"],
    "large_communities": ["65001:1:1"],
    "originator_id": "10.0.0.9",
    "cluster_list": ["10.0.0.1", "10.0.0.5"],
    "unknown": [{"type": 99, "flags": "0xe0", "hex": "dead"},
                {"type": 22, "flags": "0xc0", "hex": ""}]
  })");
  EXPECT_EQ(PathAttrsToJson(a), expected);
}

TEST(PathAttrsToJson, EmptyAsPathIsAnEmptyString) {
  wire::PathAttrs a;
  a.as_path = wire::AsPath{};
  a.origin = wire::Origin::kIncomplete;
  EXPECT_EQ(PathAttrsToJson(a), (json{{"as_path", ""}, {"origin", "incomplete"}, {"atomic_aggregate", false}}));
}

TEST(PathAttrsToJson, MpNextHopWhenNoIpv4NextHop) {
  wire::PathAttrs a;
  a.mp_next_hop = {10, 0, 0, 7};
  EXPECT_EQ(PathAttrsToJson(a)["next_hop"], "10.0.0.7");
  a.mp_next_hop.assign(16, 0);
  a.mp_next_hop[0] = 0xfd;
  a.mp_next_hop[15] = 7;
  EXPECT_EQ(PathAttrsToJson(a)["next_hop"], "fd00::7");
  a.next_hop = 0x0A000001;  // the IPv4 NEXT_HOP attribute wins when both are there
  EXPECT_EQ(PathAttrsToJson(a)["next_hop"], "10.0.0.1");
}

TEST(AppendPathAttrsJson, KeepsTheRoutesOwnFields) {
  json route = {{"prefix", "10.1.0.0/24"}, {"best", true}};
  wire::PathAttrs a;
  a.med = 0;
  AppendPathAttrsJson(a, route);
  EXPECT_EQ(route, (json{{"prefix", "10.1.0.0/24"}, {"best", true}, {"med", 0}, {"atomic_aggregate", false}}));
}

}  // namespace
}  // namespace meshbgp::api
