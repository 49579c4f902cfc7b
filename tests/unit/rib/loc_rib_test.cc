#include "rib/loc_rib.h"

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/rib/rib_test_util.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;
using testing::MakePeer;
using testing::Prefix;
using wire::Ipv4Prefix;

std::vector<Ipv4Prefix> Prefixes(std::initializer_list<const char*> texts) {
  std::vector<Ipv4Prefix> out;
  for (const char* t : texts) out.push_back(Prefix(t));
  return out;
}

std::set<std::string> Texts(const std::vector<Ipv4Prefix>& keys) {
  std::set<std::string> out;
  for (const auto& k : keys) out.insert(wire::ToString(k));
  return out;
}

class LocRibTest : public ::testing::Test {
 protected:
  void Announce(const PeerInfo& peer, const std::vector<Ipv4Prefix>& keys, const AttrRef& attrs,
                std::vector<Ipv4Prefix>* changed = nullptr) {
    rib_.Apply(&peer, {}, keys, attrs, changed);
  }
  void Withdraw(const PeerInfo& peer, const std::vector<Ipv4Prefix>& keys,
                std::vector<Ipv4Prefix>* changed = nullptr) {
    rib_.Apply(&peer, keys, {}, AttrRef(), changed);
  }
  // The peers holding a path for `key`, in list order.
  std::vector<const PeerInfo*> PeersOf(const char* key) {
    std::vector<const PeerInfo*> out;
    rib_.Visit(Prefix(key), [&](std::span<const Path> paths) {
      for (const Path& p : paths) out.push_back(p.peer);
    });
    return out;
  }

  AttrStore store_;  // declared first: outlives the RIB's references
  LocRib<Ipv4Prefix> rib_{8};
  PeerInfo a_ = MakePeer(1, 65001, 1);
  PeerInfo b_ = MakePeer(2, 65002, 2);
};

// Graceful restart: a returning peer's new session takes over the paths
// of its lost one; its announcements then replace them in place.
TEST_F(LocRibTest, RebindPeerHandsPathsOverUnchanged) {
  AttrRef attrs = store_.Intern(BasicAttrs({65001}));
  Announce(a_, Prefixes({"10.1.0.0/24", "10.2.0.0/24"}), attrs);
  Announce(b_, Prefixes({"10.1.0.0/24"}), store_.Intern(BasicAttrs({65002})));
  PeerInfo back = MakePeer(3, 65001, 1);
  EXPECT_EQ(rib_.RebindPeer(&a_, &back), 2u);
  EXPECT_EQ(PeersOf("10.1.0.0/24"), (std::vector<const PeerInfo*>{&back, &b_}));
  EXPECT_EQ(PeersOf("10.2.0.0/24"), (std::vector<const PeerInfo*>{&back}));
  EXPECT_EQ(rib_.PathCount(), 3u);
  std::vector<Ipv4Prefix> changed;
  Announce(back, Prefixes({"10.2.0.0/24"}), attrs, &changed);
  EXPECT_TRUE(changed.empty());  // the same route again: nobody hears of it
  EXPECT_EQ(rib_.PathCount(), 3u);
  // Where the new session already has a path, the old one goes.
  PeerInfo again = MakePeer(4, 65001, 1);
  Announce(again, Prefixes({"10.2.0.0/24"}), attrs);
  EXPECT_EQ(rib_.RebindPeer(&back, &again), 1u);
  EXPECT_EQ(PeersOf("10.2.0.0/24"), (std::vector<const PeerInfo*>{&again}));
  EXPECT_EQ(rib_.PathCount(), 3u);
}

TEST_F(LocRibTest, AnnounceWithdrawAndCounts) {
  AttrRef attrs = store_.Intern(BasicAttrs({65001}));
  std::vector<Ipv4Prefix> changed;
  Announce(a_, Prefixes({"10.1.0.0/24", "10.2.0.0/24", "10.3.0.0/24"}), attrs, &changed);
  EXPECT_EQ(Texts(changed), (std::set<std::string>{"10.1.0.0/24", "10.2.0.0/24", "10.3.0.0/24"}));
  EXPECT_EQ(rib_.PrefixCount(), 3u);
  EXPECT_EQ(rib_.PathCount(), 3u);

  changed.clear();
  Announce(b_, Prefixes({"10.1.0.0/24"}), store_.Intern(BasicAttrs({65002})), &changed);
  EXPECT_EQ(changed.size(), 1u);
  EXPECT_EQ(rib_.PrefixCount(), 3u);
  EXPECT_EQ(rib_.PathCount(), 4u);
  EXPECT_EQ(PeersOf("10.1.0.0/24"), (std::vector<const PeerInfo*>{&a_, &b_}));

  changed.clear();
  Withdraw(a_, Prefixes({"10.1.0.0/24", "10.3.0.0/24", "10.9.0.0/24"}), &changed);
  EXPECT_EQ(Texts(changed), (std::set<std::string>{"10.1.0.0/24", "10.3.0.0/24"}));
  EXPECT_EQ(rib_.PrefixCount(), 2u);  // 10.1 still has b's path
  EXPECT_EQ(rib_.PathCount(), 2u);
  EXPECT_EQ(PeersOf("10.1.0.0/24"), (std::vector<const PeerInfo*>{&b_}));
  EXPECT_FALSE(rib_.Visit(Prefix("10.3.0.0/24"), [](std::span<const Path>) { FAIL(); }));
}

TEST_F(LocRibTest, IdenticalReannouncementChangesNothing) {
  AttrRef attrs = store_.Intern(BasicAttrs({65001}));
  Announce(a_, Prefixes({"10.1.0.0/24"}), attrs);
  std::vector<Ipv4Prefix> changed;
  Announce(a_, Prefixes({"10.1.0.0/24"}), store_.Intern(BasicAttrs({65001})), &changed);
  EXPECT_TRUE(changed.empty());
  EXPECT_EQ(rib_.PathCount(), 1u);
}

TEST_F(LocRibTest, ReplacementKeepsOnePathPerPeer) {
  Announce(a_, Prefixes({"10.1.0.0/24"}), store_.Intern(BasicAttrs({65001})));
  std::vector<Ipv4Prefix> changed;
  AttrRef newer = store_.Intern(BasicAttrs({65001, 65009}));
  Announce(a_, Prefixes({"10.1.0.0/24"}), newer, &changed);
  EXPECT_EQ(changed.size(), 1u);
  EXPECT_EQ(rib_.PathCount(), 1u);
  rib_.Visit(Prefix("10.1.0.0/24"), [&](std::span<const Path> paths) {
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0].attrs, newer);
  });
  // The replaced set had no other holder: it is gone from the store.
  EXPECT_EQ(store_.size(), 1u);
}

TEST_F(LocRibTest, WithdrawThenAnnounceInOneMessage) {
  AttrRef first = store_.Intern(BasicAttrs({65001}));
  AttrRef second = store_.Intern(BasicAttrs({65001, 1}));
  Announce(a_, Prefixes({"10.1.0.0/24"}), first);
  const auto keys = Prefixes({"10.1.0.0/24"});
  rib_.Apply(&a_, keys, keys, second, nullptr);
  EXPECT_EQ(rib_.PathCount(), 1u);
  rib_.Visit(keys[0], [&](std::span<const Path> paths) { EXPECT_EQ(paths[0].attrs, second); });
}

// Apply and RemovePeer report how many paths the peer gained or lost (what
// a max-prefix limit counts).
TEST_F(LocRibTest, PathCountDeltas) {
  AttrRef one = store_.Intern(BasicAttrs({65001}));
  AttrRef two = store_.Intern(BasicAttrs({65001, 2}));
  const auto keys = Prefixes({"10.1.0.0/24", "10.2.0.0/24", "10.3.0.0/24"});
  EXPECT_EQ(rib_.Apply(&a_, {}, keys, one, nullptr), 3);
  EXPECT_EQ(rib_.Apply(&a_, {}, keys, two, nullptr), 0);  // replaced, not added
  EXPECT_EQ(rib_.Apply(&a_, Prefixes({"10.1.0.0/24", "10.9.0.0/24"}), {}, AttrRef(), nullptr), -1);
  EXPECT_EQ(rib_.Apply(&b_, {}, keys, one, nullptr), 3);
  EXPECT_EQ(rib_.RemovePeer(&a_, nullptr), 2u);
  EXPECT_EQ(rib_.RemovePeer(&a_, nullptr), 0u);
}

TEST_F(LocRibTest, RemovePeerReportsItsKeys) {
  AttrRef attrs = store_.Intern(BasicAttrs({65001}));
  Announce(a_, Prefixes({"10.1.0.0/24", "10.2.0.0/24"}), attrs);
  Announce(b_, Prefixes({"10.2.0.0/24", "10.3.0.0/24"}), attrs);
  std::vector<Ipv4Prefix> changed;
  rib_.RemovePeer(&a_, &changed);
  EXPECT_EQ(Texts(changed), (std::set<std::string>{"10.1.0.0/24", "10.2.0.0/24"}));
  EXPECT_EQ(rib_.PrefixCount(), 2u);
  EXPECT_EQ(rib_.PathCount(), 2u);
  EXPECT_EQ(PeersOf("10.2.0.0/24"), (std::vector<const PeerInfo*>{&b_}));
}

TEST_F(LocRibTest, ForEachAndShardWalksSeeEveryKey) {
  AttrRef attrs = store_.Intern(BasicAttrs({65001}));
  std::vector<Ipv4Prefix> keys;
  for (uint32_t i = 0; i < 1000; ++i) keys.push_back({0x0a000000u | (i << 8), 24});
  Announce(a_, keys, attrs);
  size_t all = 0;
  rib_.ForEach([&](const Ipv4Prefix&, std::span<const Path> paths) { all += paths.size(); });
  EXPECT_EQ(all, 1000u);
  size_t by_shard = 0;
  for (size_t s = 0; s < rib_.shard_count(); ++s) {
    size_t in_shard = 0;
    rib_.ForEachInShard(s, [&](const Ipv4Prefix& key, std::span<const Path>) {
      EXPECT_EQ(rib_.ShardOf(key), s);
      ++in_shard;
    });
    EXPECT_GT(in_shard, 1000u / rib_.shard_count() / 2) << "shard " << s;  // spread out
    by_shard += in_shard;
  }
  EXPECT_EQ(by_shard, 1000u);
}

// Several sessions apply at once, each its own peer, on overlapping keys.
TEST(LocRibConcurrencyTest, ParallelApplyFromDifferentPeers) {
  AttrStore store;
  LocRib<Ipv4Prefix> rib;
  constexpr int kPeers = 4;
  constexpr uint32_t kKeys = 20000;
  std::vector<PeerInfo> peers;
  for (int i = 0; i < kPeers; ++i) peers.push_back(MakePeer(i + 1, 65001 + i, i + 1));
  std::vector<std::thread> threads;
  for (int i = 0; i < kPeers; ++i) {
    threads.emplace_back([&, i] {
      AttrRef attrs = store.Intern(BasicAttrs({65001u + i}));
      std::vector<Ipv4Prefix> batch;
      for (uint32_t k = 0; k < kKeys; ++k) {
        batch.push_back({0x0a000000u | (k << 8), 24});
        if (batch.size() == 500) {
          rib.Apply(&peers[i], {}, batch, attrs, nullptr);
          batch.clear();
        }
      }
      // Peer i withdraws every key that is a multiple of (i + 2).
      for (uint32_t k = 0; k < kKeys; k += i + 2) batch.push_back({0x0a000000u | (k << 8), 24});
      rib.Apply(&peers[i], batch, {}, AttrRef(), nullptr);
    });
  }
  for (auto& t : threads) t.join();
  size_t expected_paths = 0;
  for (int i = 0; i < kPeers; ++i) expected_paths += kKeys - (kKeys + i + 1) / (i + 2);
  EXPECT_EQ(rib.PathCount(), expected_paths);
  // Keys withdrawn by all four peers: multiples of lcm(2,3,4,5) = 60.
  EXPECT_EQ(rib.PrefixCount(), kKeys - (kKeys + 59) / 60);

  std::vector<std::thread> removers;
  for (int i = 0; i < kPeers; ++i)
    removers.emplace_back([&, i] { rib.RemovePeer(&peers[i], nullptr); });
  for (auto& t : removers) t.join();
  EXPECT_EQ(rib.PathCount(), 0u);
  EXPECT_EQ(rib.PrefixCount(), 0u);
  EXPECT_EQ(store.size(), 0u);
}

}  // namespace
}  // namespace meshbgp::rib
