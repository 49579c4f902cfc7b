#include "bgpd/policy/update_import.h"

#include <gtest/gtest.h>

namespace meshbgp::policy {
namespace {

wire::Ipv4Prefix P(uint32_t addr, uint8_t len) { return {addr, len}; }

ImportSession Ebgp() {
  return {.ipv4 = true, .evpn = true,
          .ctx = {.local_as = 65000, .router_id = 1, .cluster_id = 1, .peer_as = 65001}};
}

wire::Update Announce(std::vector<uint32_t> path) {
  wire::Update u;
  u.nlri = {P(0x0a000000, 8)};
  u.withdrawn = {P(0x0b000000, 8)};
  u.attrs.as_path = wire::AsPath{{{wire::AsSegmentType::kAsSequence, std::move(path)}}};
  u.attrs.next_hop = 0x01020304;
  return u;
}

TEST(UpdateImport, AcceptedRoutesStayAnnouncements) {
  ImportedRoutes r;
  ReadUpdate(Announce({65001}), Ebgp(), r);
  EXPECT_EQ(r.rejected, "");
  EXPECT_EQ(r.announce, std::vector<wire::Ipv4Prefix>{P(0x0a000000, 8)});
  EXPECT_EQ(r.withdraw, std::vector<wire::Ipv4Prefix>{P(0x0b000000, 8)});
  EXPECT_EQ(r.ipv4_received, 1u);
}

TEST(UpdateImport, RejectedAnnouncementsBecomeWithdrawals) {
  ImportedRoutes r;
  ReadUpdate(Announce({65001, 65000}), Ebgp(), r);  // our AS: a loop
  EXPECT_NE(r.rejected, "");
  EXPECT_TRUE(r.announce.empty());
  EXPECT_EQ(r.withdraw, (std::vector<wire::Ipv4Prefix>{P(0x0b000000, 8), P(0x0a000000, 8)}));
  EXPECT_EQ(r.ipv4_received, 1u);
}

TEST(UpdateImport, TreatAsWithdraw) {
  wire::Update u = Announce({65001});
  u.treat_as_withdraw = true;
  ImportedRoutes r;
  ReadUpdate(u, Ebgp(), r);
  EXPECT_NE(r.rejected, "");
  EXPECT_TRUE(r.announce.empty());
  EXPECT_EQ(r.withdraw.size(), 2u);
}

TEST(UpdateImport, FamiliesNotNegotiatedAreIgnored) {
  ImportSession s = Ebgp();
  s.ipv4 = false;
  ImportedRoutes r;
  ReadUpdate(Announce({65001}), s, r);
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(r.ipv4_not_negotiated);
  // Reused: the next UPDATE starts from nothing.
  ReadUpdate(Announce({65001}), Ebgp(), r);
  EXPECT_FALSE(r.ipv4_not_negotiated);
  EXPECT_EQ(r.announce.size(), 1u);
}

}  // namespace
}  // namespace meshbgp::policy
