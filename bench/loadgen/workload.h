// The fan-out workload: client i announces prefixes i*P .. i*P+P-1, each a
// /24 numbered upward from a base address, with AS path [client AS], next
// hop = the client's address and ORIGIN IGP. Prefix numbers index the
// collectors' bitmaps, so a received prefix maps back to its number here.
// In the EVPN mode (family kEvpn) each number is instead one MAC/IP
// (type-2) route instead, built in evpn_workload.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "bgpd/wire/attrs_codec.h"
#include "bgpd/wire/types.h"

namespace meshbgp::loadgen {

class Workload {
 public:
  Workload(uint32_t prefix_base, uint32_t clients, uint32_t per_client,
           wire::Family family = wire::Family::kIpv4Unicast)
      : base_(prefix_base), clients_(clients), per_client_(per_client), family_(family) {}

  wire::Family family() const { return family_; }

  uint32_t clients() const { return clients_; }
  uint32_t per_client() const { return per_client_; }
  uint32_t total() const { return clients_ * per_client_; }
  uint32_t FirstIndexOf(uint32_t client) const { return client * per_client_; }

  wire::Ipv4Prefix PrefixAt(uint32_t index) const { return {base_ + (index << 8), 24}; }
  // The number of `p`, or nullopt when it is not one of the workload's.
  std::optional<uint32_t> IndexOf(const wire::Ipv4Prefix& p) const {
    if (p.len != 24 || p.addr < base_) return std::nullopt;
    uint32_t index = (p.addr - base_) >> 8;
    if (index >= total()) return std::nullopt;
    return index;
  }

  // EVPN mode: the number of a type-2 route (its raw NLRI), or nullopt when
  // it is not one of the workload's.
  std::optional<uint32_t> IndexOfEvpn(std::span<const uint8_t> route) const;

  // The UPDATE messages that announce all of `client`'s prefixes (EVPN
  // mode: routes), packed up to max_message_size each.
  std::vector<uint8_t> EncodeAnnouncements(uint32_t client, uint32_t asn, uint32_t next_hop,
                                           const wire::EncodeOptions& opts,
                                           size_t max_message_size) const;

 private:
  std::vector<uint8_t> EncodeEvpnAnnouncements(uint32_t client, uint32_t asn, uint32_t next_hop,
                                               const wire::EncodeOptions& opts,
                                               size_t max_message_size) const;
  uint32_t base_;
  uint32_t clients_;
  uint32_t per_client_;
  wire::Family family_;
};

}  // namespace meshbgp::loadgen
