#include "rib/best_path.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/rib/expect_wins.h"
#include "tests/unit/rib/rib_test_util.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;
using testing::ExpectWins;
using testing::MakePeer;

class BestPathTest : public ::testing::Test {
 protected:
  Path MakePath(const wire::PathAttrs& attrs, const PeerInfo& peer) {
    return Path{store_.Intern(attrs), &peer};
  }

  AttrStore store_;
  PeerInfo p1_ = MakePeer(1, 65001, 1);
  PeerInfo p2_ = MakePeer(2, 65002, 2);
};

TEST_F(BestPathTest, HighestLocalPrefWinsAbsentIs100) {
  wire::PathAttrs high = BasicAttrs({65001, 65005, 65006});  // longer path loses later
  high.local_pref = 200;
  ExpectWins(MakePath(high, p2_), MakePath(BasicAttrs({65001}), p1_), DecisionStep::kLocalPref);
  wire::PathAttrs low = BasicAttrs({65001});
  low.local_pref = 50;
  ExpectWins(MakePath(BasicAttrs({65002, 65003}), p2_), MakePath(low, p1_),
             DecisionStep::kLocalPref);
  wire::PathAttrs explicit100 = BasicAttrs({65002});
  explicit100.local_pref = 100;
  // Absent and 100 tie, so the next step decides.
  EXPECT_EQ(ComparePaths(MakePath(explicit100, p2_), MakePath(BasicAttrs({65001, 65003}), p1_)).step,
            DecisionStep::kAsPathLength);
}

TEST_F(BestPathTest, ShortestAsPathWins) {
  ExpectWins(MakePath(BasicAttrs({65002}), p2_), MakePath(BasicAttrs({65001, 65003}), p1_),
             DecisionStep::kAsPathLength);
  // An AS_SET counts as one: 65001 {1,2,3} (2) beats 65001 65010 65011 (3).
  wire::PathAttrs with_set = BasicAttrs({65001});
  with_set.as_path->segments.push_back({wire::AsSegmentType::kAsSet, {1, 2, 3}});
  ExpectWins(MakePath(with_set, p2_), MakePath(BasicAttrs({65001, 65010, 65011}), p1_),
             DecisionStep::kAsPathLength);
}

TEST_F(BestPathTest, LowestOriginWins) {
  wire::PathAttrs incomplete = BasicAttrs({65001});
  incomplete.origin = wire::Origin::kIncomplete;
  wire::PathAttrs egp = BasicAttrs({65002});
  egp.origin = wire::Origin::kEgp;
  ExpectWins(MakePath(egp, p2_), MakePath(incomplete, p1_), DecisionStep::kOrigin);
  ExpectWins(MakePath(BasicAttrs({65002}), p2_), MakePath(egp, p1_), DecisionStep::kOrigin);
}

TEST_F(BestPathTest, LowestMedWinsWithinTheSameNeighbourAs) {
  // Both from neighbour AS 65010 through different peers.
  wire::PathAttrs med10 = BasicAttrs({65010, 1});
  med10.med = 10;
  wire::PathAttrs med20 = BasicAttrs({65010, 2});
  med20.med = 20;
  ExpectWins(MakePath(med10, p2_), MakePath(med20, p1_), DecisionStep::kMed);
  // A missing MED counts as 0.
  ExpectWins(MakePath(BasicAttrs({65010, 3}), p2_), MakePath(med10, p1_), DecisionStep::kMed);
}

TEST_F(BestPathTest, MedIgnoredAcrossNeighbourAses) {
  wire::PathAttrs med10 = BasicAttrs({65010, 1});
  med10.med = 10;
  wire::PathAttrs med20 = BasicAttrs({65020, 1});
  med20.med = 20;
  // Different neighbour AS: MED is skipped, the lower router id (p1) wins
  // even though its MED is higher.
  const Comparison c = ComparePaths(MakePath(med20, p1_), MakePath(med10, p2_));
  EXPECT_LT(c.order, 0);
  EXPECT_EQ(c.step, DecisionStep::kRouterId);
}

TEST_F(BestPathTest, EbgpBeatsIbgp) {
  const PeerInfo ibgp = MakePeer(3, 65000, 1, /*ibgp=*/true);  // lower address, same id
  const PeerInfo ebgp = MakePeer(4, 65002, 9);
  ExpectWins(MakePath(BasicAttrs({65002}), ebgp), MakePath(BasicAttrs({65003}), ibgp),
             DecisionStep::kEbgpOverIbgp);
}

TEST_F(BestPathTest, LowestRouterIdWinsOriginatorIdReplacesIt) {
  ExpectWins(MakePath(BasicAttrs({65002}), p1_), MakePath(BasicAttrs({65003}), p2_),
             DecisionStep::kRouterId);
  // A reflected route is judged by its ORIGINATOR_ID, not the reflector's id.
  wire::PathAttrs reflected = BasicAttrs({65002});
  reflected.originator_id = 0x0a0000ff;
  ExpectWins(MakePath(BasicAttrs({65003}), p2_), MakePath(reflected, p1_),
             DecisionStep::kRouterId);
}

TEST_F(BestPathTest, ShortestClusterListWins) {
  wire::PathAttrs one = BasicAttrs({65002});
  one.originator_id = 7;
  one.cluster_list = {1};
  wire::PathAttrs two = one;
  two.cluster_list = {1, 2};
  ExpectWins(MakePath(one, p2_), MakePath(two, p1_), DecisionStep::kClusterListLength);
}

TEST_F(BestPathTest, LowestPeerAddressWins) {
  PeerInfo low = MakePeer(5, 65002, 3);
  PeerInfo high = MakePeer(6, 65002, 4);
  high.router_id = low.router_id;  // same speaker seen over two sessions
  ExpectWins(MakePath(BasicAttrs({65002}), low), MakePath(BasicAttrs({65002}), high),
             DecisionStep::kPeerAddress);
}

TEST_F(BestPathTest, IdenticalPathsAreEqual) {
  const Path a = MakePath(BasicAttrs({65001}), p1_);
  const Comparison c = ComparePaths(a, a);
  EXPECT_EQ(c.order, 0);
  EXPECT_EQ(c.step, DecisionStep::kEqual);
}

TEST_F(BestPathTest, SelectBestHonoursEligibility) {
  const std::vector<Path> paths = {MakePath(BasicAttrs({65001, 65009}), p1_),
                                   MakePath(BasicAttrs({65002}), p2_),
                                   MakePath(BasicAttrs({65001}), p1_)};
  EXPECT_EQ(SelectBest(std::span<const Path>(paths), [](const Path&) { return true; }), 2u);
  EXPECT_EQ(SelectBest(std::span<const Path>(paths),
                       [&](const Path& p) { return &p != &paths[2]; }),
            1u);
  EXPECT_FALSE(SelectBest(std::span<const Path>(paths), [](const Path&) { return false; }));
}

TEST(DecisionStepNameTest, NamesEveryStep) {
  EXPECT_STREQ(DecisionStepName(DecisionStep::kLocalPref), "local-pref");
  EXPECT_STREQ(DecisionStepName(DecisionStep::kMed), "med");
  EXPECT_STREQ(DecisionStepName(DecisionStep::kPeerAddress), "peer-address");
  EXPECT_STREQ(DecisionStepName(DecisionStep::kEqual), "equal");
}

}  // namespace
}  // namespace meshbgp::rib
