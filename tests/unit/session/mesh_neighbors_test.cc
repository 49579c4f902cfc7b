#include "bgpd/session/mesh_neighbors.h"

#include <gtest/gtest.h>

#include "bgpd/config/ip_prefix.h"
#include "bgpd/session/settings_from_config.h"

namespace meshbgp::session {
namespace {

boost::asio::ip::address A(const char* text) { return boost::asio::ip::make_address(text); }

config::Config Lab() {
  config::Config cfg;
  cfg.asn = 65000;
  cfg.router_id = 0x0a000001;
  config::Group core;
  core.name = "core";
  core.type = config::GroupType::kInternal;
  core.mesh = config::MeshSource{.dns = "meshrr-core", .port = 1179};
  config::Group other;
  other.name = "other";
  other.type = config::GroupType::kInternal;
  other.mesh = config::MeshSource{.dns = "other-core"};
  config::Group clients;
  clients.name = "clients";
  clients.allow = {*config::ParseIpPrefix("10.0.0.0/8")};
  clients.passive = true;
  clients.subtractive = true;
  cfg.groups = {clients, core, other};
  cfg.neighbors = {{"10.0.0.9", 65000, "core", 179, std::nullopt}};
  return cfg;
}

TEST(MeshNeighbors, ChosenPeersAreActiveNeighborsOfTheirGroup) {
  const config::Config base = Lab();
  const MeshMembers m{"core", {A("10.0.0.2"), A("10.0.0.3")}, {A("10.0.0.2"), A("10.0.0.3")}};
  const config::Config out = WithMeshNeighbors(base, std::span(&m, 1));
  ASSERT_EQ(out.neighbors.size(), 3u);
  EXPECT_EQ(out.neighbors[1], (config::Neighbor{"10.0.0.2", 65000, "core", 1179, std::nullopt}));
  EXPECT_EQ(out.neighbors[2], (config::Neighbor{"10.0.0.3", 65000, "core", 1179, std::nullopt}));
  // Everything else is the file's.
  config::Config back = out;
  back.neighbors.resize(1);
  EXPECT_EQ(back, base);
}

TEST(MeshNeighbors, ResolvedAddressesAreNeverClients) {
  const config::Config base = Lab();
  // 10.0.0.4 resolved but not chosen (max_peers): a passive mesh neighbor.
  const MeshMembers m{"core", {A("10.0.0.2")}, {A("10.0.0.2"), A("10.0.0.4")}};
  const config::Config out = WithMeshNeighbors(base, std::span(&m, 1));
  ASSERT_EQ(out.neighbors.size(), 3u);
  EXPECT_EQ(out.neighbors[2], (config::Neighbor{"10.0.0.4", 65000, "core", 1179, true}));
  for (const char* a : {"10.0.0.2", "10.0.0.4"}) {
    // Inside the clients' allow range, yet found as a mesh neighbor first.
    ASSERT_NE(GroupAllowing(out, A(a)), nullptr);
    const config::Neighbor* n = FindNeighbor(out, A(a));
    ASSERT_NE(n, nullptr) << a;
    EXPECT_EQ(n->group, "core");
    EXPECT_TRUE(SettingsForNeighbor(out, *n).ibgp);
  }
  // Once DNS drops it, the address may be a client again.
  const MeshMembers gone{"core", {A("10.0.0.2")}, {A("10.0.0.2")}};
  EXPECT_EQ(FindNeighbor(WithMeshNeighbors(base, std::span(&gone, 1)), A("10.0.0.4")), nullptr);
}

TEST(MeshNeighbors, StaticEntriesAndTheFirstGroupWin) {
  const config::Config base = Lab();
  const std::vector<MeshMembers> m = {
      {"other", {A("10.0.0.5"), A("10.0.0.9")}, {A("10.0.0.5"), A("10.0.0.9")}},
      {"core", {A("10.0.0.5")}, {A("10.0.0.5")}},
      {"clients", {A("10.0.0.6")}, {A("10.0.0.6")}},  // not a mesh group
      {"gone", {A("10.0.0.7")}, {A("10.0.0.7")}},     // not in the file
  };
  const config::Config out = WithMeshNeighbors(base, m);
  ASSERT_EQ(out.neighbors.size(), 2u);
  EXPECT_EQ(out.neighbors[0], base.neighbors[0]);  // 10.0.0.9 stays static
  EXPECT_EQ(out.neighbors[1].address, "10.0.0.5");
  EXPECT_EQ(out.neighbors[1].group, "core");  // listed before "other" in the file
}

}  // namespace
}  // namespace meshbgp::session
