#include "bgpd/daemon/mrt_dump.h"

#include <optional>

#include <absl/container/flat_hash_map.h>

#include "bgpd/mrt/mrt_records.h"

namespace meshbgp::daemon {

namespace {

// A peer index is 16 bits: beyond 65535 peers the rest are left out.
constexpr size_t kMaxPeers = 65535;

// Peers get their index in the order the walk meets them; the table is
// written first once the walk is done. A peer is known by its PeerInfo id,
// never by pointer: a peer that leaves during the walk may have its
// PeerInfo freed and the address reused.
class PeerIndex {
 public:
  // nullopt for a new peer once the 16-bit index is used up.
  std::optional<uint16_t> IndexOf(const rib::PeerInfo& p) {
    if (auto it = index_.find(p.id); it != index_.end()) return it->second;
    if (peers_.size() >= kMaxPeers) return std::nullopt;
    const auto i = static_cast<uint16_t>(peers_.size());
    index_.emplace(p.id, i);
    peers_.push_back({p.router_id, p.address, p.asn});
    return i;
  }
  const std::vector<mrt::PeerEntry>& peers() const { return peers_; }

 private:
  absl::flat_hash_map<rib::PeerId, uint16_t> index_;
  std::vector<mrt::PeerEntry> peers_;
};

// Encoded attributes per attribute set: a table of a million routes
// usually has a few thousand distinct sets. The AttrRef keeps the set alive
// (and its address unique) for the dump.
class AttrCache {
 public:
  explicit AttrCache(bool mp_family) : mp_family_(mp_family) {}
  std::span<const uint8_t> Encoded(const rib::AttrRef& a) {
    auto [it, added] = cache_.try_emplace(a.get());
    if (added) {
      it->second.ref = a;
      mrt::EncodeRibAttrs(a->attrs(), mp_family_, it->second.bytes);
    }
    return it->second.bytes;
  }

 private:
  struct Entry {
    rib::AttrRef ref;
    std::vector<uint8_t> bytes;
  };
  const bool mp_family_;
  absl::flat_hash_map<const rib::AttrSet*, Entry> cache_;
};

}  // namespace

std::string DumpRibMrt(const session::RouteExchange& exchange, uint32_t collector_id, uint32_t now) {
  PeerIndex peers;
  std::vector<uint8_t> ribs;
  std::vector<mrt::RibEntry> entries;
  uint32_t sequence = 0;

  AttrCache v4_attrs(/*mp_family=*/false);
  exchange.ipv4().ForEach([&](const wire::Ipv4Prefix& prefix, std::span<const rib::Path> paths) {
    entries.clear();
    for (const rib::Path& p : paths) {
      if (auto i = peers.IndexOf(*p.peer)) entries.push_back({*i, now, v4_attrs.Encoded(p.attrs)});
    }
    mrt::AppendRibIpv4Unicast(ribs, now, sequence++, prefix, entries);
  });

  // EVPN: paths of one key may carry different NLRI bytes (labels, ESI are
  // not part of the key); each distinct NLRI gets its own RIB_GENERIC.
  AttrCache evpn_attrs(/*mp_family=*/true);
  const wire::AfiSafi evpn_family = wire::AfiSafiOf(wire::Family::kEvpn);
  std::vector<bool> done;
  exchange.evpn().ForEach([&](const evpn::EvpnKey&, std::span<const rib::EvpnPath> paths) {
    done.assign(paths.size(), false);
    for (size_t i = 0; i < paths.size(); ++i) {
      if (done[i]) continue;
      entries.clear();
      for (size_t j = i; j < paths.size(); ++j) {
        if (done[j] || *paths[j].nlri != *paths[i].nlri) continue;
        done[j] = true;
        if (auto p = peers.IndexOf(*paths[j].peer))
          entries.push_back({*p, now, evpn_attrs.Encoded(paths[j].attrs)});
      }
      mrt::AppendRibGeneric(ribs, now, sequence++, evpn_family, *paths[i].nlri, entries);
    }
  });

  std::vector<uint8_t> out;
  mrt::AppendPeerIndexTable(out, now, collector_id, "meshbgp", peers.peers());
  std::string file(out.begin(), out.end());
  file.append(ribs.begin(), ribs.end());
  return file;
}

}  // namespace meshbgp::daemon
