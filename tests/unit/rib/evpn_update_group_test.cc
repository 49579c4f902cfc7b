// The EVPN update group: routes relayed byte for byte in MP_REACH_NLRI with
// their own next hop, withdrawn in MP_UNREACH_NLRI, End-of-RIB for 25/70.
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "evpn/nlri_codec.h"
#include "evpn/route.h"
#include "evpn/route_key.h"
#include "rib/update_group.h"
#include "tests/unit/rib/rib_test_util.h"
#include "tests/unit/rib/task_runners.h"
#include "tests/unit/wire/message_stream.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;
using testing::MakePeer;
using testing::TaskQueue;

class RsRules : public ExportRules {
 public:
  bool GroupAccepts(const Path&) const override { return true; }
  bool MemberAccepts(const PeerInfo& member, const Path& path) const override {
    return path.peer->id != member.id;
  }
  wire::PathAttrs Transform(const Path& path) const override { return path.attrs->attrs(); }
};

// Decodes what it is sent and keeps the EVPN table a peer would hold:
// route bytes and next hop by key.
class EvpnMember : public OutMember {
 public:
  explicit EvpnMember(PeerInfo p) : peer_(std::move(p)) {}
  const PeerInfo& peer() const override { return peer_; }
  void Send(Buffer b) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const wire::Update& u : wire::test::DecodeUpdates(*b)) {
      EXPECT_TRUE(u.nlri.empty() && u.withdrawn.empty());
      if (auto eor = wire::EndOfRib(u)) {
        EXPECT_EQ(*eor, wire::Family::kEvpn);
        ++eors;
        continue;
      }
      if (u.mp_unreach) {
        EXPECT_EQ(u.mp_unreach->afi_safi, wire::AfiSafiOf(wire::Family::kEvpn));
        auto routes = evpn::DecodeEvpnNlri(u.mp_unreach->nlri);
        ASSERT_TRUE(routes.ok());
        for (const auto& r : *routes) {
          ++withdrawals;
          table.erase(evpn::ToString(evpn::KeyOf(r)));
        }
      }
      if (u.mp_reach) {
        EXPECT_EQ(u.mp_reach->afi_safi, wire::AfiSafiOf(wire::Family::kEvpn));
        auto routes = evpn::DecodeEvpnNlri(u.mp_reach->nlri);
        ASSERT_TRUE(routes.ok());
        for (const auto& r : *routes)
          table[evpn::ToString(evpn::KeyOf(r))] = {r.raw, u.mp_reach->next_hop,
                                                   u.attrs.ext_communities};
      }
    }
  }
  struct Held {
    std::vector<uint8_t> raw, next_hop;
    std::vector<uint64_t> ext_communities;
    friend bool operator==(const Held&, const Held&) = default;
  };
  std::map<std::string, Held> table;
  int eors = 0;
  int withdrawals = 0;

 private:
  PeerInfo peer_;
  std::mutex mu_;
};

evpn::EvpnRoute MacRoute(uint8_t host, uint32_t vni) {
  evpn::MacIp m;
  m.rd = evpn::Rd{{0, 1, 10, 0, 0, 1, 0, 100}};
  m.mac = evpn::Mac{{2, 0, 0, 0, 0, host}};
  m.ip = evpn::MakeIp(std::vector<uint8_t>{10, 1, 0, host});
  m.label1 = evpn::VniLabel(vni);
  return evpn::MakeRoute(m);
}

class EvpnUpdateGroupTest : public ::testing::Test {
 protected:
  void Announce(const PeerInfo& from, const std::vector<evpn::EvpnRoute>& routes,
                std::vector<uint8_t> next_hop) {
    wire::PathAttrs attrs = BasicAttrs({from.asn}, 0);
    attrs.next_hop.reset();
    attrs.mp_next_hop = std::move(next_hop);
    attrs.ext_communities = {0x0002fde800000064ull};
    std::vector<evpn::EvpnKey> keys, changed;
    std::vector<NlriBlob> nlri;
    for (const auto& r : routes) {
      keys.push_back(evpn::KeyOf(r));
      nlri.push_back(std::make_shared<const std::vector<uint8_t>>(r.raw));
    }
    rib_.Apply(&from, {}, keys, store_.Intern(std::move(attrs)), &changed, nlri);
    group_.MarkDirty(changed, from.id);
    queue_.Drain();
  }
  void Withdraw(const PeerInfo& from, const std::vector<evpn::EvpnRoute>& routes) {
    std::vector<evpn::EvpnKey> keys, changed;
    for (const auto& r : routes) keys.push_back(evpn::KeyOf(r));
    rib_.Apply(&from, keys, {}, AttrRef(), &changed);
    group_.MarkDirty(changed, from.id);
    queue_.Drain();
  }
  std::shared_ptr<EvpnMember> Join(PeerInfo p) {
    auto m = std::make_shared<EvpnMember>(std::move(p));
    group_.AddMember(m);
    queue_.Drain();
    return m;
  }

  AttrStore store_;
  LocRib<evpn::EvpnKey, EvpnPath> rib_{4};
  TaskQueue queue_;
  EvpnUpdateGroup group_{"rs|evpn", std::make_shared<RsRules>(), true, wire::kMaxMessageSize,
                         &rib_, queue_.poster()};
};

TEST_F(EvpnUpdateGroupTest, RelaysRoutesBytesAndNextHopsAndWithdrawals) {
  const PeerInfo a = MakePeer(1, 65001, 1);
  auto b = Join(MakePeer(2, 65002, 2));
  EXPECT_EQ(b->eors, 1);
  const std::vector<uint8_t> v4_nh = {192, 0, 2, 1};
  const std::vector<uint8_t> v6_nh = {0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  Announce(a, {MacRoute(1, 100), MacRoute(2, 100)}, v4_nh);
  const PeerInfo c = MakePeer(3, 65003, 3);
  Announce(c, {MacRoute(3, 200)}, v6_nh);
  ASSERT_EQ(b->table.size(), 3u);
  const auto k1 = evpn::ToString(evpn::KeyOf(MacRoute(1, 100)));
  const auto k3 = evpn::ToString(evpn::KeyOf(MacRoute(3, 200)));
  EXPECT_EQ(b->table[k1].raw, MacRoute(1, 100).raw);
  EXPECT_EQ(b->table[k1].next_hop, v4_nh);
  EXPECT_EQ(b->table[k1].ext_communities, std::vector<uint64_t>{0x0002fde800000064ull});
  EXPECT_EQ(b->table[k3].raw, MacRoute(3, 200).raw);
  EXPECT_EQ(b->table[k3].next_hop, v6_nh);

  // Same key, new label: the new bytes replace the old.
  Announce(a, {MacRoute(1, 555)}, v4_nh);
  EXPECT_EQ(b->table[k1].raw, MacRoute(1, 555).raw);

  // A late joiner gets the same table, then End-of-RIB.
  auto d = Join(MakePeer(4, 65004, 4));
  EXPECT_EQ(d->table, b->table);
  EXPECT_EQ(d->eors, 1);

  Withdraw(a, {MacRoute(1, 555)});
  EXPECT_FALSE(b->table.contains(k1));
  EXPECT_EQ(b->table.size(), 2u);
  EXPECT_EQ(d->table, b->table);
}

TEST_F(EvpnUpdateGroupTest, MembersGetOtherSourcesBytesForTheSameKey) {
  // Two sources announce one key with different labels: each gets the
  // other's route, as that source sent it.
  auto a = Join(MakePeer(1, 65001, 1));
  auto b = Join(MakePeer(2, 65002, 2));
  Announce(a->peer(), {MacRoute(7, 100)}, {192, 0, 2, 1});
  Announce(b->peer(), {MacRoute(7, 200)}, {192, 0, 2, 1});
  const auto k = evpn::ToString(evpn::KeyOf(MacRoute(7, 1)));
  ASSERT_TRUE(a->table.contains(k));
  ASSERT_TRUE(b->table.contains(k));
  EXPECT_EQ(a->table[k].raw, MacRoute(7, 200).raw);
  EXPECT_EQ(b->table[k].raw, MacRoute(7, 100).raw);
}

}  // namespace
}  // namespace meshbgp::rib
