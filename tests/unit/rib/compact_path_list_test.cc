#include "rib/compact_path_list.h"

#include <vector>

#include <gtest/gtest.h>

#include "rib/attr_store.h"
#include "tests/unit/rib/rib_test_util.h"

namespace meshbgp::rib {
namespace {

std::vector<PeerId> Peers(const CompactPathList& list) {
  std::vector<PeerId> out;
  for (const Path& p : list) out.push_back(p.peer->id);
  return out;
}

class CompactPathListTest : public ::testing::Test {
 protected:
  Path PathFrom(const PeerInfo& peer) { return Path{attrs_, &peer}; }
  AttrStore store_;
  AttrRef attrs_ = store_.Intern(testing::BasicAttrs({65001}));
  PeerInfo a_ = testing::MakePeer(1, 65001, 1), b_ = testing::MakePeer(2, 65002, 2),
           c_ = testing::MakePeer(3, 65003, 3);
};

TEST_F(CompactPathListTest, IsTwoWords) { EXPECT_EQ(sizeof(CompactPathList), 16u); }

TEST_F(CompactPathListTest, GrowsFromInPlaceToHeapAndBack) {
  {
    CompactPathList list;
    EXPECT_TRUE(list.empty());
    list.push_back(PathFrom(a_));
    EXPECT_EQ(Peers(list), (std::vector<PeerId>{1}));
    list.push_back(PathFrom(b_));
    list.push_back(PathFrom(c_));
    EXPECT_EQ(Peers(list), (std::vector<PeerId>{1, 2, 3}));
    EXPECT_EQ(AttrStore::RefCount(*attrs_), 4u);
    list.erase(list.begin() + 1);
    EXPECT_EQ(Peers(list), (std::vector<PeerId>{1, 3}));
    list.erase(list.begin());
    EXPECT_EQ(Peers(list), (std::vector<PeerId>{3}));
    EXPECT_EQ(AttrStore::RefCount(*attrs_), 2u);
    list.push_back(PathFrom(a_));
    EXPECT_EQ(Peers(list), (std::vector<PeerId>{3, 1}));
  }
  EXPECT_EQ(AttrStore::RefCount(*attrs_), 1u);  // every copy released
}

TEST_F(CompactPathListTest, MovesBothForms) {
  CompactPathList one, many;
  one.push_back(PathFrom(a_));
  many.push_back(PathFrom(b_));
  many.push_back(PathFrom(c_));
  CompactPathList moved_one(std::move(one)), moved_many(std::move(many));
  EXPECT_TRUE(one.empty());
  EXPECT_TRUE(many.empty());
  EXPECT_EQ(Peers(moved_one), (std::vector<PeerId>{1}));
  EXPECT_EQ(Peers(moved_many), (std::vector<PeerId>{2, 3}));
  moved_one = std::move(moved_many);
  EXPECT_EQ(Peers(moved_one), (std::vector<PeerId>{2, 3}));
  EXPECT_EQ(AttrStore::RefCount(*attrs_), 3u);
  moved_one.erase(moved_one.begin());
  moved_one.erase(moved_one.begin());
  EXPECT_TRUE(moved_one.empty());
  EXPECT_EQ(AttrStore::RefCount(*attrs_), 1u);
}

}  // namespace
}  // namespace meshbgp::rib
