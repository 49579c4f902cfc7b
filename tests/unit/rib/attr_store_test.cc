#include "rib/attr_store.h"

#include <atomic>
#include <functional>
#include <random>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/rib/rib_test_util.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;

TEST(AttrStoreTest, EqualAttributesShareOneSet) {
  AttrStore store;
  AttrRef a = store.Intern(BasicAttrs({65001, 65002}));
  AttrRef b = store.Intern(BasicAttrs({65001, 65002}));
  AttrRef c = store.Intern(BasicAttrs({65001}));
  EXPECT_EQ(a.get(), b.get());
  EXPECT_NE(a.get(), c.get());
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(AttrStore::RefCount(*a), 2u);
  EXPECT_EQ(a->attrs(), BasicAttrs({65001, 65002}));
}

TEST(AttrStoreTest, LastReleaseFreesTheSet) {
  AttrStore store;
  AttrRef a = store.Intern(BasicAttrs({65001}));
  AttrRef b = a;
  EXPECT_EQ(AttrStore::RefCount(*a), 2u);
  a.reset();
  EXPECT_EQ(store.size(), 1u);
  b.reset();
  EXPECT_EQ(store.size(), 0u);
  // Interning again after the free builds a fresh set.
  AttrRef c = store.Intern(BasicAttrs({65001}));
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(AttrStore::RefCount(*c), 1u);
}

// Every field takes part in equality and in the hash: changing any one of
// them gives a different set (and, for these values, a different hash).
TEST(AttrStoreTest, EveryFieldDistinguishesSets) {
  using Mutation = std::function<void(wire::PathAttrs&)>;
  const std::vector<Mutation> mutations = {
      [](wire::PathAttrs& a) { a.origin = wire::Origin::kEgp; },
      [](wire::PathAttrs& a) { a.origin.reset(); },
      [](wire::PathAttrs& a) { a.as_path->segments[0].asns.push_back(7); },
      [](wire::PathAttrs& a) { a.as_path->segments[0].type = wire::AsSegmentType::kAsSet; },
      [](wire::PathAttrs& a) { a.as_path.reset(); },
      [](wire::PathAttrs& a) { a.next_hop = 0x0a000002; },
      [](wire::PathAttrs& a) { a.mp_next_hop = {1, 2, 3, 4}; },
      [](wire::PathAttrs& a) { a.med = 0; },
      [](wire::PathAttrs& a) { a.local_pref = 100; },
      [](wire::PathAttrs& a) { a.atomic_aggregate = true; },
      [](wire::PathAttrs& a) { a.aggregator = wire::Aggregator{65001, 1}; },
      [](wire::PathAttrs& a) { a.communities = {0xfde90001}; },
      [](wire::PathAttrs& a) { a.ext_communities = {0x0002fde900000064ull}; },
      [](wire::PathAttrs& a) { a.large_communities = {{65001, 1, 1}}; },
      [](wire::PathAttrs& a) { a.originator_id = 1; },
      [](wire::PathAttrs& a) { a.cluster_list = {1}; },
      [](wire::PathAttrs& a) { a.other = {{0xc0, 99, {1}}}; },
  };
  AttrStore store;
  const wire::PathAttrs base = BasicAttrs({65001, 65002});
  AttrRef base_ref = store.Intern(base);
  std::vector<AttrRef> refs;
  for (size_t i = 0; i < mutations.size(); ++i) {
    wire::PathAttrs changed = base;
    mutations[i](changed);
    ASSERT_NE(changed, base) << "mutation " << i;
    EXPECT_NE(HashPathAttrs(changed), HashPathAttrs(base)) << "mutation " << i;
    refs.push_back(store.Intern(changed));
    EXPECT_NE(refs.back().get(), base_ref.get()) << "mutation " << i;
  }
  EXPECT_EQ(store.size(), mutations.size() + 1);
  // Values that only move between fields still hash differently.
  wire::PathAttrs x = base, y = base;
  x.communities = {1};
  y.cluster_list = {1};
  EXPECT_NE(HashPathAttrs(x), HashPathAttrs(y));
}

// Four threads intern and drop the same few sets as fast as they can, so
// last releases race with interns that revive the set. Two references held
// at once must always be the same set, and everything is freed at the end.
TEST(AttrStoreTest, ConcurrentInternAndRelease) {
  AttrStore store;
  constexpr int kThreads = 4;
  constexpr int kIterations = 20000;
  constexpr uint32_t kDistinct = 4;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(t);
      AttrRef held;  // sometimes kept across iterations, sometimes dropped
      for (int i = 0; i < kIterations; ++i) {
        const uint32_t k = rng() % kDistinct;
        AttrRef a = store.Intern(BasicAttrs({65000 + k}));
        AttrRef b = store.Intern(BasicAttrs({65000 + k}));
        if (a.get() != b.get() || a->attrs().as_path->FirstAs() != 65000 + k) ++mismatches;
        if (rng() % 2) held = a;
        if (held && rng() % 3 == 0) held.reset();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(store.size(), 0u);
}

}  // namespace
}  // namespace meshbgp::rib
