// The Loc-RIB: every accepted path for every destination of one address
// family (so it is also each session's post-policy Adj-RIB-In), split into
// shards by a hash of the key, each behind its own lock. Callers hand in a
// whole UPDATE's worth of keys; each shard is locked once per call.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <type_traits>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/container/inlined_vector.h>
#include <absl/hash/hash.h>

#include "rib/compact_path_list.h"
#include "rib/path.h"

namespace meshbgp::rib {

// IPv4 (P = Path) keeps its paths in 16 bytes (rib/compact_path_list.h);
// EvpnPath, which also holds the route's NLRI, in an InlinedVector.
template <typename P = Path>
using PathListOf =
    std::conditional_t<std::is_same_v<P, Path>, CompactPathList, absl::InlinedVector<P, 1>>;
using PathList = PathListOf<Path>;

// P is Path, or a type derived from it that keeps more per route (EvpnPath:
// the route's NLRI bytes, handed to Apply in `nlri`).
template <typename Key, typename P = Path>
class LocRib {
 public:
  explicit LocRib(size_t shard_count = 64) : shards_(std::max<size_t>(shard_count, 1)) {}
  LocRib(const LocRib&) = delete;
  LocRib& operator=(const LocRib&) = delete;

  // Applies one UPDATE from `peer`: withdraws, then announces sharing
  // `attrs`. Keys whose path list changed are appended to `changed`.
  // Returns the change in the number of paths stored for `peer`.
  // For EvpnPath, nlri[i] is announce[i]'s NLRI as received.
  ptrdiff_t Apply(const PeerInfo* peer, std::span<const Key> withdraw,
             std::span<const Key> announce, const AttrRef& attrs,
             std::vector<Key>* changed, std::span<const NlriBlob> nlri = {});

  // Removes every path of `peer` (session down or cleared); returns how many.
  size_t RemovePeer(const PeerInfo* peer, std::vector<Key>* changed);

  // Hands every path of `from` to `to`, attributes unchanged: the routes a
  // peer kept through its graceful restart pass to its new session, so its
  // announcements replace them in place. Where `to` already has a path the
  // one of `from` goes. Returns how many paths `to` gained.
  size_t RebindPeer(const PeerInfo* from, const PeerInfo* to);

  // Calls fn(std::span<const P>) for `key` under its shard lock; returns
  // false when the key has no path. fn must not call back into the RIB.
  template <typename F>
  bool Visit(const Key& key, F&& fn) const;

  // Calls fn(const Key&, std::span<const P>) for every key, shard by
  // shard, holding one shard's lock at a time.
  template <typename F>
  void ForEach(F&& fn) const;
  // The same for the keys of one shard (0 <= shard < shard_count()), so a
  // long walk can do its heavy work between shards, outside any lock.
  template <typename F>
  void ForEachInShard(size_t shard, F&& fn) const;

  size_t PrefixCount() const;
  size_t PathCount() const;
  size_t shard_count() const { return shards_.size(); }
  // The shard comes from the hash's high 32 bits (multiply-shift): the low
  // bits feed the shard's own flat_hash_map control bytes, and taking them
  // here would leave every key of a shard with nearly the same control byte.
  size_t ShardOf(const Key& key) const {
    const uint64_t high = static_cast<uint64_t>(absl::Hash<Key>{}(key)) >> 32;
    return static_cast<size_t>((high * shards_.size()) >> 32);
  }

 private:
  struct Shard {
    mutable std::mutex mu;
    absl::flat_hash_map<Key, PathListOf<P>> table;
    size_t paths = 0;
  };
  // Removes peer's path from `list`; true if one was there.
  static bool Erase(PathListOf<P>& list, const PeerInfo* peer);
  // Sets peer's path for `key` to `attrs`; true if anything changed.
  enum class AnnounceResult { kUnchanged, kReplaced, kAdded };
  static AnnounceResult Announce(Shard& shard, const Key& key, const PeerInfo* peer,
                                 const AttrRef& attrs, const NlriBlob* nlri);
  std::vector<Shard> shards_;
};

// ---- implementation ----

template <typename Key, typename P>
bool LocRib<Key, P>::Erase(PathListOf<P>& list, const PeerInfo* peer) {
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (it->peer == peer) {
      list.erase(it);
      return true;
    }
  }
  return false;
}

template <typename Key, typename P>
typename LocRib<Key, P>::AnnounceResult LocRib<Key, P>::Announce(Shard& shard, const Key& key,
                                                           const PeerInfo* peer,
                                                           const AttrRef& attrs,
                                                           const NlriBlob* nlri) {
  constexpr bool kHasNlri = std::is_base_of_v<EvpnPath, P>;
  auto same_nlri = [&](const P& p) {
    if constexpr (kHasNlri) return *p.nlri == **nlri;
    return true;
  };
  PathListOf<P>& list = shard.table[key];
  for (P& p : list) {
    if (p.peer != peer) continue;
    if (p.attrs == attrs && same_nlri(p)) return AnnounceResult::kUnchanged;  // identical
    p.attrs = attrs;
    if constexpr (kHasNlri) p.nlri = *nlri;
    return AnnounceResult::kReplaced;
  }
  P added;
  added.attrs = attrs;
  added.peer = peer;
  if constexpr (kHasNlri) added.nlri = *nlri;
  list.push_back(std::move(added));
  ++shard.paths;
  return AnnounceResult::kAdded;
}

template <typename Key, typename P>
ptrdiff_t LocRib<Key, P>::Apply(const PeerInfo* peer, std::span<const Key> withdraw,
                        std::span<const Key> announce, const AttrRef& attrs,
                        std::vector<Key>* changed, std::span<const NlriBlob> nlri) {
  // Group indices by shard so each lock is taken once for the whole message:
  // a counting sort (stable, so within a shard withdraws stay before
  // announces, in message order), linear where a comparison sort was the
  // largest cost of Apply.
  struct Item {
    uint32_t shard;
    uint32_t index;  // < withdraw.size(): withdraw; else announce
  };
  const size_t total = withdraw.size() + announce.size();
  absl::InlinedVector<uint32_t, 64> shard_of(total);
  absl::InlinedVector<uint32_t, 65> start(shards_.size() + 1, 0);
  for (size_t i = 0; i < total; ++i) {
    const Key& key = i < withdraw.size() ? withdraw[i] : announce[i - withdraw.size()];
    shard_of[i] = static_cast<uint32_t>(ShardOf(key));
    ++start[shard_of[i] + 1];
  }
  for (size_t s = 1; s < start.size(); ++s) start[s] += start[s - 1];
  absl::InlinedVector<Item, 64> items(total);
  for (size_t i = 0; i < total; ++i)
    items[start[shard_of[i]]++] = {shard_of[i], static_cast<uint32_t>(i)};

  ptrdiff_t delta = 0;
  size_t i = 0;
  while (i < items.size()) {
    Shard& shard = shards_[items[i].shard];
    std::lock_guard<std::mutex> lock(shard.mu);
    for (; i < items.size() && &shards_[items[i].shard] == &shard; ++i) {
      const uint32_t idx = items[i].index;
      if (idx < withdraw.size()) {
        const Key& key = withdraw[idx];
        auto it = shard.table.find(key);
        if (it == shard.table.end() || !Erase(it->second, peer)) continue;
        --shard.paths;
        --delta;
        if (it->second.empty()) shard.table.erase(it);
        if (changed) changed->push_back(key);
      } else {
        const size_t a = idx - withdraw.size();
        const Key& key = announce[a];
        AnnounceResult r = Announce(shard, key, peer, attrs, a < nlri.size() ? &nlri[a] : nullptr);
        if (r == AnnounceResult::kAdded) ++delta;
        if (r != AnnounceResult::kUnchanged && changed) changed->push_back(key);
      }
    }
  }
  return delta;
}

template <typename Key, typename P>
size_t LocRib<Key, P>::RemovePeer(const PeerInfo* peer, std::vector<Key>* changed) {
  size_t removed = 0;
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    for (auto it = shard.table.begin(); it != shard.table.end();) {
      if (Erase(it->second, peer)) {
        --shard.paths;
        ++removed;
        if (changed) changed->push_back(it->first);
        if (it->second.empty()) {
          shard.table.erase(it++);
          continue;
        }
      }
      ++it;
    }
  }
  return removed;
}

template <typename Key, typename P>
size_t LocRib<Key, P>::RebindPeer(const PeerInfo* from, const PeerInfo* to) {
  size_t moved = 0;
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    for (auto& [key, list] : shard.table) {
      auto old = std::find_if(list.begin(), list.end(), [&](const P& p) { return p.peer == from; });
      if (old == list.end()) continue;
      const bool taken = std::any_of(list.begin(), list.end(), [&](const P& p) { return p.peer == to; });
      if (taken) {
        list.erase(old);  // never empties the list: `to` has a path here
        --shard.paths;
      } else {
        old->peer = to;
        ++moved;
      }
    }
  }
  return moved;
}

template <typename Key, typename P>
template <typename F>
bool LocRib<Key, P>::Visit(const Key& key, F&& fn) const {
  const Shard& shard = shards_[ShardOf(key)];
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.table.find(key);
  if (it == shard.table.end()) return false;
  fn(std::span<const P>(it->second.data(), it->second.size()));
  return true;
}

template <typename Key, typename P>
template <typename F>
void LocRib<Key, P>::ForEach(F&& fn) const {
  for (size_t i = 0; i < shards_.size(); ++i) ForEachInShard(i, fn);
}

template <typename Key, typename P>
template <typename F>
void LocRib<Key, P>::ForEachInShard(size_t shard_index, F&& fn) const {
  const Shard& shard = shards_[shard_index];
  std::lock_guard<std::mutex> lock(shard.mu);
  for (const auto& [key, list] : shard.table)
    fn(key, std::span<const P>(list.data(), list.size()));
}

template <typename Key, typename P>
size_t LocRib<Key, P>::PrefixCount() const {
  size_t n = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    n += shard.table.size();
  }
  return n;
}

template <typename Key, typename P>
size_t LocRib<Key, P>::PathCount() const {
  size_t n = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    n += shard.paths;
  }
  return n;
}

}  // namespace meshbgp::rib
