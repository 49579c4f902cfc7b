#include "bgpd/session/settings_from_config.h"

#include <gtest/gtest.h>

#include "bgpd/config/ip_prefix.h"

namespace meshbgp::session {
namespace {

config::Config Lab() {
  config::Config cfg;
  cfg.asn = 65000;
  cfg.router_id = 0x0a000001;
  config::Group clients;
  clients.name = "clients";
  clients.allow = {*config::ParseIpPrefix("10.0.0.0/24")};
  clients.peer_as = {{65001, 65100}};
  clients.multihop = 10;
  clients.max_prefixes = 50;
  clients.passive = true;
  config::Group core;
  core.name = "core";
  core.type = config::GroupType::kInternal;
  core.route_reflector = true;
  core.cluster_id = 0x01020304;
  cfg.groups = {clients, core};
  cfg.neighbors = {{"10.9.0.1", 65000, "core", 179, std::nullopt},
                   {"10.0.0.77", 65077, "clients", 1179, false}};
  return cfg;
}

TEST(SettingsFromConfig, DynamicPeerTakesItsGroup) {
  config::Config cfg = Lab();
  const config::Group* g = GroupAllowing(cfg, boost::asio::ip::make_address("10.0.0.5"));
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->name, "clients");
  SessionSettings s = SettingsForGroup(cfg, *g);
  EXPECT_TRUE(s.dynamic);
  EXPECT_FALSE(s.ibgp);
  EXPECT_EQ(s.ttl, 10);
  EXPECT_EQ(s.max_prefixes, 50u);
  EXPECT_EQ(s.allowed_as.size(), 1u);
  EXPECT_EQ(s.local_as, 65000u);
}

TEST(SettingsFromConfig, SourceOutsideEveryRangeHasNoGroup) {
  config::Config cfg = Lab();
  EXPECT_EQ(GroupAllowing(cfg, boost::asio::ip::make_address("10.0.1.5")), nullptr);
  EXPECT_EQ(GroupAllowing(cfg, boost::asio::ip::make_address("fc00::1")), nullptr);
}

TEST(SettingsFromConfig, V4MappedSourceMatchesV4Range) {
  config::Config cfg = Lab();
  EXPECT_NE(GroupAllowing(cfg, boost::asio::ip::make_address("::ffff:10.0.0.9")), nullptr);
}

TEST(SettingsFromConfig, StaticNeighborMergesGroupAndNeighbor) {
  config::Config cfg = Lab();
  const config::Neighbor* n = FindNeighbor(cfg, boost::asio::ip::make_address("10.9.0.1"));
  ASSERT_NE(n, nullptr);
  SessionSettings s = SettingsForNeighbor(cfg, *n);
  EXPECT_FALSE(s.dynamic);
  EXPECT_TRUE(s.ibgp);
  EXPECT_TRUE(s.rr_client);
  EXPECT_EQ(s.expected_as, 65000u);
  EXPECT_TRUE(s.allowed_as.empty());
  EXPECT_FALSE(s.passive);
  EXPECT_EQ(ClusterIdOf(cfg, cfg.groups[1]), 0x01020304u);
  EXPECT_EQ(ClusterIdOf(cfg, cfg.groups[0]), cfg.router_id);
}

TEST(SettingsFromConfig, NeighborPassiveOverridesGroup) {
  config::Config cfg = Lab();
  const config::Neighbor* n = FindNeighbor(cfg, boost::asio::ip::make_address("10.0.0.77"));
  ASSERT_NE(n, nullptr);
  EXPECT_FALSE(SettingsForNeighbor(cfg, *n).passive);
  cfg.neighbors[1].passive.reset();
  EXPECT_TRUE(SettingsForNeighbor(cfg, cfg.neighbors[1]).passive);  // group's default
}

TEST(SettingsFromConfig, NeighborPasswordOverridesGroup) {
  config::Config cfg = Lab();
  cfg.groups[0].password = "group-key";
  config::Neighbor& n = cfg.neighbors[1];  // in "clients"
  EXPECT_EQ(SettingsForNeighbor(cfg, n).password, "group-key");  // unset: the group's
  n.password = "own-key";
  EXPECT_EQ(SettingsForNeighbor(cfg, n).password, "own-key");
  n.password = "";  // set but empty: no MD5 although the group has a key
  EXPECT_EQ(SettingsForNeighbor(cfg, n).password, "");
  // A group without a password: the neighbor's own key still applies.
  cfg.neighbors[0].password = "core-peer-key";
  EXPECT_EQ(SettingsForNeighbor(cfg, cfg.neighbors[0]).password, "core-peer-key");
  // Dynamic peers of the group keep the group's key.
  EXPECT_EQ(SettingsForGroup(cfg, cfg.groups[0]).password, "group-key");
  // A reload compares settings: a changed neighbor key alone restarts the session.
  config::Config before = Lab();
  EXPECT_FALSE(SettingsForNeighbor(before, before.neighbors[0]) ==
               SettingsForNeighbor(cfg, cfg.neighbors[0]));
}

}  // namespace
}  // namespace meshbgp::session
