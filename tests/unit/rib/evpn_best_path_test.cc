// RFC 7432 §15 in the decision between two advertisements of one EVPN route.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "evpn/ext_communities.h"
#include "evpn/route.h"
#include "rib/best_path.h"
#include "tests/unit/rib/expect_wins.h"
#include "tests/unit/rib/rib_test_util.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;
using testing::ExpectWins;
using testing::MakePeer;

class EvpnBestPathTest : public ::testing::Test {
 protected:
  // A path from `peer` whose route is of `type`, with `ext` communities and
  // an AS path of `path_length` hops (longer loses the BGP steps).
  EvpnPath MakePath(uint8_t type, std::vector<uint64_t> ext, const PeerInfo& peer, int path_length = 1) {
    wire::PathAttrs attrs = BasicAttrs({});
    attrs.as_path->segments.push_back(
        {wire::AsSegmentType::kAsSequence, std::vector<uint32_t>(path_length, peer.asn)});
    attrs.ext_communities = std::move(ext);
    EvpnPath p;
    p.attrs = store_.Intern(attrs);
    p.peer = &peer;
    const std::vector<uint8_t> value(type == 2 ? 33 : 17, 0);
    p.nlri = std::make_shared<const std::vector<uint8_t>>(evpn::MakeRoute(type, value).raw);
    return p;
  }
  static uint64_t Seq(uint32_t s, bool sticky = false) { return evpn::MakeMacMobility({sticky, s}); }

  AttrStore store_;
  PeerInfo p1_ = MakePeer(1, 65001, 1);
  PeerInfo p2_ = MakePeer(2, 65002, 2);
};

TEST_F(EvpnBestPathTest, HigherSequenceWinsOverShorterAsPath) {
  ExpectWins(MakePath(2, {Seq(3)}, p2_, 4), MakePath(2, {Seq(2)}, p1_, 1), DecisionStep::kMacMobility);
}

TEST_F(EvpnBestPathTest, AnySequenceBeatsNoMobilityCommunity) {
  ExpectWins(MakePath(2, {Seq(1)}, p2_, 3), MakePath(2, {}, p1_, 1), DecisionStep::kMacMobility);
  // Sequence 0 is what no community means: the BGP steps decide.
  EXPECT_EQ(ComparePaths(MakePath(2, {Seq(0)}, p2_, 3), MakePath(2, {}, p1_, 1)).step,
            DecisionStep::kAsPathLength);
}

TEST_F(EvpnBestPathTest, StickyMacWinsWhateverTheSequence) {
  ExpectWins(MakePath(2, {Seq(0, true)}, p2_, 3), MakePath(2, {Seq(9)}, p1_, 1), DecisionStep::kMacMobility);
}

TEST_F(EvpnBestPathTest, OtherRouteTypesIgnoreMobility) {
  // A type-3 route has no MAC to move: the shorter AS path wins.
  ExpectWins(MakePath(3, {}, p1_, 1), MakePath(3, {Seq(5)}, p2_, 2), DecisionStep::kAsPathLength);
}

TEST_F(EvpnBestPathTest, SelectBestPicksTheMovedMac) {
  std::vector<EvpnPath> paths = {MakePath(2, {}, p1_, 1), MakePath(2, {Seq(1)}, p2_, 2)};
  auto best = SelectBest(std::span<const EvpnPath>(paths), [](const EvpnPath&) { return true; });
  ASSERT_TRUE(best);
  EXPECT_EQ(*best, 1u);
}

}  // namespace
}  // namespace meshbgp::rib
