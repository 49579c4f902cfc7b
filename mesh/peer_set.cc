#include "mesh/peer_set.h"

#include <algorithm>
#include <array>

namespace meshbgp::mesh {
namespace {

uint64_t Fnv1a(uint64_t h, const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

// FNV alone mixes the last bytes poorly; the finaliser spreads them so
// neighbouring pod addresses get unrelated scores.
uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void SortUnique(std::vector<Address>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

uint64_t RendezvousScore(uint32_t router_id, const Address& peer) {
  uint64_t h = 0xcbf29ce484222325ULL;
  const std::array<uint8_t, 4> rid{static_cast<uint8_t>(router_id >> 24),
                                   static_cast<uint8_t>(router_id >> 16),
                                   static_cast<uint8_t>(router_id >> 8),
                                   static_cast<uint8_t>(router_id)};
  h = Fnv1a(h, rid.data(), rid.size());
  if (peer.is_v4()) {
    const uint8_t family = 4;
    const auto bytes = peer.to_v4().to_bytes();
    h = Fnv1a(h, &family, 1);
    h = Fnv1a(h, bytes.data(), bytes.size());
  } else {
    const uint8_t family = 6;
    const auto bytes = peer.to_v6().to_bytes();
    h = Fnv1a(h, &family, 1);
    h = Fnv1a(h, bytes.data(), bytes.size());
  }
  return SplitMix64(h);
}

std::vector<Address> RendezvousChoose(uint32_t router_id,
                                      std::span<const Address> candidates,
                                      uint32_t max_peers) {
  std::vector<Address> out(candidates.begin(), candidates.end());
  if (max_peers != 0 && out.size() > max_peers) {
    std::vector<std::pair<uint64_t, Address>> scored;
    scored.reserve(out.size());
    for (const auto& a : out) scored.emplace_back(RendezvousScore(router_id, a), a);
    std::partial_sort(scored.begin(), scored.begin() + max_peers, scored.end(),
                      [](const auto& x, const auto& y) {
                        if (x.first != y.first) return x.first > y.first;
                        return x.second < y.second;
                      });
    out.clear();
    for (uint32_t i = 0; i < max_peers; ++i) out.push_back(scored[i].second);
  }
  std::sort(out.begin(), out.end());
  return out;
}

PeerDiff DesiredPeers::OnAnswer(std::span<const Address> answer,
                                std::span<const Address> local,
                                Clock::time_point now) {
  if (answer.empty()) return OnEmpty(now);
  empty_since_.reset();
  std::vector<Address> candidates;
  candidates.reserve(answer.size());
  for (const auto& a : answer) {
    if (std::find(local.begin(), local.end(), a) == local.end()) {
      candidates.push_back(a);
    }
  }
  SortUnique(candidates);
  return SetPeers(RendezvousChoose(options_.router_id, candidates,
                                   options_.max_peers));
}

PeerDiff DesiredPeers::OnEmpty(Clock::time_point now) {
  if (!empty_since_) empty_since_ = now;
  if (now - *empty_since_ < options_.grace) return {};
  return SetPeers({});
}

PeerDiff DesiredPeers::SetPeers(std::vector<Address> next) {
  PeerDiff diff;
  std::set_difference(next.begin(), next.end(), peers_.begin(), peers_.end(),
                      std::back_inserter(diff.add));
  std::set_difference(peers_.begin(), peers_.end(), next.begin(), next.end(),
                      std::back_inserter(diff.remove));
  peers_ = std::move(next);
  return diff;
}

}  // namespace meshbgp::mesh
