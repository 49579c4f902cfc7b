#include "bgpd/policy/import_check.h"

#include <gtest/gtest.h>

namespace meshbgp::policy {
namespace {

wire::PathAttrs WithPath(std::vector<uint32_t> asns) {
  wire::PathAttrs a;
  a.as_path = wire::AsPath{{{wire::AsSegmentType::kAsSequence, std::move(asns)}}};
  return a;
}

ImportContext Ebgp() { return {.local_as = 65000, .router_id = 1, .cluster_id = 1, .peer_as = 65001}; }

TEST(ImportCheck, AcceptsAClientsOwnRoute) { EXPECT_EQ(ImportRejection(WithPath({65001, 65100}), Ebgp()), ""); }

TEST(ImportCheck, RejectsOurAsInPath) {
  EXPECT_NE(ImportRejection(WithPath({65001, 65000}), Ebgp()), "");
}

TEST(ImportCheck, RejectsFirstAsNotThePeer) {
  EXPECT_NE(ImportRejection(WithPath({65002}), Ebgp()), "");
  ImportContext lax = Ebgp();
  lax.enforce_first_as = false;
  EXPECT_EQ(ImportRejection(WithPath({65002}), lax), "");
}

TEST(ImportCheck, IbgpLoopChecks) {
  ImportContext ctx{.local_as = 65000, .router_id = 7, .cluster_id = 9, .peer_as = 65000, .ibgp = true};
  wire::PathAttrs a = WithPath({65001});
  EXPECT_EQ(ImportRejection(a, ctx), "");
  a.originator_id = 7;
  EXPECT_NE(ImportRejection(a, ctx), "");
  a.originator_id = 8;
  a.cluster_list = {3, 9};
  EXPECT_NE(ImportRejection(a, ctx), "");
}

}  // namespace
}  // namespace meshbgp::policy
