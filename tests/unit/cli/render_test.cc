// bgpctl's tables from the documented JSON shapes (the fixtures the API
// tests serve too), and its behaviour on answers of the wrong shape.
#include "bgpd/cli/render.h"

#include <gtest/gtest.h>

#include "tests/unit/api/fake_backend.h"

namespace meshbgp::cli {
namespace {

using api::testing::LoadFixture;
using nlohmann::json;

std::string Ok(const absl::StatusOr<std::string>& text) {
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

TEST(RenderSummary, Fixture) {
  EXPECT_EQ(Ok(RenderSummary(LoadFixture("summary.json"))),
            "BGP router id 10.0.0.1, local AS 65000\n"
            "\n"
            "Neighbor            AS  MsgRcvd  MsgSent   Up/Down  State/PrfRcvd\n"
            "10.0.0.2         65001     1234       56  01:02:05  12\n"
            "fd00::1234  4200000000        0        0     Never  Active\n"
            "10.0.0.3         65003        7        9  01w1d02h  Idle\n");
}

TEST(RenderSummary, NoNeighbors) {
  EXPECT_EQ(Ok(RenderSummary(json{{"asn", 65000}, {"router_id", "10.0.0.1"}, {"neighbors", json::array()}})),
            "BGP router id 10.0.0.1, local AS 65000\n"
            "\n"
            "Neighbor  AS  MsgRcvd  MsgSent  Up/Down  State/PrfRcvd\n");
}

TEST(RenderNeighbors, Fixture) {
  EXPECT_EQ(Ok(RenderNeighbors(LoadFixture("neighbors.json"))),
            "BGP neighbor is 10.0.0.2, remote AS 65001\n"
            "  Group clients (dynamic)\n"
            "  Local address 10.0.0.1, remote router id 10.0.0.2\n"
            "  BGP state Established, up for 00:01:05, flaps 1\n"
            "  Hold time 90 s, keepalive 30 s\n"
            "  Families: ipv4\n"
            "  Capabilities: 4-octet AS, route refresh\n"
            "  Messages: received 1234, sent 56\n"
            "\n"
            "  Prefixes  received  accepted  advertised\n"
            "  ipv4            10         9          20\n"
            "\n"
            "  Last notification sent: Cease / Administrative Reset\n"
            "\n"
            "BGP neighbor is 10.0.0.3, remote AS 65003\n"
            "  Group mesh\n"
            "  Local address -, remote router id 0.0.0.0\n"
            "  BGP state Idle, never up, flaps 0\n"
            "  Hold time 90 s, keepalive 30 s\n"
            "  Families: ipv4, evpn\n"
            "  Capabilities: none\n"
            "  Messages: received 0, sent 0\n"
            "\n"
            "  Last error: connect: No route to host\n"
            "  Down reason: never connected\n");
}

TEST(RenderNeighbors, SummaryShapedEntriesAndNone) {
  // The summary's entries are a subset of a neighbor's: still readable.
  const json one = {{"neighbors", {{{"address", "10.0.0.9"}, {"asn", 65009}, {"state", "Connect"}, {"uptime_s", 30}}}}};
  EXPECT_EQ(Ok(RenderNeighbors(one)),
            "BGP neighbor is 10.0.0.9, remote AS 65009\n"
            "  BGP state Connect, down for 00:00:30\n"
            "  Messages: received 0, sent 0\n");
  EXPECT_EQ(Ok(RenderNeighbors(json{{"neighbors", json::array()}})), "No neighbors.\n");
}

TEST(RenderRib, Fixture) {
  EXPECT_EQ(Ok(RenderRib(LoadFixture("rib.json"))),
            "flags: * = valid, > = best\n"
            "origin: i = IGP, e = EGP, ? = incomplete\n"
            "\n"
            "flags  prefix            nexthop   neighbor  MED   LP  aspath origin\n"
            "*>     10.1.0.0/24       10.0.0.2  10.0.0.2   10  100  65001 65100 i\n"
            "*      10.1.0.0/24       10.0.0.3  10.0.0.3    -    -  65003 65002 65100 ?\n"
            "*>     192.168.128.0/17  10.0.0.4  10.0.0.4    -  200  e\n");
}

TEST(RenderRib, InvalidPathHasNoStar) {
  const json rib = {{"routes", {{{"prefix", "10.9.0.0/16"}, {"valid", false}, {"best", false}}}}};
  const std::string text = Ok(RenderRib(rib));
  EXPECT_NE(text.find("\n       10.9.0.0/16  -        -           -   -\n"), std::string::npos) << text;
}

TEST(RenderRib, StalePathIsFlaggedAndExplained) {
  const json rib = {{"routes", {{{"prefix", "10.9.0.0/16"}, {"best", true}, {"stale", true}}}}};
  const std::string text = Ok(RenderRib(rib));
  EXPECT_NE(text.find("S = stale (peer in graceful restart)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("*>S    10.9.0.0/16"), std::string::npos) << text;
}

TEST(RenderNeighbors, GracefulRestartLine) {
  const json n = {{"neighbors",
                   {{{"address", "10.0.0.9"}, {"asn", 65009}, {"state", "Idle"},
                     {"graceful_restart",
                      {{"peer_restart_time", 120}, {"peer_families", {"ipv4"}}, {"notification", true},
                       {"stale_paths", 3}, {"state", "restarting"}, {"stale_expires_in_s", 95}}}}}}};
  const std::string text = Ok(RenderNeighbors(n));
  EXPECT_NE(text.find("  Graceful restart: peer restart time 120 s, families ipv4, notification (RFC 8538); "
                      "3 stale paths (restarting, 95 s left)\n"),
            std::string::npos)
      << text;
}

TEST(RenderStatus, Fixture) {
  EXPECT_EQ(Ok(RenderStatus(LoadFixture("status.json"))),
            "Version:         0.1.0\n"
            "AS:              65000.1 (4259840001)\n"
            "Router id:       10.0.0.1\n"
            "Uptime:          1d02h03m\n"
            "Config:          /etc/meshbgp/bgpd.yaml\n"
            "Threads:         2\n"
            "Pod:             default/routeserver-a-0 on node node1, ip 10.0.0.1\n"
            "Attribute sets:  310\n"
            "Update groups:   2\n"
            "\n"
            "RIB   prefixes  paths\n"
            "evpn        12     24\n"
            "ipv4     20000  40000\n");
}

TEST(RenderStatus, OutsideKubernetes) {
  const json status = {{"version", "0.1.0"}, {"asn", 65000}, {"asn_text", "65000"}, {"router_id", "192.0.2.1"},
                       {"uptime_s", 5}, {"config", "<default>"}, {"threads", 2}, {"pod", json::object()}};
  EXPECT_EQ(Ok(RenderStatus(status)),
            "Version:    0.1.0\n"
            "AS:         65000\n"
            "Router id:  192.0.2.1\n"
            "Uptime:     00:00:05\n"
            "Config:     <default>\n"
            "Threads:    2\n");
}

TEST(RenderSummary, EvpnCountsPerRouteType) {
  json summary{{"neighbors", json::array()},
               {"evpn", {{"routes_by_type", {{"2", 5}, {"3", 2}}}, {"paths_by_type", {{"2", 6}, {"3", 2}}}}}};
  EXPECT_EQ(Ok(RenderSummary(summary)),
            "Neighbor  AS  MsgRcvd  MsgSent  Up/Down  State/PrfRcvd\n"
            "\nEVPN routes by type: 2: 5 (6 paths), 3: 2 (2 paths)\n");
  summary["evpn"]["routes_by_type"] = json::object();
  EXPECT_EQ(Ok(RenderSummary(summary)).find("EVPN"), std::string::npos);
}

TEST(RenderEvpn, OneLinePerPath) {
  const json rib{{"routes",
                  {{{"route", "[2]:[10.0.0.12:100]:[0]:[02:00:00:00:00:01]:[10.1.0.5]"},
                    {"best", true},
                    {"next_hop", "10.0.0.12"},
                    {"neighbor", "10.0.0.12"},
                    {"label", "label 6 vni 100"},
                    {"label2", "label 12 vni 200"},
                    {"ext_communities", {"rt 65012:100", "encap:vxlan"}}},
                   {{"route", "[11]:[00010a00]"}, {"best", false}, {"neighbor", "10.0.0.18"}}}}};
  EXPECT_EQ(Ok(RenderEvpn(rib)),
            "flags: * = valid, > = best\n\n"
            "flags  route                                                   nexthop    neighbor   "
            "labels                             ext communities\n"
            "*>     [2]:[10.0.0.12:100]:[0]:[02:00:00:00:00:01]:[10.1.0.5]  10.0.0.12  10.0.0.12  "
            "label 6 vni 100, label 12 vni 200  rt 65012:100 encap:vxlan\n"
            "*      [11]:[00010a00]                                         -          10.0.0.18  "
            "-                                  -\n");
  EXPECT_FALSE(RenderEvpn(json{{"routes", "none"}}).ok());
}

TEST(Render, WrongShapesAreErrorsNotCrashes) {
  const json bad[] = {
      json{{"neighbors", 5}},
      json{{"neighbors", {{{"address", "10.0.0.1"}, {"uptime_s", "soon"}}}}},
      json{{"routes", "none"}},
      json::array(),
      json("text"),
  };
  for (const json& j : bad) {
    // Each renderer either copes or reports; none may throw.
    for (auto render : {RenderSummary, RenderNeighbors, RenderRib, RenderEvpn, RenderStatus}) {
      const auto result = render(j);
      if (!result.ok()) {
        EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
        EXPECT_NE(result.status().message().find("unexpected answer from bgpd"), absl::string_view::npos);
      }
    }
  }
  EXPECT_FALSE(RenderSummary(json{{"neighbors", 5}}).ok());
  EXPECT_FALSE(RenderRib(json{{"routes", "none"}}).ok());
  EXPECT_FALSE(RenderStatus(json{{"uptime_s", "soon"}}).ok());
  EXPECT_FALSE(RenderNeighbors(json{{"neighbors", {{{"address", "10.0.0.1"}, {"uptime_s", "soon"}}}}}).ok());
}

}  // namespace
}  // namespace meshbgp::cli
