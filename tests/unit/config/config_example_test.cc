// The full example of CONFIG.md §1, verbatim: the contract with operators.
#include <cstdlib>

#include <gtest/gtest.h>

#include "bgpd/config/config.h"
#include "bgpd/config/ip_prefix.h"
#include "tests/unit/config/parse_helpers.h"

namespace meshbgp::config {
namespace {

constexpr std::string_view kExample = R"(asn: 65000.1                 # required; asplain (4259840001) or asdot (65000.1)
router_id: ${POD_IP}         # IPv4; ${VAR} and ${VAR:-default} come from the
                             # environment anywhere in the file
listen: ["0.0.0.0:179", "[::]:179"]   # default; a port makes tests easy
threads: 0                   # 0 = one per core
hold_time: 90                # seconds, keepalive = hold_time / 3
api:
  socket: /run/bgpd/bgpd.sock  # bgpctl's endpoint, mode 0600
  http: "0.0.0.0:9179"         # /metrics /healthz /readyz; "" disables
log: { level: info, format: text }   # format: text | json

groups:
  - name: MESHRR-CORE
    type: internal             # internal | external
    families: [evpn]           # any of: ipv4, evpn
    mesh:                      # peers = addresses this name resolves to
      dns: meshrr-core         # A + AAAA, resolv.conf search domains apply
      port: 179
      interval: 5s             # re-resolve period
      max_peers: 0             # 0 = all; else a deterministic choice
  - name: MESHRR-CLIENTS
    type: external
    families: [evpn, ipv4]
    allow: [192.168.0.0/16]    # accept sessions from these sources
    peer_as: [65001-65535]     # allowed remote ASNs: numbers and ranges
    route_server: true         # RFC 7947: no own-AS prepend, MED unchanged
                               # (false: prepend own AS; next hop is still
                               # never changed)
    route_reflector: false     # RFC 4456 for internal groups (cluster id =
                               # router_id unless cluster_id is set)
    multihop: 10               # TTL of our packets (1 = directly connected)
    ttl_security: false        # RFC 5082 GTSM
    password: ""               # TCP MD5 (RFC 2385); works with allow ranges
    max_prefixes: 0            # per session per family; 0 = no limit
    passive: true              # default true when `allow` is set
    hold_time: 90

neighbors:                     # static peers; inherit from their group
  - { address: 10.0.0.1, peer_as: 65010, group: MESHRR-CLIENTS, port: 179 }
)";

Config ExpectedExample() {
  Config c;
  c.asn = 65000u * 65536u + 1u;
  c.router_id = 0x0AF40107;  // 10.244.1.7
  c.listen = {"0.0.0.0:179", "[::]:179"};
  c.threads = 0;
  c.hold_time = 90;
  c.api = {"/run/bgpd/bgpd.sock", "0.0.0.0:9179"};
  c.log = {"info", "text"};
  Group core;
  core.name = "MESHRR-CORE";
  core.type = GroupType::kInternal;
  core.families = {wire::Family::kEvpn};
  core.mesh = MeshSource{"meshrr-core", 179, std::chrono::milliseconds(5000), 0};
  core.graceful_restart.enabled = false;  // mesh groups: off unless asked for
  core.passive = false;
  core.multihop = 64;  // the default of internal groups
  core.hold_time = 90;
  Group clients;
  clients.name = "MESHRR-CLIENTS";
  clients.type = GroupType::kExternal;
  clients.families = {wire::Family::kEvpn, wire::Family::kIpv4Unicast};
  clients.allow = {*ParseIpPrefix("192.168.0.0/16")};
  clients.peer_as = {{65001, 65535}};
  clients.route_server = true;
  clients.route_reflector = false;
  clients.multihop = 10;
  clients.passive = true;
  clients.hold_time = 90;
  c.groups = {core, clients};
  c.neighbors = {Neighbor{"10.0.0.1", 65010, "MESHRR-CLIENTS", 179, std::nullopt}};
  c.source = "bgpd.yaml";
  return c;
}

TEST(ConfigExample, ParsesWithPodIpFromTheProcessEnvironment) {
  ASSERT_EQ(setenv("POD_IP", "10.244.1.7", 1), 0);
  auto c = ParseConfig(kExample, "bgpd.yaml");
  unsetenv("POD_IP");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->asn, 4259840001u);
  EXPECT_EQ(c->router_id, 0x0AF40107u);
  ASSERT_EQ(c->groups.size(), 2u);
  EXPECT_EQ(c->groups[0].mesh->dns, "meshrr-core");
  EXPECT_EQ(c->groups[0].mesh->interval, std::chrono::seconds(5));
  EXPECT_EQ(c->groups[1].peer_as, (std::vector<AsRange>{{65001, 65535}}));
  EXPECT_EQ(c->FindGroup("MESHRR-CLIENTS"), &c->groups[1]);
  EXPECT_EQ(c->FindGroup("nope"), nullptr);
  EXPECT_EQ(*c, ExpectedExample());
}

TEST(ConfigExample, FailsWithoutPodIpAtTheReference) {
  EXPECT_EQ(testing::ErrorOf(kExample),
            "t.yaml:2:12: expected environment variable POD_IP to be set, found it unset "
            "(write ${POD_IP:-value} to give a default)");
}

TEST(ConfigExample, ReloadsFromItsOwnYaml) {
  Config c = testing::Parsed(kExample, testing::FakeEnv({{"POD_IP", "10.244.1.7"}}));
  auto again = ParseConfig(ConfigToYaml(c), "bgpd.yaml", testing::FakeEnv({}));
  ASSERT_TRUE(again.ok()) << again.status() << "\n" << ConfigToYaml(c);
  c.source = "bgpd.yaml";
  EXPECT_EQ(*again, c);
}

}  // namespace
}  // namespace meshbgp::config
