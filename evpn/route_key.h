// The RIB key of an EVPN route: the fields that make two advertisements the
// same route, so that a later one replaces an earlier one (RFC 7432 §7.1-7.4,
// RFC 9136 §3.1). Labels, ESI of a MAC/IP route and the gateway of an IP
// Prefix route are attributes of the route, not part of its identity.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "evpn/route.h"

namespace meshbgp::evpn {

// Compact: the longest key of a known type (MAC/IP with IPv6, 36 octets)
// lives inline; only an unknown or malformed route whose value is longer
// than the inline array spills to the heap.
class EvpnKey {
 public:
  static constexpr size_t kInline = 56;

  EvpnKey() = default;
  // opaque: `fields` is a whole route value (unknown type or malformed),
  // never equal to a key made of fields.
  EvpnKey(uint8_t type, bool opaque, std::span<const uint8_t> fields);

  uint8_t type() const { return type_; }
  bool opaque() const { return opaque_; }
  std::span<const uint8_t> fields() const {
    return size_ <= kInline ? std::span<const uint8_t>(inline_.data(), size_)
                            : std::span<const uint8_t>(heap_);
  }

  friend bool operator==(const EvpnKey& a, const EvpnKey& b) {
    auto fa = a.fields(), fb = b.fields();
    return a.type_ == b.type_ && a.opaque_ == b.opaque_ &&
           std::equal(fa.begin(), fa.end(), fb.begin(), fb.end());
  }
  template <typename H>
  friend H AbslHashValue(H h, const EvpnKey& k) {
    auto f = k.fields();
    return H::combine_contiguous(H::combine(std::move(h), k.type_, k.opaque_, k.size_), f.data(),
                                 f.size());
  }

 private:
  uint8_t type_ = 0;
  bool opaque_ = false;
  uint16_t size_ = 0;
  std::array<uint8_t, kInline> inline_{};
  std::vector<uint8_t> heap_;  // only when size_ > kInline
};

// Type 1: RD, ESI, Ethernet Tag. Type 2: RD, Ethernet Tag, MAC length, MAC,
// IP length, IP. Type 3: RD, Ethernet Tag, IP length, IP. Type 4: RD, ESI,
// IP length, IP. Type 5: RD, Ethernet Tag, IP prefix length, IP prefix.
// Unknown types and malformed routes: the whole value, opaque.
EvpnKey KeyOf(const EvpnNlriRef& r);
inline EvpnKey KeyOf(const EvpnRoute& r) { return KeyOf(r.ref()); }

// A route with key `k` for withdrawing it (MP_UNREACH_NLRI) once the route
// as received is gone: the fields outside the key (ESI of a MAC/IP route,
// labels, gateway) are zero, which RFC 7432 §7 and RFC 9136 §3.2 have
// receivers ignore on withdrawal. Opaque keys give back the route itself.
EvpnRoute WithdrawalRoute(const EvpnKey& k);

// "[2]:[10.0.0.1:100]:[0]:[02:00:00:00:00:01]:[10.1.0.5]"; see route_text.h.
std::string ToString(const EvpnKey& k);

}  // namespace meshbgp::evpn
