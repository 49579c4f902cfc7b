// Fuzz target: hostile UPDATEs from four peers through the import checks
// into the Loc-RIBs (IPv4 unicast, EVPN) and out through the update groups,
// the path RouteExchange::Import takes, without sockets.
//
// Input: records of [flags][length, 2 octets][UPDATE body]. flags & 3 is
// the peer; 0x40 has that peer ask for a ROUTE-REFRESH afterwards (it
// leaves and rejoins its groups: a full dump); 0x80 leaves the posted
// tasks queued, so the next record's changes coalesce with this one's.
// Peers 0 and 1 are eBGP route-server clients (AS 65001, 65002), 2 an iBGP
// mesh neighbour, 3 an iBGP route-reflector client; each is in the group
// of its kind, in both families.
//
// After each input: every buffer a member got is whole BGP UPDATEs that
// our decoder accepts; replaying them gives each member exactly the table
// its group's export of the current RIB is (best path per key, never the
// member's own route); the RIBs hold as many paths as the peers were
// counted; and once every peer is removed the RIBs, every member's table
// and the AttrStore are empty.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "bgpd/policy/export_rules.h"
#include "bgpd/policy/update_import.h"
#include "bgpd/wire/attrs_codec.h"
#include "bgpd/wire/header.h"
#include "bgpd/wire/update.h"
#include "evpn/nlri_codec.h"
#include "fuzz/fuzz_check.h"
#include "rib/attr_store.h"
#include "rib/best_path.h"
#include "rib/loc_rib.h"
#include "rib/update_group.h"

namespace meshbgp::fuzz {
namespace {

constexpr uint32_t kLocalAs = 65000;
constexpr uint32_t kRouterId = 0x0a000001;
constexpr size_t kMaxMessage = wire::kMaxMessageSize;  // 4096: no extended messages
constexpr size_t kPeers = 4;

// The encoded attributes a route is compared by, and for EVPN its next hop,
// which is in MP_REACH (EncodeAttrs leaves it out). An IPv4 route's path may
// hold the next hop of an MP_REACH of another family that came with it;
// IPv4 is sent with NEXT_HOP only.
using AttrBytes = std::pair<std::vector<uint8_t>, std::vector<uint8_t>>;  // attrs, mp next hop
AttrBytes BytesOf(const wire::PathAttrs& a, bool mp_next_hop) {
  AttrBytes out;
  wire::EncodeAttrs(a, {.four_octet_as = true}, out.first);
  if (mp_next_hop) out.second = a.mp_next_hop;
  return out;
}

// What a peer holds of one family: key -> (attribute bytes, NLRI bytes).
template <typename Key>
using Table = absl::flat_hash_map<Key, std::pair<AttrBytes, std::vector<uint8_t>>>;

// An OutMember that decodes every buffer as the peer would, checks it, and
// keeps the table the peer now holds.
class Member : public rib::OutMember {
 public:
  explicit Member(const rib::PeerInfo& peer) : peer_(peer) {}
  const rib::PeerInfo& peer() const override { return peer_; }
  void Send(rib::Buffer messages) override {
    std::span<const uint8_t> stream(*messages);
    FUZZ_CHECK(!stream.empty());
    while (!stream.empty()) {
      FUZZ_CHECK(stream.size() >= wire::kHeaderSize);
      auto h = wire::DecodeHeader(stream.first(wire::kHeaderSize), kMaxMessage);
      FUZZ_CHECK(h.ok());
      FUZZ_CHECK(h->type == wire::MessageType::kUpdate && h->length <= stream.size());
      auto u = wire::DecodeUpdate(stream.subspan(wire::kHeaderSize, h->length - wire::kHeaderSize),
                                  {.four_octet_as = true, .ibgp = peer_.ibgp});
      FUZZ_CHECK(u.ok());
      FUZZ_CHECK(!u->treat_as_withdraw);
      Replay(*u);
      stream = stream.subspan(h->length);
    }
  }

  Table<wire::Ipv4Prefix> ipv4;
  Table<evpn::EvpnKey> evpn;

 private:
  void Replay(const wire::Update& u) {
    if (wire::EndOfRib(u)) return;
    for (const wire::Ipv4Prefix& p : u.withdrawn) ipv4.erase(p);
    const wire::AfiSafi kEvpn = wire::AfiSafiOf(wire::Family::kEvpn);
    if (u.mp_unreach) {
      FUZZ_CHECK(u.mp_unreach->afi_safi == kEvpn);  // the IPv4 writer never uses it
      FUZZ_CHECK(!evpn::ForEachEvpnNlri(u.mp_unreach->nlri, [&](const evpn::EvpnNlriRef& r) {
        evpn.erase(evpn::KeyOf(r));
      }));
    }
    if (!u.nlri.empty() || u.mp_reach) {
      for (const wire::Ipv4Prefix& p : u.nlri) ipv4[p] = {BytesOf(u.attrs, false), {}};
      if (u.mp_reach) {
        const AttrBytes attrs = BytesOf(u.attrs, true);
        FUZZ_CHECK(u.mp_reach->afi_safi == kEvpn && u.nlri.empty());
        FUZZ_CHECK(!evpn::ForEachEvpnNlri(u.mp_reach->nlri, [&](const evpn::EvpnNlriRef& r) {
          FUZZ_CHECK(!r.malformed());  // the RIB keeps no malformed route
          evpn[evpn::KeyOf(r)] = {attrs, {r.raw.begin(), r.raw.end()}};
        }));
      }
    }
  }

  const rib::PeerInfo& peer_;
};

// Posted tasks run when the harness drains them: between records, or
// after several when the input says so.
class TaskQueue {
 public:
  void Post(std::function<void()> task) { tasks_.push_back(std::move(task)); }
  void Drain() {
    while (!tasks_.empty()) {
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      task();
    }
  }

 private:
  std::deque<std::function<void()>> tasks_;
};

// The groups of one family, one per peer kind, and the RIB they export.
template <typename Family>
struct FamilyState {
  using Key = typename Family::Key;
  using PathT = typename Family::PathT;
  rib::LocRib<Key, PathT> rib{8};
  std::vector<std::unique_ptr<rib::UpdateGroupT<Family>>> groups;  // by rules index
  std::vector<Key> changed;
  ptrdiff_t paths_of[kPeers] = {};

  void Apply(const rib::PeerInfo& peer, std::span<const Key> withdraw, std::span<const Key> announce,
             const rib::AttrRef& attrs, std::span<const rib::NlriBlob> nlri = {}) {
    if (withdraw.empty() && announce.empty()) return;
    changed.clear();
    paths_of[peer.id - 1] += rib.Apply(&peer, withdraw, announce, attrs, &changed, nlri);
    MarkDirty(peer.id);
  }
  void RemovePeer(const rib::PeerInfo& peer) {
    changed.clear();
    const size_t removed = rib.RemovePeer(&peer, &changed);
    FUZZ_CHECK(static_cast<ptrdiff_t>(removed) == paths_of[peer.id - 1]);
    paths_of[peer.id - 1] = 0;
    MarkDirty(peer.id);
  }
  void MarkDirty(rib::PeerId cause) {
    if (changed.empty()) return;
    for (auto& g : groups)
      if (!g->empty()) g->MarkDirty(changed, cause);
  }

  // The RIB holds exactly the paths the peers were counted.
  void CheckCounts() const {
    ptrdiff_t per_peer[kPeers] = {}, total = 0;
    rib.ForEach([&](const Key&, std::span<const PathT> paths) {
      FUZZ_CHECK(!paths.empty());
      for (const PathT& p : paths) ++per_peer[p.peer->id - 1];
    });
    for (size_t i = 0; i < kPeers; ++i) {
      FUZZ_CHECK(per_peer[i] == paths_of[i]);
      total += paths_of[i];
    }
    FUZZ_CHECK(static_cast<ptrdiff_t>(rib.PathCount()) == total);
  }

  // What `member` of a group with `rules` holds of the current RIB: the
  // group's best path when the member accepts it, else the member's own
  // best (update_group.h), sent as Transform makes it.
  Table<Key> Expected(const rib::ExportRules& rules, const rib::PeerInfo& member) const {
    Table<Key> out;
    rib.ForEach([&](const Key& key, std::span<const PathT> paths) {
      auto group_ok = [&](const PathT& p) { return rules.GroupAccepts(p); };
      std::optional<size_t> best = rib::SelectBest(paths, group_ok);
      if (!best) return;
      if (!rules.MemberAccepts(member, paths[*best]))
        best = rib::SelectBest(paths, [&](const PathT& p) { return group_ok(p) && rules.MemberAccepts(member, p); });
      if (!best) return;
      const PathT& path = paths[*best];
      FUZZ_CHECK(path.peer->id != member.id);  // never its own route back
      std::vector<uint8_t> nlri;
      if constexpr (!std::is_same_v<PathT, rib::Path>) nlri = *path.nlri;
      out[key] = {BytesOf(rules.Transform(path), Family::kMpNextHop), std::move(nlri)};
    });
    return out;
  }
};

// A route whose attributes, as its group sends them, leave no room in a
// message for the route is withdrawn instead (UpdateGroupStats::unsendable):
// close to the limit, the member may hold it or not.
bool NearLimit(const AttrBytes& a) { return a.first.size() + a.second.size() + 128 > kMaxMessage; }

template <typename Key>
void CheckTable(const Table<Key>& got, const Table<Key>& want) {
  for (const auto& [key, route] : want) {
    auto it = got.find(key);
    if (it == got.end()) {
      FUZZ_CHECK(NearLimit(route.first));
      continue;
    }
    FUZZ_CHECK(it->second == route);
  }
  for (const auto& [key, route] : got) FUZZ_CHECK(want.contains(key));
}

class Harness {
 public:
  Harness() {
    const uint32_t asn[kPeers] = {65001, 65002, kLocalAs, kLocalAs};
    for (size_t i = 0; i < kPeers; ++i) {
      rib::PeerInfo& p = peers_[i];
      p.id = static_cast<rib::PeerId>(i + 1);
      p.asn = asn[i];
      p.router_id = 0x0a000002 + static_cast<uint32_t>(i);
      p.ibgp = asn[i] == kLocalAs;
      p.rr_client = i == 3;
      p.address = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, static_cast<uint8_t>(i + 2)};
      p.address_text = "10.0.0." + std::to_string(i + 2);
      p.group = i < 2 ? "clients" : i == 2 ? "mesh" : "reflected";
      group_of_[i] = i < 2 ? 0 : i == 2 ? 1 : 2;
    }
    const policy::ExportSettings settings[] = {
        {.local_as = kLocalAs, .ibgp = false, .route_server = true},
        {.local_as = kLocalAs, .ibgp = true, .route_server = false},
        {.local_as = kLocalAs, .ibgp = true, .route_server = false, .route_reflector = true,
         .cluster_id = kRouterId},
    };
    auto post = [this](std::function<void()> fn) { tasks_.Post(std::move(fn)); };
    for (const policy::ExportSettings& s : settings) {
      rules_.push_back(std::make_shared<policy::GroupExportRules>(s));
      const std::string name = std::to_string(rules_.size());
      ipv4_.groups.push_back(std::make_unique<rib::UpdateGroup>(name, rules_.back(), true, kMaxMessage,
                                                                &ipv4_.rib, post));
      evpn_.groups.push_back(std::make_unique<rib::EvpnUpdateGroup>(name + "|evpn", rules_.back(), true,
                                                                    kMaxMessage, &evpn_.rib, post));
    }
    for (size_t i = 0; i < kPeers; ++i) {
      members_v4_[i] = std::make_shared<Member>(peers_[i]);
      members_ev_[i] = std::make_shared<Member>(peers_[i]);
      Join(i);
    }
    tasks_.Drain();
  }

  ~Harness() {
    for (size_t i = 0; i < kPeers; ++i) Leave(i);
    ipv4_.groups.clear();
    evpn_.groups.clear();
    tasks_.Drain();  // tasks of gone groups do nothing
  }

  // One record: what RouteExchange::Import does with an UPDATE.
  void Receive(size_t peer, std::span<const uint8_t> body) {
    const rib::PeerInfo& p = peers_[peer];
    auto u = wire::DecodeUpdate(body, {.four_octet_as = true, .ibgp = p.ibgp});
    if (!u.ok() || wire::EndOfRib(*u)) return;  // a NOTIFICATION; End-of-RIB (no GR here)
    policy::ImportSession session{.ipv4 = true, .evpn = true, .ctx = {}};
    session.ctx = {.local_as = kLocalAs, .router_id = kRouterId, .cluster_id = kRouterId,
                   .peer_as = p.asn, .ibgp = p.ibgp};
    policy::ReadUpdate(*u, session, routes_);
    if (routes_.empty()) return;
    rib::AttrRef attrs;
    if (!routes_.announce.empty() || !routes_.evpn_announce.empty()) attrs = store_.Intern(std::move(u->attrs));
    ipv4_.Apply(p, routes_.withdraw, routes_.announce, attrs);
    evpn_.Apply(p, routes_.evpn_withdraw, routes_.evpn_announce, attrs, routes_.evpn_nlri);
  }

  // ROUTE-REFRESH, as RouteExchange::Refresh does it.
  void Refresh(size_t peer) {
    Leave(peer);
    Join(peer);
  }

  void Drain() { tasks_.Drain(); }

  void Check() {
    ipv4_.CheckCounts();
    evpn_.CheckCounts();
    for (size_t i = 0; i < kPeers; ++i) {
      const rib::ExportRules& rules = *rules_[group_of_[i]];
      CheckTable(members_v4_[i]->ipv4, ipv4_.Expected(rules, peers_[i]));
      CheckTable(members_ev_[i]->evpn, evpn_.Expected(rules, peers_[i]));
      FUZZ_CHECK(members_v4_[i]->evpn.empty() && members_ev_[i]->ipv4.empty());
    }
  }

  // Every peer goes: nothing may be left anywhere.
  void RemoveAll() {
    for (size_t i = 0; i < kPeers; ++i) {
      ipv4_.RemovePeer(peers_[i]);
      evpn_.RemovePeer(peers_[i]);
    }
    routes_ = {};
    tasks_.Drain();
    FUZZ_CHECK(ipv4_.rib.PathCount() == 0 && ipv4_.rib.PrefixCount() == 0);
    FUZZ_CHECK(evpn_.rib.PathCount() == 0 && evpn_.rib.PrefixCount() == 0);
    for (size_t i = 0; i < kPeers; ++i)
      FUZZ_CHECK(members_v4_[i]->ipv4.empty() && members_ev_[i]->evpn.empty());
    FUZZ_CHECK(store_.size() == 0);  // no reference leaked
  }

 private:
  void Join(size_t i) {
    ipv4_.groups[group_of_[i]]->AddMember(members_v4_[i]);
    evpn_.groups[group_of_[i]]->AddMember(members_ev_[i]);
  }
  void Leave(size_t i) {
    ipv4_.groups[group_of_[i]]->RemoveMember(members_v4_[i].get());
    evpn_.groups[group_of_[i]]->RemoveMember(members_ev_[i].get());
  }

  rib::AttrStore store_;  // outlives every AttrRef
  rib::PeerInfo peers_[kPeers];
  size_t group_of_[kPeers] = {};
  std::vector<std::shared_ptr<const policy::GroupExportRules>> rules_;
  TaskQueue tasks_;
  FamilyState<rib::Ipv4Family> ipv4_;
  FamilyState<rib::EvpnFamily> evpn_;
  std::shared_ptr<Member> members_v4_[kPeers], members_ev_[kPeers];
  policy::ImportedRoutes routes_;
};

}  // namespace
}  // namespace meshbgp::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  meshbgp::fuzz::Harness h;
  std::span<const uint8_t> in(data, size);
  while (in.size() >= 3) {
    const uint8_t flags = in[0];
    const size_t len = std::min<size_t>((size_t{in[1]} << 8) | in[2], in.size() - 3);
    h.Receive(flags & 3, in.subspan(3, len));
    in = in.subspan(3 + len);
    if (flags & 0x40) h.Refresh(flags & 3);
    if (!(flags & 0x80)) h.Drain();
  }
  h.Drain();
  h.Check();
  h.RemoveAll();
  return 0;
}
