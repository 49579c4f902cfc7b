// Which workload prefixes one session currently holds: a bitmap indexed by
// prefix number, so a re-announcement counts once and a withdrawal uncounts.
// Prefixes in the excluded range (a client's own, when the route server
// sends them back) are held but counted apart.
#pragma once

#include <cstdint>
#include <vector>

namespace meshbgp::loadgen {

class PrefixCounter {
 public:
  PrefixCounter(uint32_t total, uint32_t excluded_begin, uint32_t excluded_end)
      : bits_((total + 63) / 64), ex_begin_(excluded_begin), ex_end_(excluded_end) {}

  void Add(uint32_t index) {
    uint64_t& word = bits_[index >> 6];
    const uint64_t bit = uint64_t{1} << (index & 63);
    if (word & bit) return;
    word |= bit;
    ++(Excluded(index) ? excluded_ : counted_);
  }
  void Remove(uint32_t index) {
    uint64_t& word = bits_[index >> 6];
    const uint64_t bit = uint64_t{1} << (index & 63);
    if (!(word & bit)) return;
    word &= ~bit;
    --(Excluded(index) ? excluded_ : counted_);
  }

  uint64_t counted() const { return counted_; }    // held, outside the excluded range
  uint64_t excluded() const { return excluded_; }  // held, inside it

 private:
  bool Excluded(uint32_t index) const { return index >= ex_begin_ && index < ex_end_; }
  std::vector<uint64_t> bits_;
  uint32_t ex_begin_;
  uint32_t ex_end_;
  uint64_t counted_ = 0;
  uint64_t excluded_ = 0;
};

}  // namespace meshbgp::loadgen
