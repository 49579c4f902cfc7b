#include "rib/update_group.h"

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rib/best_path.h"
#include "rib/update_writer.h"
#include "tests/unit/rib/fake_out_member.h"
#include "tests/unit/rib/rib_test_util.h"
#include "tests/unit/rib/task_runners.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;
using testing::FakeOutMember;
using testing::MakePeer;
using testing::Prefix;
using testing::TaskQueue;
using testing::ThreadPool;
using wire::Ipv4Prefix;

// Route-server export rules: everything goes to the group, never back to
// its source nor to a member whose AS is in the path; attributes unchanged.
class RouteServerRules : public ExportRules {
 public:
  bool GroupAccepts(const Path& path) const override { return path.peer->id != blocked_source; }
  bool MemberAccepts(const PeerInfo& member, const Path& path) const override {
    if (path.peer->id == member.id) return false;
    const auto& as_path = path.attrs->attrs().as_path;
    return !(as_path && as_path->Contains(member.asn));
  }
  wire::PathAttrs Transform(const Path& path) const override {
    ++transforms;
    return path.attrs->attrs();
  }

  PeerId blocked_source = 0;  // a source the whole group refuses (0: none)
  mutable std::atomic<int> transforms{0};
};

class UpdateGroupTest : public ::testing::Test {
 protected:
  UpdateGroupTest() { group_ = MakeGroup(); }

  std::unique_ptr<UpdateGroup> MakeGroup() {
    return std::make_unique<UpdateGroup>("rs", rules_, /*four_octet_as=*/true,
                                         wire::kMaxMessageSize, &rib_, queue_.poster());
  }

  // A member that has received its (possibly empty) initial dump.
  std::shared_ptr<FakeOutMember> Join(PeerInfo peer) {
    auto member = std::make_shared<FakeOutMember>(std::move(peer));
    group_->AddMember(member);
    queue_.Drain();
    return member;
  }

  void Announce(const PeerInfo& from, const std::vector<Ipv4Prefix>& keys,
                const wire::PathAttrs& attrs) {
    std::vector<Ipv4Prefix> changed;
    rib_.Apply(&from, {}, keys, store_.Intern(attrs), &changed);
    group_->MarkDirty(changed);
  }
  void Withdraw(const PeerInfo& from, const std::vector<Ipv4Prefix>& keys) {
    std::vector<Ipv4Prefix> changed;
    rib_.Apply(&from, keys, {}, AttrRef(), &changed);
    group_->MarkDirty(changed);
  }

  static std::vector<Ipv4Prefix> Range(uint32_t first, uint32_t count) {
    std::vector<Ipv4Prefix> out;
    for (uint32_t i = 0; i < count; ++i) out.push_back({0x0b000000u | ((first + i) << 8), 24});
    return out;
  }

  AttrStore store_;
  LocRib<Ipv4Prefix> rib_{8};
  std::shared_ptr<RouteServerRules> rules_ = std::make_shared<RouteServerRules>();
  TaskQueue queue_;
  std::unique_ptr<UpdateGroup> group_;
  const PeerInfo outsider_ = MakePeer(100, 65100, 100);  // a source that is no member
};

TEST_F(UpdateGroupTest, RouteGoesToEveryMemberButItsSource) {
  auto a = Join(MakePeer(1, 65001, 1));
  auto b = Join(MakePeer(2, 65002, 2));
  auto c = Join(MakePeer(3, 65003, 3));
  Announce(a->peer(), {Prefix("10.1.0.0/24")}, BasicAttrs({65001}, 0x0a000001));
  queue_.Drain();
  EXPECT_EQ(a->size(), 0u);
  ASSERT_TRUE(b->Has("10.1.0.0/24"));
  EXPECT_EQ(b->Attrs("10.1.0.0/24"), BasicAttrs({65001}, 0x0a000001));
  EXPECT_EQ(c->Table(), b->Table());
  EXPECT_EQ(a->announcements, 0u);
  // B and C were sent the very same buffer.
  EXPECT_EQ(b->buffers.back(), c->buffers.back());
}

TEST_F(UpdateGroupTest, SourceGetsTheNextBestPath) {
  auto a = Join(MakePeer(1, 65001, 1));
  auto b = Join(MakePeer(2, 65002, 2));
  auto c = Join(MakePeer(3, 65003, 3));
  Announce(a->peer(), {Prefix("10.1.0.0/24")}, BasicAttrs({65001}, 0x0a000001));
  queue_.Drain();
  // B's path is longer, so A's stays best for B and C; A gets B's.
  Announce(b->peer(), {Prefix("10.1.0.0/24")}, BasicAttrs({65002, 65009}, 0x0a000002));
  queue_.Drain();
  ASSERT_TRUE(a->Has("10.1.0.0/24"));
  EXPECT_EQ(a->Attrs("10.1.0.0/24"), BasicAttrs({65002, 65009}, 0x0a000002));
  EXPECT_EQ(b->Attrs("10.1.0.0/24"), BasicAttrs({65001}, 0x0a000001));
  EXPECT_EQ(c->Attrs("10.1.0.0/24"), BasicAttrs({65001}, 0x0a000001));

  // A withdraws: B's path is now everyone's best, except B's own.
  Withdraw(a->peer(), {Prefix("10.1.0.0/24")});
  queue_.Drain();
  EXPECT_EQ(a->Attrs("10.1.0.0/24"), BasicAttrs({65002, 65009}, 0x0a000002));
  EXPECT_EQ(c->Attrs("10.1.0.0/24"), BasicAttrs({65002, 65009}, 0x0a000002));
  EXPECT_EQ(b->size(), 0u);
  EXPECT_EQ(b->withdrawn, std::vector<std::string>{"10.1.0.0/24"});
}

TEST_F(UpdateGroupTest, WithdrawalReachesEveryone) {
  auto a = Join(MakePeer(1, 65001, 1));
  auto b = Join(MakePeer(2, 65002, 2));
  auto c = Join(MakePeer(3, 65003, 3));
  Announce(a->peer(), {Prefix("10.1.0.0/24"), Prefix("10.2.0.0/24")}, BasicAttrs({65001}));
  queue_.Drain();
  Withdraw(a->peer(), {Prefix("10.1.0.0/24")});
  queue_.Drain();
  for (const auto& m : {a, b, c}) {
    ASSERT_FALSE(m->withdrawn.empty());
    EXPECT_EQ(m->withdrawn.back(), "10.1.0.0/24") << m->peer().address_text;
    EXPECT_FALSE(m->Has("10.1.0.0/24"));
  }
  EXPECT_EQ(b->withdrawn, std::vector<std::string>{"10.1.0.0/24"});
  // The source had been told to withdraw its own routes when it announced
  // them (it is excluded and had no alternative): harmless by RFC 4271.
  EXPECT_EQ(std::multiset<std::string>(a->withdrawn.begin(), a->withdrawn.end()),
            (std::multiset<std::string>{"10.1.0.0/24", "10.1.0.0/24", "10.2.0.0/24"}));
  EXPECT_TRUE(b->Has("10.2.0.0/24"));
  // One encoded withdrawal, shared by all three.
  EXPECT_EQ(a->buffers.back(), b->buffers.back());
  EXPECT_EQ(b->buffers.back(), c->buffers.back());
}

TEST_F(UpdateGroupTest, MemberWhoseAsIsInThePathIsSkipped) {
  auto a = Join(MakePeer(1, 65001, 1));
  auto b = Join(MakePeer(2, 65002, 2));
  auto c = Join(MakePeer(3, 65003, 3));
  Announce(outsider_, {Prefix("10.5.0.0/24")}, BasicAttrs({65100, 65002}));
  queue_.Drain();
  EXPECT_TRUE(a->Has("10.5.0.0/24"));
  EXPECT_TRUE(c->Has("10.5.0.0/24"));
  EXPECT_EQ(b->size(), 0u);
  EXPECT_EQ(b->announcements, 0u);
  // A loop-free alternative reaches B alone.
  Announce(a->peer(), {Prefix("10.5.0.0/24")}, BasicAttrs({65001, 65200, 65201}));
  queue_.Drain();
  EXPECT_EQ(b->Attrs("10.5.0.0/24"), BasicAttrs({65001, 65200, 65201}));
  EXPECT_EQ(a->Attrs("10.5.0.0/24"), BasicAttrs({65100, 65002}));
  EXPECT_EQ(c->Attrs("10.5.0.0/24"), BasicAttrs({65100, 65002}));
}

TEST_F(UpdateGroupTest, GroupRulesApplyToEveryone) {
  auto a = Join(MakePeer(1, 65001, 1));
  rules_->blocked_source = outsider_.id;
  Announce(outsider_, {Prefix("10.5.0.0/24")}, BasicAttrs({65100}));
  queue_.Drain();
  EXPECT_EQ(a->size(), 0u);
  EXPECT_EQ(a->withdrawn, std::vector<std::string>{"10.5.0.0/24"});  // harmless
}

TEST_F(UpdateGroupTest, DumpSendsTheTableThenEndOfRib) {
  Announce(outsider_, Range(0, 1000), BasicAttrs({65100}));
  Announce(outsider_, Range(1000, 500), BasicAttrs({65100, 65007}));  // not for 65007
  const PeerInfo other = MakePeer(7, 65008, 7);
  Announce(other, Range(0, 10), BasicAttrs({65008, 1, 2}));  // worse than the outsider's
  queue_.Drain();

  auto d = Join(MakePeer(4, 65007, 4));
  EXPECT_EQ(d->size(), 1000u);
  for (const auto& [prefix, attrs] : d->Table()) EXPECT_EQ(attrs, BasicAttrs({65100})) << prefix;
  ASSERT_GE(d->events.size(), 3u);
  EXPECT_EQ(d->events[d->events.size() - 2], "eor");
  EXPECT_EQ(d->events.back(), "dump-done");
  // 1000 /24s with one attribute set fit in one 4096-byte UPDATE (+ EoR).
  EXPECT_EQ(d->messages, 2u);

  // A member whose own route is the only one gets nothing for it.
  auto e = Join(other);
  EXPECT_EQ(e->size(), 1500u);
  EXPECT_EQ(e->Attrs(Range(0, 1)[0]), BasicAttrs({65100}));
}

TEST_F(UpdateGroupTest, EmptyTableDumpIsJustEndOfRib) {
  auto a = Join(MakePeer(1, 65001, 1));
  EXPECT_EQ(a->events, (std::vector<std::string>{"eor", "dump-done"}));
  EXPECT_EQ(group_->stats().members, 1u);
}

TEST_F(UpdateGroupTest, EachMessageIsEncodedOnceForTheWholeGroup) {
  std::vector<std::shared_ptr<FakeOutMember>> members;
  for (uint8_t i = 1; i <= 10; ++i) members.push_back(Join(MakePeer(i, 65000 + i, i)));
  const int transforms_before = rules_->transforms.load();
  const auto before = group_->stats();

  Announce(outsider_, Range(0, 300), BasicAttrs({65100}));
  Announce(outsider_, Range(300, 300), BasicAttrs({65100, 65101}));
  Withdraw(outsider_, Range(0, 5));
  EXPECT_EQ(queue_.pending(), 1u);  // the three changes share one flush
  for (auto& m : members) m->buffers.clear();
  queue_.Drain();

  std::set<const std::vector<uint8_t>*> distinct;
  for (auto& m : members) {
    EXPECT_EQ(m->size(), 595u);
    for (const Buffer& b : m->buffers) distinct.insert(b.get());
  }
  EXPECT_EQ(distinct.size(), 1u);
  EXPECT_EQ(rules_->transforms.load() - transforms_before, 2);  // once per attribute set
  const auto after = group_->stats();
  EXPECT_EQ(after.prefixes - before.prefixes, 600u);  // 595 routes + 5 withdrawals
  EXPECT_EQ(after.messages - before.messages, members[0]->messages - (1 /*own dump EoR*/));
  EXPECT_EQ(after.pending, 0u);
}

TEST_F(UpdateGroupTest, LargeFlushIsSplitIntoBoundedBuffers) {
  auto a = Join(MakePeer(1, 65001, 1));
  auto b = Join(MakePeer(2, 65002, 2));
  a->buffers.clear();
  Announce(outsider_, Range(0, 30000), BasicAttrs({65100}));
  queue_.Drain();
  EXPECT_EQ(a->size(), 30000u);
  EXPECT_EQ(b->size(), 30000u);
  EXPECT_GT(a->buffers.size(), 1u);
  for (const Buffer& buf : a->buffers) EXPECT_LE(buf->size(), UpdateWriter::kTargetBufferSize);
}

TEST_F(UpdateGroupTest, RemovedMemberGetsNothingMore) {
  auto a = Join(MakePeer(1, 65001, 1));
  auto b = Join(MakePeer(2, 65002, 2));
  Announce(outsider_, {Prefix("10.1.0.0/24")}, BasicAttrs({65100}));
  group_->RemoveMember(b.get());  // flush still queued
  queue_.Drain();
  EXPECT_EQ(a->size(), 1u);
  EXPECT_EQ(b->size(), 0u);
  EXPECT_EQ(group_->stats().members, 1u);
  group_->RemoveMember(a.get());
  EXPECT_TRUE(group_->empty());
  const size_t a_messages = a->messages;
  Announce(outsider_, {Prefix("10.2.0.0/24")}, BasicAttrs({65100}));
  queue_.Drain();
  EXPECT_EQ(a->messages, a_messages);
}

// A member that leaves from inside Send (say its queue overflowed) gets no
// further buffer, and the group does not deadlock.
TEST_F(UpdateGroupTest, MemberMayLeaveFromInsideSend) {
  class LeavingMember : public FakeOutMember {
   public:
    LeavingMember(PeerInfo p, UpdateGroup* g) : FakeOutMember(std::move(p)), group(g) {}
    void Send(Buffer messages) override {
      FakeOutMember::Send(messages);
      ++sends;
      group->RemoveMember(this);
    }
    UpdateGroup* group;
    int sends = 0;
  };
  auto a = std::make_shared<LeavingMember>(MakePeer(1, 65001, 1), group_.get());
  group_->AddMember(a);
  queue_.Drain();
  EXPECT_EQ(a->sends, 1);  // the dump's End-of-RIB, then it left
  EXPECT_TRUE(group_->empty());
  EXPECT_EQ(a->events, std::vector<std::string>{"eor"});  // no dump-done after leaving
}

TEST_F(UpdateGroupTest, TasksOutliveTheGroupHarmlessly) {
  auto a = std::make_shared<FakeOutMember>(MakePeer(1, 65001, 1));
  group_->AddMember(a);
  Announce(outsider_, {Prefix("10.1.0.0/24")}, BasicAttrs({65100}));
  bool done = false;
  group_->RunAfterWork([&] { done = true; });
  group_.reset();
  EXPECT_EQ(queue_.Drain(), 3u);
  EXPECT_TRUE(done);
  EXPECT_TRUE(a->buffers.empty());
}

// Sessions change the RIB from several threads while flushes run on a
// pool and a member joins mid-way. Once everything settled, every member
// must hold exactly what the decision process gives it from the final RIB:
// no lost update, no stale route, no reordering between flushes and dumps.
TEST(UpdateGroupConcurrencyTest, MembersConvergeToTheRib) {
  AttrStore store;
  LocRib<Ipv4Prefix> rib(8);
  auto rules = std::make_shared<RouteServerRules>();
  ThreadPool pool(2);
  UpdateGroup group("rs", rules, true, wire::kMaxMessageSize, &rib, pool.poster());

  std::vector<std::shared_ptr<FakeOutMember>> members;
  for (uint8_t i = 1; i <= 4; ++i)
    members.push_back(std::make_shared<FakeOutMember>(MakePeer(i, 65000 + i, i)));
  for (int i = 0; i < 3; ++i) group.AddMember(members[i]);
  const PeerInfo outsider = MakePeer(100, 65100, 100);

  constexpr int kWriters = 4;  // members 1-3 and the outsider announce
  constexpr int kChanges = 3000;
  constexpr uint32_t kPrefixes = 200;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      const PeerInfo& source = w < 3 ? members[w]->peer() : outsider;
      std::mt19937 rng(w + 1);
      std::vector<Ipv4Prefix> changed;
      for (int i = 0; i < kChanges; ++i) {
        const std::vector<Ipv4Prefix> key = {{0x0d000000u | static_cast<uint32_t>((rng() % kPrefixes) << 8), 24}};
        changed.clear();
        if (rng() % 4 == 0) {
          rib.Apply(&source, key, {}, AttrRef(), &changed);
        } else {
          // Paths of 1-3 ASes, sometimes through a member's AS (a loop).
          wire::PathAttrs attrs = BasicAttrs({source.asn});
          for (uint32_t n = rng() % 3; n > 0; --n)
            attrs.as_path->segments[0].asns.push_back(static_cast<uint32_t>(65001 + rng() % 6));
          rib.Apply(&source, {}, key, store.Intern(attrs), &changed);
        }
        group.MarkDirty(changed);
        if (w == 0 && i == kChanges / 2) group.AddMember(members[3]);
      }
    });
  }
  for (auto& t : writers) t.join();
  pool.WaitIdle();

  for (const auto& m : members) {
    std::map<std::string, wire::PathAttrs> expected;
    rib.ForEach([&](const Ipv4Prefix& key, std::span<const Path> paths) {
      const auto best = SelectBest(paths, [&](const Path& p) {
        return rules->GroupAccepts(p) && rules->MemberAccepts(m->peer(), p);
      });
      if (best) expected[wire::ToString(key)] = paths[*best].attrs->attrs();
    });
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(m->Table(), expected) << m->peer().address_text;
  }
  // The late member got one End-of-RIB, right before its dump was done.
  const auto& late = members[3]->events;
  EXPECT_EQ(std::count(late.begin(), late.end(), "eor"), 1);
  auto eor = std::find(late.begin(), late.end(), "eor");
  ASSERT_NE(eor, late.end());
  ASSERT_NE(eor + 1, late.end());
  EXPECT_EQ(*(eor + 1), "dump-done");
  EXPECT_EQ(group.stats().pending, 0u);
}

}  // namespace
}  // namespace meshbgp::rib
