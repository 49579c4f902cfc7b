#include "bgpd/policy/export_rules.h"

#include <gtest/gtest.h>

#include "bgpd/wire/update.h"

namespace meshbgp::policy {
namespace {

struct Fixture : ::testing::Test {
  rib::AttrStore store;
  rib::PeerInfo client_a{.id = 1, .asn = 65001, .router_id = 0x0a000002};
  rib::PeerInfo client_b{.id = 2, .asn = 65002, .router_id = 0x0a000003};
  rib::PeerInfo mesh_peer{.id = 3, .asn = 65000, .router_id = 0x0a000004, .ibgp = true};
  rib::PeerInfo rr_client{.id = 4, .asn = 65000, .router_id = 0x0a000005, .ibgp = true, .rr_client = true};

  rib::Path PathFrom(const rib::PeerInfo& p, std::vector<uint32_t> as_path) {
    wire::PathAttrs a;
    a.origin = wire::Origin::kIgp;
    a.as_path = wire::AsPath{{{wire::AsSegmentType::kAsSequence, std::move(as_path)}}};
    a.next_hop = 0x0a000063;
    a.med = 7;
    a.communities = {0xfde90001};
    if (p.ibgp) a.local_pref = 200;
    return rib::Path{store.Intern(std::move(a)), &p};
  }
};

ExportSettings Ebgp(bool route_server) {
  return ExportSettings{.local_as = 65000, .ibgp = false, .route_server = route_server};
}
ExportSettings Mesh() { return ExportSettings{.local_as = 65000, .ibgp = true, .cluster_id = 0x0a000001}; }
ExportSettings Reflector() {
  return ExportSettings{.local_as = 65000, .ibgp = true, .route_reflector = true, .cluster_id = 0x0a000001};
}

using ExportRulesTest = Fixture;

TEST_F(ExportRulesTest, RouteServerKeepsEverythingButStripsLocalPref) {
  GroupExportRules rules(Ebgp(true));
  rib::Path p = PathFrom(mesh_peer, {65001});
  wire::PathAttrs out = rules.Transform(p);
  EXPECT_EQ(out.as_path->ToString(), "65001");
  EXPECT_EQ(out.next_hop, 0x0a000063u);
  EXPECT_EQ(out.med, 7u);
  EXPECT_EQ(out.communities, std::vector<uint32_t>{0xfde90001});
  EXPECT_FALSE(out.local_pref.has_value());
}

// Found by fuzz_rib_exchange: an iBGP neighbour's AS_CONFED_SEQUENCE was
// relayed to the route-server clients, whose decoder (RFC 7606, RFC 5065
// §5.3) treats such an UPDATE as withdrawn.
TEST_F(ExportRulesTest, ConfederationSegmentsNeverGoToExternalPeers) {
  wire::PathAttrs a;
  a.origin = wire::Origin::kIgp;
  a.as_path = wire::AsPath{{{wire::AsSegmentType::kConfedSequence, {65010, 65011}},
                            {wire::AsSegmentType::kAsSequence, {65001}}}};
  a.next_hop = 0x0a000063;
  const rib::Path p{store.Intern(std::move(a)), &mesh_peer};
  for (bool route_server : {true, false}) {
    GroupExportRules rules(Ebgp(route_server));
    wire::Update u;
    u.attrs = rules.Transform(p);
    u.nlri = {{0x0a000000, 8}};
    EXPECT_EQ(u.attrs.as_path->ToString(), route_server ? "65001" : "65000 65001");
    const std::vector<uint8_t> message = wire::EncodeUpdate(u, {});
    auto back = wire::DecodeUpdate(std::span(message).subspan(19), {});
    ASSERT_TRUE(back.ok());
    EXPECT_FALSE(back->treat_as_withdraw);
  }
  // Inside the AS they stay.
  EXPECT_EQ(GroupExportRules(Reflector()).Transform(p).as_path, p.attrs->attrs().as_path);
}

TEST_F(ExportRulesTest, NonRouteServerPrependsOwnAsButKeepsNextHop) {
  GroupExportRules rules(Ebgp(false));
  wire::PathAttrs out = rules.Transform(PathFrom(client_a, {65001}));
  EXPECT_EQ(out.as_path->ToString(), "65000 65001");
  EXPECT_EQ(out.next_hop, 0x0a000063u);
}

TEST_F(ExportRulesTest, NeverBackToTheSource) {
  GroupExportRules rules(Ebgp(true));
  rib::Path p = PathFrom(client_a, {65001});
  EXPECT_FALSE(rules.MemberAccepts(client_a, p));
  EXPECT_TRUE(rules.MemberAccepts(client_b, p));
}

TEST_F(ExportRulesTest, SenderSideLoopDetection) {
  GroupExportRules rules(Ebgp(true));
  rib::Path p = PathFrom(client_a, {65001, 65002, 65100});
  EXPECT_FALSE(rules.MemberAccepts(client_b, p));  // 65002 is in the path
}

TEST_F(ExportRulesTest, MeshGetsClientRoutesOnly) {
  GroupExportRules rules(Mesh());
  EXPECT_TRUE(rules.GroupAccepts(PathFrom(client_a, {65001})));
  EXPECT_FALSE(rules.GroupAccepts(PathFrom(mesh_peer, {65001})));
}

TEST_F(ExportRulesTest, ClientsGetMeshRoutes) {
  GroupExportRules rules(Ebgp(true));
  EXPECT_TRUE(rules.GroupAccepts(PathFrom(mesh_peer, {65001})));
}

TEST_F(ExportRulesTest, IbgpSetsLocalPref100OnClientRoutes) {
  GroupExportRules rules(Mesh());
  wire::PathAttrs out = rules.Transform(PathFrom(client_a, {65001}));
  EXPECT_EQ(out.local_pref, 100u);
  EXPECT_EQ(out.as_path->ToString(), "65001");  // no prepend on iBGP
  EXPECT_FALSE(out.originator_id.has_value());
}

TEST_F(ExportRulesTest, ReflectorAddsOriginatorAndCluster) {
  GroupExportRules rules(Reflector());
  wire::PathAttrs out = rules.Transform(PathFrom(rr_client, {65001}));
  EXPECT_EQ(out.originator_id, rr_client.router_id);
  EXPECT_EQ(out.cluster_list, std::vector<uint32_t>{0x0a000001});
  EXPECT_EQ(out.local_pref, 200u);  // kept from iBGP
}

TEST_F(ExportRulesTest, ReflectorSendsNonClientRoutesToClients) {
  GroupExportRules to_clients(Reflector());
  GroupExportRules to_mesh(Mesh());
  rib::Path from_mesh = PathFrom(mesh_peer, {65001});
  rib::Path from_client = PathFrom(rr_client, {65001});
  EXPECT_TRUE(to_clients.GroupAccepts(from_mesh));
  EXPECT_TRUE(to_mesh.GroupAccepts(from_client));  // reflected to non-clients
}

TEST_F(ExportRulesTest, NotReflectedToItsOriginator) {
  GroupExportRules rules(Reflector());
  wire::PathAttrs a = PathFrom(mesh_peer, {65001}).attrs->attrs();
  a.originator_id = rr_client.router_id;
  rib::Path p{store.Intern(std::move(a)), &mesh_peer};
  EXPECT_FALSE(rules.MemberAccepts(rr_client, p));
}

}  // namespace
}  // namespace meshbgp::policy
