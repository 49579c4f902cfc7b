// RIB costs per route: interning attribute sets, the decision process and
// applying a 1000-prefix UPDATE to the sharded Loc-RIB.
#include <benchmark/benchmark.h>

#include <vector>

#include "bgpd/wire/types.h"
#include "rib/attr_store.h"
#include "rib/best_path.h"
#include "rib/loc_rib.h"
#include "rib/path.h"
#include "rib/peer_info.h"

namespace meshbgp::rib {
namespace {

constexpr int kPrefixes = 1000;

wire::PathAttrs Attrs(uint32_t asn, uint32_t next_hop) {
  wire::PathAttrs a;
  a.origin = wire::Origin::kIgp;
  a.as_path = wire::AsPath{{wire::AsSegment{wire::AsSegmentType::kAsSequence, {asn}}}};
  a.next_hop = next_hop;
  a.communities = {asn << 16 | 1};
  return a;
}

PeerInfo Peer(PeerId id, uint32_t asn, uint8_t last_octet) {
  PeerInfo p;
  p.id = id;
  p.asn = asn;
  p.router_id = 0x0a000100u | last_octet;
  p.address[10] = 0xff;
  p.address[11] = 0xff;
  p.address[12] = 10;
  p.address[14] = 1;
  p.address[15] = last_octet;
  return p;
}

std::vector<wire::Ipv4Prefix> Slash24s(int n, uint32_t base = 0x64000000u) {
  std::vector<wire::Ipv4Prefix> out;
  for (int i = 0; i < n; ++i) out.push_back({base + (static_cast<uint32_t>(i) << 8), 24});
  return out;
}

// The common case: the set already exists (every UPDATE of a peer carries
// the same attributes). Includes copying the decoded attributes in.
void BM_InternRepeated(benchmark::State& state) {
  AttrStore store;
  const wire::PathAttrs a = Attrs(65001, 0x0a000101);
  AttrRef keep = store.Intern(a);
  for (auto _ : state) {
    AttrRef r = store.Intern(a);
    benchmark::DoNotOptimize(r.get());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InternRepeated);

// Every set is new and stays referenced (as a RIB would hold it), so each
// Intern allocates and inserts; batches of `range(0)` sets.
void BM_InternDistinct(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  std::vector<wire::PathAttrs> sets;
  for (int i = 0; i < batch; ++i) sets.push_back(Attrs(65001 + i, 0x0a000000u + i));
  std::vector<AttrRef> refs;
  refs.reserve(batch);
  for (auto _ : state) {
    AttrStore store;
    for (const auto& a : sets) refs.push_back(store.Intern(a));
    state.PauseTiming();
    refs.clear();  // before the store goes
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_InternDistinct)->Arg(1000)->Arg(100000);

// Two eBGP paths that tie until the router id: the longest comparison a
// route server meets for the same prefix from two clients.
void BM_ComparePathsToRouterId(benchmark::State& state) {
  AttrStore store;
  PeerInfo pa = Peer(1, 65001, 1), pb = Peer(2, 65002, 2);
  Path a{store.Intern(Attrs(65001, 0x0a000101)), &pa};
  Path b{store.Intern(Attrs(65002, 0x0a000102)), &pb};
  for (auto _ : state) {
    Comparison c = ComparePaths(a, b);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComparePathsToRouterId);

// Decided at the first step.
void BM_ComparePathsLocalPref(benchmark::State& state) {
  AttrStore store;
  PeerInfo pa = Peer(1, 65001, 1), pb = Peer(2, 65002, 2);
  wire::PathAttrs high = Attrs(65001, 0x0a000101);
  high.local_pref = 200;
  Path a{store.Intern(high), &pa};
  Path b{store.Intern(Attrs(65002, 0x0a000102)), &pb};
  for (auto _ : state) {
    Comparison c = ComparePaths(a, b);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComparePathsLocalPref);

// 1000 new prefixes from one peer into an empty RIB (64 shards), keys of
// changed destinations collected as the session layer does.
void BM_LocRibApplyAnnounce1000(benchmark::State& state) {
  AttrStore store;
  PeerInfo peer = Peer(1, 65001, 1);
  AttrRef attrs = store.Intern(Attrs(65001, 0x0a000101));
  const auto keys = Slash24s(kPrefixes);
  std::vector<wire::Ipv4Prefix> changed;
  LocRib<wire::Ipv4Prefix> rib;
  for (auto _ : state) {
    changed.clear();
    rib.Apply(&peer, {}, keys, attrs, &changed);
    state.PauseTiming();
    rib.RemovePeer(&peer, nullptr);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kPrefixes);
}
BENCHMARK(BM_LocRibApplyAnnounce1000);

// A second client announcing the same 1000 prefixes: each key gains a
// second path (the route-server steady state is many paths per key).
void BM_LocRibApplySecondPath1000(benchmark::State& state) {
  AttrStore store;
  PeerInfo first = Peer(1, 65001, 1), second = Peer(2, 65002, 2);
  AttrRef a1 = store.Intern(Attrs(65001, 0x0a000101));
  AttrRef a2 = store.Intern(Attrs(65002, 0x0a000102));
  const auto keys = Slash24s(kPrefixes);
  std::vector<wire::Ipv4Prefix> changed;
  LocRib<wire::Ipv4Prefix> rib;
  rib.Apply(&first, {}, keys, a1, nullptr);
  for (auto _ : state) {
    changed.clear();
    rib.Apply(&second, {}, keys, a2, &changed);
    state.PauseTiming();
    rib.Apply(&second, keys, {}, AttrRef(), nullptr);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kPrefixes);
}
BENCHMARK(BM_LocRibApplySecondPath1000);

// Withdrawing 1000 prefixes a peer holds.
void BM_LocRibApplyWithdraw1000(benchmark::State& state) {
  AttrStore store;
  PeerInfo peer = Peer(1, 65001, 1);
  AttrRef attrs = store.Intern(Attrs(65001, 0x0a000101));
  const auto keys = Slash24s(kPrefixes);
  std::vector<wire::Ipv4Prefix> changed;
  LocRib<wire::Ipv4Prefix> rib;
  for (auto _ : state) {
    state.PauseTiming();
    rib.Apply(&peer, {}, keys, attrs, nullptr);
    changed.clear();
    state.ResumeTiming();
    rib.Apply(&peer, keys, {}, AttrRef(), &changed);
  }
  state.SetItemsProcessed(state.iterations() * kPrefixes);
}
BENCHMARK(BM_LocRibApplyWithdraw1000);

}  // namespace
}  // namespace meshbgp::rib
