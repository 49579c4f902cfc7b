// Hash-consed, immutable, reference-counted path-attribute sets. Identical
// attributes from any number of peers and prefixes are stored once; an
// AttrRef is one pointer. Thread-safe.
//
// Lifetime rule: the AttrStore must outlive every AttrRef it handed out
// (releasing the last reference unlinks the set from its store). Destroy
// the RIBs, update groups and sessions before the store.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

#include <boost/intrusive_ptr.hpp>

#include "bgpd/wire/types.h"

namespace meshbgp::rib {

class AttrStore;

class AttrSet {
 public:
  const wire::PathAttrs& attrs() const { return attrs_; }
  size_t hash() const { return hash_; }

 private:
  friend class AttrStore;
  friend void intrusive_ptr_add_ref(const AttrSet* a);
  friend void intrusive_ptr_release(const AttrSet* a);
  AttrSet(wire::PathAttrs attrs, size_t hash, AttrStore* store)
      : attrs_(std::move(attrs)), hash_(hash), store_(store) {}

  const wire::PathAttrs attrs_;
  const size_t hash_;
  AttrStore* const store_;
  mutable std::atomic<uint32_t> refs_{0};
};

using AttrRef = boost::intrusive_ptr<const AttrSet>;

class AttrStore {
 public:
  AttrStore();
  ~AttrStore();
  AttrStore(const AttrStore&) = delete;
  AttrStore& operator=(const AttrStore&) = delete;

  // Returns the one shared copy equal to `attrs`, creating it if needed.
  AttrRef Intern(wire::PathAttrs attrs);
  size_t size() const;  // distinct sets alive

  // Current reference count of `a` (tests and diagnostics).
  static uint32_t RefCount(const AttrSet& a) {
    return a.refs_.load(std::memory_order_relaxed);
  }

 private:
  friend void intrusive_ptr_release(const AttrSet* a);
  void Release(const AttrSet* a);
  struct Impl;
  Impl* impl_;
};

// A hash over every field of `a` (equal attributes hash equally).
size_t HashPathAttrs(const wire::PathAttrs& a);

// Reference counting for boost::intrusive_ptr. A count that reached zero is
// never raised again: Intern only revives a set by compare-exchange from a
// non-zero count, so exactly one thread frees each set.
inline void intrusive_ptr_add_ref(const AttrSet* a) {
  a->refs_.fetch_add(1, std::memory_order_relaxed);
}
inline void intrusive_ptr_release(const AttrSet* a) {
  if (a->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) a->store_->Release(a);
}

}  // namespace meshbgp::rib
