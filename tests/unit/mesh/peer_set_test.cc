#include "mesh/peer_set.h"

#include <algorithm>
#include <random>
#include <map>
#include <set>

#include <gtest/gtest.h>

namespace meshbgp::mesh {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

Address A(const char* s) { return boost::asio::ip::make_address(s); }
std::vector<Address> As(std::initializer_list<const char*> l) {
  std::vector<Address> v;
  for (auto* s : l) v.push_back(A(s));
  return v;
}

const Clock::time_point t0 = Clock::time_point() + std::chrono::hours(1);

TEST(DesiredPeers, FirstAnswerAddsEverythingSortedAndUnique) {
  DesiredPeers p({});
  auto d = p.OnAnswer(As({"10.0.0.3", "fd00::1", "10.0.0.1", "10.0.0.3"}), {}, t0);
  EXPECT_EQ(d.add, As({"10.0.0.1", "10.0.0.3", "fd00::1"}));
  EXPECT_TRUE(d.remove.empty());
  EXPECT_EQ(p.peers(), d.add);
}

TEST(DesiredPeers, DiffAgainstPreviousSet) {
  DesiredPeers p({});
  p.OnAnswer(As({"10.0.0.1", "10.0.0.2", "fd00::2"}), {}, t0);
  auto d = p.OnAnswer(As({"fd00::3", "10.0.0.2", "10.0.0.4"}), {}, t0 + seconds(1));
  EXPECT_EQ(d.add, As({"10.0.0.4", "fd00::3"}));
  EXPECT_EQ(d.remove, As({"10.0.0.1", "fd00::2"}));
  EXPECT_EQ(p.peers(), As({"10.0.0.2", "10.0.0.4", "fd00::3"}));
}

TEST(DesiredPeers, SameAnswerInAnotherOrderIsNoChange) {
  DesiredPeers p({});
  p.OnAnswer(As({"10.0.0.1", "10.0.0.2"}), {}, t0);
  EXPECT_TRUE(p.OnAnswer(As({"10.0.0.2", "10.0.0.1", "10.0.0.1"}), {}, t0).empty());
}

TEST(DesiredPeers, LocalAddressesAreNeverPeers) {
  DesiredPeers p({});
  const auto local = As({"10.0.0.2", "fd00::2", "127.0.0.1"});
  auto d = p.OnAnswer(As({"10.0.0.1", "10.0.0.2", "fd00::1", "fd00::2"}), local, t0);
  EXPECT_EQ(d.add, As({"10.0.0.1", "fd00::1"}));
  // A local address that was a peer (e.g. the pod got a new IP) goes away.
  DesiredPeers q({});
  q.OnAnswer(As({"10.0.0.1", "10.0.0.9"}), {}, t0);
  d = q.OnAnswer(As({"10.0.0.1", "10.0.0.9"}), As({"10.0.0.9"}), t0);
  EXPECT_TRUE(d.add.empty());
  EXPECT_EQ(d.remove, As({"10.0.0.9"}));
}

TEST(DesiredPeers, AnswerWithOnlyOurselvesRemovesAtOnce) {
  DesiredPeers p({.grace = seconds(30)});
  const auto local = As({"10.0.0.2"});
  p.OnAnswer(As({"10.0.0.1", "10.0.0.2"}), local, t0);
  auto d = p.OnAnswer(As({"10.0.0.2"}), local, t0 + seconds(1));
  EXPECT_EQ(d.remove, As({"10.0.0.1"}));
  EXPECT_TRUE(p.peers().empty());
  EXPECT_FALSE(p.empty_since().has_value());
}

TEST(DesiredPeers, EmptyAnswersKeepPeersForTheGracePeriod) {
  DesiredPeers p({.grace = seconds(10)});
  p.OnAnswer(As({"10.0.0.1", "10.0.0.2"}), {}, t0);
  EXPECT_TRUE(p.OnEmpty(t0 + seconds(1)).empty());
  EXPECT_EQ(p.empty_since(), t0 + seconds(1));
  EXPECT_TRUE(p.OnEmpty(t0 + seconds(5)).empty());
  EXPECT_TRUE(p.OnEmpty(t0 + seconds(11) - milliseconds(1)).empty());
  EXPECT_EQ(p.peers().size(), 2u);
  auto d = p.OnEmpty(t0 + seconds(11));
  EXPECT_EQ(d.remove, As({"10.0.0.1", "10.0.0.2"}));
  EXPECT_TRUE(p.peers().empty());
  EXPECT_TRUE(p.OnEmpty(t0 + seconds(20)).empty());
}

TEST(DesiredPeers, EmptyAnswerViaOnAnswerUsesTheGracePeriod) {
  DesiredPeers p({.grace = seconds(10)});
  p.OnAnswer(As({"10.0.0.1"}), {}, t0);
  EXPECT_TRUE(p.OnAnswer({}, {}, t0 + seconds(1)).empty());
  EXPECT_EQ(p.OnAnswer({}, {}, t0 + seconds(11)).remove, As({"10.0.0.1"}));
}

TEST(DesiredPeers, AnAnswerEndsTheGracePeriod) {
  DesiredPeers p({.grace = seconds(10)});
  p.OnAnswer(As({"10.0.0.1", "10.0.0.2"}), {}, t0);
  p.OnEmpty(t0);
  auto d = p.OnAnswer(As({"10.0.0.2", "10.0.0.3"}), {}, t0 + seconds(9));
  EXPECT_EQ(d.add, As({"10.0.0.3"}));
  EXPECT_EQ(d.remove, As({"10.0.0.1"}));
  EXPECT_FALSE(p.empty_since().has_value());
  // A new empty run starts its own clock.
  EXPECT_TRUE(p.OnEmpty(t0 + seconds(12)).empty());
  EXPECT_TRUE(p.OnEmpty(t0 + seconds(21)).empty());
  EXPECT_EQ(p.OnEmpty(t0 + seconds(22)).remove, As({"10.0.0.2", "10.0.0.3"}));
}

TEST(DesiredPeers, ZeroGraceRemovesOnTheFirstEmptyAnswer) {
  DesiredPeers p({.grace = seconds(0)});
  p.OnAnswer(As({"10.0.0.1"}), {}, t0);
  EXPECT_EQ(p.OnEmpty(t0).remove, As({"10.0.0.1"}));
}

TEST(DesiredPeers, ErrorsNeverRemovePeers) {
  DesiredPeers p({.grace = seconds(10)});
  p.OnAnswer(As({"10.0.0.1", "fd00::1"}), {}, t0);
  for (int i = 1; i < 1000; i += 7) EXPECT_TRUE(p.OnError(t0 + seconds(i)).empty());
  EXPECT_EQ(p.peers(), As({"10.0.0.1", "fd00::1"}));
  // Errors during a grace period neither remove nor restart it.
  p.OnEmpty(t0 + seconds(1000));
  EXPECT_TRUE(p.OnError(t0 + seconds(2000)).empty());
  EXPECT_EQ(p.peers().size(), 2u);
  EXPECT_EQ(p.empty_since(), t0 + seconds(1000));
  EXPECT_EQ(p.OnEmpty(t0 + seconds(2001)).remove.size(), 2u);
}

std::vector<Address> Candidates(int n, int base = 0) {
  std::vector<Address> v;
  for (int i = 0; i < n; ++i) {
    const int x = base + i;
    if (x % 3 == 0) {
      v.push_back(boost::asio::ip::make_address("fd00::" + std::to_string(x + 1)));
    } else {
      v.push_back(boost::asio::ip::address_v4(0x0a000000u + x + 1));
    }
  }
  std::sort(v.begin(), v.end());
  return v;
}

TEST(Rendezvous, ScoreIsPinned) {
  // The hash is part of the contract between pods of different versions:
  // a change here silently reshuffles every mesh with max_peers. The values
  // come from an independent Python implementation of the documented hash.
  const uint64_t s1 = RendezvousScore(0x0a000001, A("10.0.0.2"));
  const uint64_t s2 = RendezvousScore(0x0a000001, A("fd00::2"));
  EXPECT_EQ(s1, RendezvousScore(0x0a000001, A("10.0.0.2")));
  EXPECT_NE(s1, s2);
  EXPECT_NE(s1, RendezvousScore(0x0a000002, A("10.0.0.2")));
  // IPv4 and its v4-mapped IPv6 form are different candidates.
  EXPECT_NE(s1, RendezvousScore(0x0a000001, A("::ffff:10.0.0.2")));
  EXPECT_EQ(s1, 16567963231668977913ULL);
  EXPECT_EQ(s2, 3916606923553052310ULL);
}

TEST(Rendezvous, ZeroOrLargeMaxPeersKeepsAll) {
  auto c = Candidates(7);
  EXPECT_EQ(RendezvousChoose(1, c, 0), c);
  EXPECT_EQ(RendezvousChoose(1, c, 7), c);
  EXPECT_EQ(RendezvousChoose(1, c, 100), c);
}

TEST(Rendezvous, ChoosesExactlyMaxPeersDeterministically) {
  auto c = Candidates(20);
  auto chosen = RendezvousChoose(0x0a000001, c, 3);
  ASSERT_EQ(chosen.size(), 3u);
  EXPECT_TRUE(std::is_sorted(chosen.begin(), chosen.end()));
  for (const auto& a : chosen) EXPECT_NE(std::find(c.begin(), c.end(), a), c.end());
  // Input order does not matter.
  std::mt19937 rng(42);
  for (int i = 0; i < 20; ++i) {
    std::shuffle(c.begin(), c.end(), rng);
    EXPECT_EQ(RendezvousChoose(0x0a000001, c, 3), chosen);
  }
  // The chosen ones are those with the highest scores.
  uint64_t min_chosen = UINT64_MAX, max_other = 0;
  for (const auto& a : c) {
    const uint64_t s = RendezvousScore(0x0a000001, a);
    if (std::binary_search(chosen.begin(), chosen.end(), a)) {
      min_chosen = std::min(min_chosen, s);
    } else {
      max_other = std::max(max_other, s);
    }
  }
  EXPECT_GT(min_chosen, max_other);
}

TEST(Rendezvous, DifferentRoutersSpreadTheLoad) {
  auto c = Candidates(10);
  std::map<Address, int> picked;
  std::set<std::vector<Address>> distinct;
  for (uint32_t rid = 1; rid <= 1000; ++rid) {
    auto chosen = RendezvousChoose(0x0a000000u + rid, c, 2);
    distinct.insert(chosen);
    for (const auto& a : chosen) ++picked[a];
  }
  EXPECT_GT(distinct.size(), 30u);  // 45 possible pairs
  // 2000 picks over 10 candidates: ~200 each; hashing that favoured some
  // addresses would show up well outside this band.
  for (const auto& a : c) {
    EXPECT_GT(picked[a], 120) << a;
    EXPECT_LT(picked[a], 280) << a;
  }
}

TEST(Rendezvous, AddingOneCandidateChangesAtMostOneChoice) {
  for (uint32_t rid = 1; rid <= 200; ++rid) {
    for (uint32_t k : {1u, 3u, 5u}) {
      auto c = Candidates(15, static_cast<int>(rid));
      auto before = RendezvousChoose(rid, c, k);
      auto bigger = c;
      bigger.push_back(boost::asio::ip::address_v4(0xc0a80000u + rid));
      auto after = RendezvousChoose(rid, bigger, k);
      ASSERT_EQ(after.size(), k);
      std::vector<Address> gone;
      std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                          std::back_inserter(gone));
      EXPECT_LE(gone.size(), 1u) << "rid " << rid << " k " << k;
      if (gone.size() == 1) {
        // The only possible newcomer is the added candidate.
        EXPECT_TRUE(std::binary_search(after.begin(), after.end(), bigger.back()));
      }
      // Removing an unchosen candidate changes nothing.
      for (size_t i = 0; i < c.size(); ++i) {
        if (std::binary_search(before.begin(), before.end(), c[i])) continue;
        auto smaller = c;
        smaller.erase(smaller.begin() + i);
        EXPECT_EQ(RendezvousChoose(rid, smaller, k), before);
        break;
      }
    }
  }
}

TEST(DesiredPeers, MaxPeersAppliesAfterExclusion) {
  const uint32_t rid = 0x0a000005;
  auto c = Candidates(12);
  DesiredPeers p({.router_id = rid, .max_peers = 4});
  const std::vector<Address> local{c[0], c[5]};
  auto d = p.OnAnswer(c, local, t0);
  std::vector<Address> remaining;
  for (const auto& a : c) {
    if (a != c[0] && a != c[5]) remaining.push_back(a);
  }
  EXPECT_EQ(d.add, RendezvousChoose(rid, remaining, 4));
  for (const auto& a : d.add) EXPECT_TRUE(a != c[0] && a != c[5]);
  // One more candidate: at most one peer swapped.
  auto more = c;
  more.push_back(A("10.9.9.9"));
  d = p.OnAnswer(more, local, t0);
  EXPECT_LE(d.add.size(), 1u);
  EXPECT_EQ(d.add.size(), d.remove.size());
}

}  // namespace
}  // namespace meshbgp::mesh
