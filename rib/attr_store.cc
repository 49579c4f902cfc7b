// Interning of path-attribute sets: a few independently locked hash sets of
// AttrSet pointers, looked up by value, unlinked when the last AttrRef goes.
#include "rib/attr_store.h"

#include <array>
#include <cassert>
#include <mutex>

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

namespace meshbgp::rib {
namespace {

// Feeds every field of a PathAttrs into an absl hash state. Written out by
// hand because wire types carry no AbslHashValue of their own.
struct HashableAttrs {
  const wire::PathAttrs& a;

  template <typename H, typename T>
  static H CombineOptional(H h, const std::optional<T>& v) {
    if (!v) return H::combine(std::move(h), false);
    return H::combine(std::move(h), true, *v);
  }

  template <typename H>
  friend H AbslHashValue(H h, const HashableAttrs& v) {
    const wire::PathAttrs& a = v.a;
    h = CombineOptional(std::move(h), a.origin);
    h = H::combine(std::move(h), a.as_path.has_value());
    if (a.as_path) {
      for (const wire::AsSegment& seg : a.as_path->segments)
        h = H::combine(std::move(h), seg.type, seg.asns);
      h = H::combine(std::move(h), a.as_path->segments.size());
    }
    h = CombineOptional(std::move(h), a.next_hop);
    h = H::combine(std::move(h), a.mp_next_hop);
    h = CombineOptional(std::move(h), a.med);
    h = CombineOptional(std::move(h), a.local_pref);
    h = H::combine(std::move(h), a.atomic_aggregate, a.aggregator.has_value());
    if (a.aggregator) h = H::combine(std::move(h), a.aggregator->asn, a.aggregator->address);
    h = H::combine(std::move(h), a.communities, a.ext_communities);
    for (const wire::LargeCommunity& c : a.large_communities)
      h = H::combine(std::move(h), c.global_admin, c.local1, c.local2);
    h = H::combine(std::move(h), a.large_communities.size());
    h = CombineOptional(std::move(h), a.originator_id);
    h = H::combine(std::move(h), a.cluster_list);
    for (const wire::RawAttr& r : a.other) h = H::combine(std::move(h), r.flags, r.type, r.value);
    return H::combine(std::move(h), a.other.size());
  }
};

// A value to look up without building an AttrSet first.
struct Lookup {
  const wire::PathAttrs* attrs;
  size_t hash;
};

// Stored sets are found by value (Lookup) when interning and by identity
// (AttrSet*) when unlinking; a shard never holds two equal live values.
struct SetHash {
  using is_transparent = void;
  size_t operator()(const AttrSet* a) const { return a->hash(); }
  size_t operator()(const Lookup& l) const { return l.hash; }
};
struct SetEq {
  using is_transparent = void;
  bool operator()(const AttrSet* a, const AttrSet* b) const { return a == b; }
  bool operator()(const AttrSet* a, const Lookup& l) const {
    return a->hash() == l.hash && a->attrs() == *l.attrs;
  }
  bool operator()(const Lookup& l, const AttrSet* a) const { return (*this)(a, l); }
};

constexpr size_t kShardCount = 16;

// High bits pick the shard: the low bits are the hash table's control bytes,
// and fixing them per shard would make every probe compare most entries.
size_t ShardIndex(size_t hash) { return (hash >> 48) % kShardCount; }

}  // namespace

struct AttrStore::Impl {
  struct Shard {
    mutable std::mutex mu;
    absl::flat_hash_set<const AttrSet*, SetHash, SetEq> sets;
  };
  std::array<Shard, kShardCount> shards;
};

size_t HashPathAttrs(const wire::PathAttrs& a) { return absl::Hash<HashableAttrs>{}({a}); }

AttrStore::AttrStore() : impl_(new Impl) {}

AttrStore::~AttrStore() {
  // Sets still referenced here break the lifetime rule in the header; they
  // are leaked rather than freed under their holders.
  assert(size() == 0 && "AttrStore destroyed while AttrRefs are alive");
  delete impl_;
}

AttrRef AttrStore::Intern(wire::PathAttrs attrs) {
  const size_t hash = HashPathAttrs(attrs);
  Impl::Shard& shard = impl_->shards[ShardIndex(hash)];
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.sets.find(Lookup{&attrs, hash});
  if (it != shard.sets.end()) {
    const AttrSet* found = *it;
    uint32_t refs = found->refs_.load(std::memory_order_relaxed);
    while (refs != 0) {
      if (found->refs_.compare_exchange_weak(refs, refs + 1, std::memory_order_relaxed))
        return AttrRef(found, /*add_ref=*/false);
    }
    // Its last reference is gone and its releaser is on the way to Release:
    // replace it; Release then finds nothing to unlink and just frees it.
    shard.sets.erase(it);
  }
  const AttrSet* created = new AttrSet(std::move(attrs), hash, this);
  created->refs_.store(1, std::memory_order_relaxed);
  shard.sets.insert(created);
  return AttrRef(created, /*add_ref=*/false);
}

void AttrStore::Release(const AttrSet* a) {
  {
    Impl::Shard& shard = impl_->shards[ShardIndex(a->hash())];
    std::lock_guard<std::mutex> lock(shard.mu);
    shard.sets.erase(a);  // by identity: a replacement stays
  }
  // The count is zero for good, so no other thread can reach `a` any more.
  delete a;
}

size_t AttrStore::size() const {
  size_t n = 0;
  for (const Impl::Shard& shard : impl_->shards) {
    std::lock_guard<std::mutex> lock(shard.mu);
    n += shard.sets.size();
  }
  return n;
}

}  // namespace meshbgp::rib
