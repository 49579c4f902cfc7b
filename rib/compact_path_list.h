// The paths of one Loc-RIB destination in 16 bytes: one Path stored in
// place (the usual case on a route server: each prefix from one client),
// or a pointer to a heap array when there are several. The hash-table slot
// of an IPv4 destination is then 24 bytes instead of the 32 of an
// absl::InlinedVector<Path, 1>, whose separate size word the 16 bytes of
// one Path leave no room for. The two forms are told apart by the low bit
// of the first word: an AttrSet pointer is 8-aligned, the array pointer is
// stored with that bit set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <utility>

#include "rib/path.h"

namespace meshbgp::rib {

class CompactPathList {
 public:
  using value_type = Path;
  using iterator = Path*;
  using const_iterator = const Path*;

  CompactPathList() { new (raw_) Path(); }
  ~CompactPathList() { Reset(); }
  CompactPathList(CompactPathList&& other) noexcept { TakeFrom(other); }
  CompactPathList& operator=(CompactPathList&& other) noexcept {
    if (this != &other) {
      Reset();
      TakeFrom(other);
    }
    return *this;
  }
  CompactPathList(const CompactPathList&) = delete;
  CompactPathList& operator=(const CompactPathList&) = delete;

  size_t size() const { return OnHeap() ? HeapSize() : (Inline()->peer != nullptr ? 1 : 0); }
  bool empty() const { return size() == 0; }
  Path* data() { return OnHeap() ? HeapData() : Inline(); }
  const Path* data() const { return OnHeap() ? HeapData() : Inline(); }
  iterator begin() { return data(); }
  iterator end() { return data() + size(); }
  const_iterator begin() const { return data(); }
  const_iterator end() const { return data() + size(); }

  // `path.peer` must not be null (an in-place path with no peer is the
  // empty list).
  void push_back(Path&& path) {
    if (!OnHeap()) {
      Path* one = Inline();
      if (one->peer == nullptr) {
        *one = std::move(path);
        return;
      }
      Path* array = Allocate(kFirstHeapCapacity);
      new (array) Path(std::move(*one));
      new (array + 1) Path(std::move(path));
      one->~Path();
      SetHeap(array, 2, kFirstHeapCapacity);
      return;
    }
    Path* array = HeapData();
    uint32_t n = HeapSize(), cap = HeapCapacity();
    if (n == cap) {
      Path* bigger = Allocate(cap * 2);
      for (uint32_t i = 0; i < n; ++i) {
        new (bigger + i) Path(std::move(array[i]));
        array[i].~Path();
      }
      ::operator delete(array);
      array = bigger;
      cap *= 2;
    }
    new (array + n) Path(std::move(path));
    SetHeap(array, n + 1, cap);
  }

  // Removes *it (order of the others kept); back to the in-place form when
  // one path is left, so a destination that lost its extra paths costs no
  // heap memory.
  void erase(iterator it) {
    if (!OnHeap()) {
      *Inline() = Path();
      return;
    }
    Path* array = HeapData();
    const uint32_t n = HeapSize();
    for (Path* p = it; p + 1 < array + n; ++p) *p = std::move(*(p + 1));
    array[n - 1].~Path();
    if (n - 1 > 1) {
      SetHeap(array, n - 1, HeapCapacity());
      return;
    }
    Path last = n - 1 == 1 ? std::move(array[0]) : Path();
    if (n - 1 == 1) array[0].~Path();
    ::operator delete(array);
    new (raw_) Path(std::move(last));
  }

 private:
  static constexpr uint32_t kFirstHeapCapacity = 2;
  static constexpr uintptr_t kHeapTag = 1;

  uintptr_t Word(size_t i) const {
    uintptr_t w;
    std::memcpy(&w, raw_ + i * sizeof(uintptr_t), sizeof w);
    return w;
  }
  void SetWord(size_t i, uintptr_t w) { std::memcpy(raw_ + i * sizeof(uintptr_t), &w, sizeof w); }

  bool OnHeap() const { return (Word(0) & kHeapTag) != 0; }
  Path* Inline() { return std::launder(reinterpret_cast<Path*>(raw_)); }
  const Path* Inline() const { return std::launder(reinterpret_cast<const Path*>(raw_)); }
  Path* HeapData() const { return reinterpret_cast<Path*>(Word(0) & ~kHeapTag); }
  uint32_t HeapSize() const { return static_cast<uint32_t>(Word(1)); }
  uint32_t HeapCapacity() const { return static_cast<uint32_t>(Word(1) >> 32); }
  void SetHeap(Path* array, uint32_t size, uint32_t capacity) {
    SetWord(0, reinterpret_cast<uintptr_t>(array) | kHeapTag);
    SetWord(1, (static_cast<uintptr_t>(capacity) << 32) | size);
  }
  static Path* Allocate(uint32_t capacity) {
    return static_cast<Path*>(::operator new(capacity * sizeof(Path)));
  }

  // Leaves the in-place form holding nothing constructed.
  void Reset() {
    if (!OnHeap()) {
      Inline()->~Path();
      return;
    }
    Path* array = HeapData();
    for (uint32_t i = 0; i < HeapSize(); ++i) array[i].~Path();
    ::operator delete(array);
  }
  // this holds nothing constructed; other is left empty.
  void TakeFrom(CompactPathList& other) {
    if (other.OnHeap()) {
      std::memcpy(raw_, other.raw_, sizeof raw_);
    } else {
      new (raw_) Path(std::move(*other.Inline()));
      other.Inline()->~Path();
    }
    new (other.raw_) Path();
  }

  static_assert(sizeof(Path) == 2 * sizeof(uintptr_t) && alignof(Path) == alignof(uintptr_t),
                "CompactPathList stores one Path in two words");
  static_assert(sizeof(uintptr_t) == 8, "the heap form packs size and capacity in one word");
  alignas(Path) unsigned char raw_[sizeof(Path)];
};

}  // namespace meshbgp::rib
