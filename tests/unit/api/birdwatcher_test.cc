// birdwatcher shapes that alice-lg's parsers read, from the fixtures.
#include "bgpd/api/birdwatcher.h"

#include <gtest/gtest.h>

#include "tests/unit/api/fake_backend.h"

namespace meshbgp::api {
namespace {

using nlohmann::json;
using testing::LoadFixture;

const SystemTime kNow = std::chrono::system_clock::from_time_t(1764370000);  // 2025-11-28 22:46:40 UTC

void ExpectMeta(const json& j) {
  ASSERT_TRUE(j.contains("api"));
  EXPECT_TRUE(j["api"]["Version"].is_string());
  EXPECT_TRUE(j["api"]["result_from_cache"].is_boolean());
  EXPECT_TRUE(j["api"]["cache_status"]["cached_at"]["date"].is_string());
  EXPECT_EQ(j["ttl"], "2025-11-28T22:46:40Z");
}

TEST(Birdwatcher, TimeFormats) {
  EXPECT_EQ(Rfc3339Time(kNow), "2025-11-28T22:46:40Z");
  EXPECT_EQ(ShortTime(kNow), "2025-11-28 22:46:40");
}

TEST(Birdwatcher, Status) {
  json j = BirdwatcherStatus(LoadFixture("status.json"), kNow);
  ExpectMeta(j);
  EXPECT_EQ(j["status"]["current_server"], "2025-11-28 22:46:40");
  EXPECT_TRUE(j["status"]["router_id"].is_string());
  EXPECT_TRUE(j["status"]["last_reboot"].is_string());
}

TEST(Birdwatcher, ProtocolsAreKeyedByAddress) {
  const json neighbors = LoadFixture("neighbors.json");
  json j = BirdwatcherProtocols(neighbors, kNow, /*short_form=*/false);
  ExpectMeta(j);
  ASSERT_EQ(j["protocols"].size(), neighbors["neighbors"].size());
  for (const auto& n : neighbors["neighbors"]) {
    const json& p = j["protocols"][n["address"].get<std::string>()];
    EXPECT_EQ(p["bird_protocol"], "BGP");
    EXPECT_EQ(p["neighbor_address"], n["address"]);
    EXPECT_EQ(p["neighbor_as"], n["asn"]);
    EXPECT_EQ(p["state"], n["state"] == "Established" ? "up" : n["state"] == "Idle" ? "down" : "start");
    EXPECT_TRUE(p["routes"]["imported"].is_number());
    EXPECT_TRUE(p["routes"]["filtered"].is_number());
    EXPECT_TRUE(p["routes"]["exported"].is_number());
    EXPECT_TRUE(p["state_changed"].is_string());
  }
  json s = BirdwatcherProtocols(neighbors, kNow, /*short_form=*/true);
  for (const auto& [id, p] : s["protocols"].items()) {
    EXPECT_TRUE(p["since"].is_string());
    EXPECT_TRUE(p["state"].is_string());
  }
}

TEST(Birdwatcher, RoutesCarryBgpInfoAsAliceReadsIt) {
  json j = BirdwatcherRoutes(LoadFixture("rib.json"), [](const std::string&) { return std::optional<SystemTime>(kNow); },
                             kNow);
  ExpectMeta(j);
  ASSERT_EQ(j["routes"].size(), 3u);
  const json& r = j["routes"][0];
  EXPECT_EQ(r["network"], "10.1.0.0/24");
  EXPECT_EQ(r["gateway"], "10.0.0.2");
  EXPECT_EQ(r["from_protocol"], "10.0.0.2");
  EXPECT_EQ(r["age"], "2025-11-28 22:46:40");
  EXPECT_EQ(r["primary"], true);
  EXPECT_EQ(r["bgp"]["as_path"], json::array({"65001", "65100"}));
  EXPECT_EQ(r["bgp"]["origin"], "IGP");
  EXPECT_EQ(r["bgp"]["med"], "10");
  EXPECT_EQ(r["bgp"]["local_pref"], "100");
  // no-export is 65535:65281
  EXPECT_EQ(r["bgp"]["communities"], json::parse("[[65001,1],[65535,65281]]"));
  EXPECT_EQ(r["bgp"]["large_communities"], json::parse("[[65001,1,1]]"));
  EXPECT_EQ(j["routes"][1]["bgp"]["origin"], "Incomplete");
}

TEST(Birdwatcher, ExtCommunitiesBecomeTriples) {
  json route = {{"ext_communities", {"rt 65001:100", "encap vxlan", "0x0c00000000000008"}}};
  EXPECT_EQ(BirdwatcherBgpInfo(route)["ext_communities"],
            json::parse(R"([["rt","65001","100"],["encap","vxlan",""],["generic","0x0c00000000000008",""]])"));
}

}  // namespace
}  // namespace meshbgp::api
