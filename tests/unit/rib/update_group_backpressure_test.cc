// Update-group backpressure: a member that stops reading is fed nothing over
// the member queue limit, the others get everything at once, and once it
// reads again it ends up with exactly the table of a member that never
// stalled: announcements, changed attributes and withdrawals alike.
#include <algorithm>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "rib/update_group.h"
#include "tests/unit/rib/fake_out_member.h"
#include "tests/unit/rib/rib_test_util.h"
#include "tests/unit/rib/task_runners.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;
using testing::FakeOutMember;
using testing::MakePeer;
using testing::TaskQueue;
using wire::Ipv4Prefix;

// Everything to everyone but the route's source; attributes unchanged.
class AllButSource : public ExportRules {
 public:
  bool GroupAccepts(const Path&) const override { return true; }
  bool MemberAccepts(const PeerInfo& member, const Path& path) const override {
    return path.peer->id != member.id;
  }
  wire::PathAttrs Transform(const Path& path) const override { return path.attrs->attrs(); }
};

// A peer whose socket is stuck while `stalled`: what it is sent stays queued
// (and counted) until Unstall() delivers it and reports the queue drained.
class SlowMember : public FakeOutMember {
 public:
  using FakeOutMember::FakeOutMember;
  void Send(Buffer messages) override {
    if (!stalled) return FakeOutMember::Send(std::move(messages));
    queued_ += messages->size();
    max_queued = std::max(max_queued, queued_);
    pending_.push_back(std::move(messages));
  }
  size_t QueuedBytes() const override { return queued_; }
  void NotifyWhenDrained(std::function<void()> fn) override {
    if (queued_ == 0) return fn();
    ++waits;
    waiters_.push_back(std::move(fn));
  }
  // Delivers what is queued; stays stalled for what comes next if asked.
  void Unstall(bool stay_stalled = false) {
    stalled = stay_stalled;
    auto pending = std::move(pending_);
    pending_.clear();
    queued_ = 0;
    for (auto& b : pending) FakeOutMember::Send(std::move(b));
    auto waiters = std::move(waiters_);
    waiters_.clear();
    for (auto& fn : waiters) fn();
  }

  bool stalled = true;
  size_t max_queued = 0;
  int waits = 0;

 private:
  size_t queued_ = 0;
  std::vector<Buffer> pending_;
  std::vector<std::function<void()>> waiters_;
};

class BackpressureTest : public ::testing::Test {
 protected:
  static constexpr size_t kLimit = 16 * 1024;

  BackpressureTest() {
    group_ = std::make_unique<UpdateGroup>("rs", std::make_shared<AllButSource>(), true,
                                           wire::kMaxMessageSize, &rib_, queue_.poster());
    group_->set_member_queue_limit(kLimit);
  }

  static Ipv4Prefix Key(uint32_t i) { return {0x40000000u + (i << 8), 24}; }

  // Prefixes 64.0.0.0/24 + i; each announcement's attributes carry `med`, so
  // a re-announcement changes them.
  void Announce(uint32_t first, uint32_t count, uint32_t med) {
    std::vector<Ipv4Prefix> keys, changed;
    for (uint32_t i = first; i < first + count; ++i) keys.push_back(Key(i));
    wire::PathAttrs attrs = BasicAttrs({65100});
    attrs.med = med;
    rib_.Apply(&source_, {}, keys, store_.Intern(attrs), &changed);
    group_->MarkDirty(changed);
  }
  void Withdraw(uint32_t first, uint32_t count) {
    std::vector<Ipv4Prefix> keys, changed;
    for (uint32_t i = first; i < first + count; ++i) keys.push_back(Key(i));
    rib_.Apply(&source_, keys, {}, AttrRef(), &changed);
    group_->MarkDirty(changed);
  }

  AttrStore store_;
  LocRib<Ipv4Prefix> rib_{8};
  TaskQueue queue_;
  std::unique_ptr<UpdateGroup> group_;
  const PeerInfo source_ = MakePeer(100, 65100, 100);
};

TEST_F(BackpressureTest, StalledMemberIsBoundedAndCatchesUpExactly) {
  auto fast = std::make_shared<FakeOutMember>(MakePeer(1, 65001, 1));
  auto slow = std::make_shared<SlowMember>(MakePeer(2, 65002, 2));
  group_->AddMember(fast);
  group_->AddMember(slow);
  queue_.Drain();
  // Churn: far more bytes than the limit, with changes and withdrawals.
  for (uint32_t round = 0; round < 20; ++round) {
    Announce(0, 20000, round);
    queue_.Drain();
    Withdraw(round * 500, 400);
    queue_.Drain();
  }
  EXPECT_EQ(fast->size(), 20000u - 400u);  // the last round's withdrawal
  // The stalled member's queue stopped growing soon after the limit: at
  // most one batch of messages past it, nowhere near the churn's volume.
  EXPECT_LT(slow->max_queued, kLimit + 512 * 1024);
  EXPECT_GE(group_->stats().fell_behind, 1u);
  EXPECT_EQ(slow->waits, 1);  // registered once, not once per flush
  const size_t fast_messages = fast->messages;
  EXPECT_GT(fast_messages, 20u);

  // It reads again, slowly: a few limit-sized gulps bring it up to date.
  for (int i = 0; i < 1000 && (slow->QueuedBytes() > 0 || slow->Table() != fast->Table()); ++i) {
    slow->Unstall(/*stay_stalled=*/true);
    queue_.Drain();
  }
  EXPECT_EQ(slow->Table(), fast->Table());
  EXPECT_EQ(group_->stats().caught_up, 1u);
  EXPECT_LT(slow->max_queued, kLimit + 512 * 1024);

  // Back in the live stream: a new change reaches both at once.
  slow->Unstall();
  Withdraw(19000, 10);
  queue_.Drain();
  EXPECT_FALSE(slow->Has(Key(19005)));
  EXPECT_EQ(slow->Table(), fast->Table());
  EXPECT_EQ(fast->messages, fast_messages + 1);  // nothing was held back from the fast one
}

TEST_F(BackpressureTest, InitialDumpPausesAndResumes) {
  Announce(0, 150000, 1);
  queue_.Drain();
  auto slow = std::make_shared<SlowMember>(MakePeer(2, 65002, 2));
  group_->AddMember(slow);
  queue_.Drain();
  EXPECT_LT(slow->max_queued, kLimit + 2 * 1024 * 1024);
  EXPECT_TRUE(std::find(slow->events.begin(), slow->events.end(), "eor") == slow->events.end());
  // A change while its dump is paused.
  Withdraw(149990, 10);
  Announce(0, 5, 2);
  queue_.Drain();
  for (int i = 0; i < 1000 && slow->QueuedBytes() > 0; ++i) {
    slow->Unstall(/*stay_stalled=*/true);
    queue_.Drain();
  }
  slow->Unstall();
  queue_.Drain();
  EXPECT_EQ(slow->size(), 149990u);
  EXPECT_EQ(*slow->Attrs(Key(0)).med, 2u);
  EXPECT_TRUE(std::find(slow->events.begin(), slow->events.end(), "eor") != slow->events.end());
}

TEST_F(BackpressureTest, RemovedWhileBehindGetsNothingMore) {
  auto slow = std::make_shared<SlowMember>(MakePeer(2, 65002, 2));
  group_->AddMember(slow);
  queue_.Drain();
  Announce(0, 50000, 1);
  queue_.Drain();
  Announce(0, 50000, 2);
  queue_.Drain();
  group_->RemoveMember(slow.get());
  slow->Unstall();  // what was queued before it left is delivered...
  queue_.Drain();
  const size_t delivered = slow->messages;
  Announce(0, 10, 3);
  queue_.Drain();
  EXPECT_EQ(slow->messages, delivered);  // ...and nothing after, no catch-up either
  EXPECT_EQ(group_->stats().caught_up, 0u);
}

}  // namespace
}  // namespace meshbgp::rib
