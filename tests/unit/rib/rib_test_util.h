// Builders shared by the RIB tests: peers and attribute sets.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "bgpd/wire/types.h"
#include "rib/peer_info.h"

namespace meshbgp::rib::testing {

// A peer at 10.0.0.<n> with router id 10.0.0.<n>.
inline PeerInfo MakePeer(PeerId id, uint32_t asn, uint8_t n, bool ibgp = false) {
  PeerInfo p;
  p.id = id;
  p.asn = asn;
  p.router_id = 0x0a000000u | n;
  p.ibgp = ibgp;
  p.address[10] = 0xff;
  p.address[11] = 0xff;
  p.address[12] = 10;
  p.address[15] = n;
  p.address_text = "10.0.0." + std::to_string(n);
  return p;
}

inline wire::AsPath Sequence(std::initializer_list<uint32_t> asns) {
  wire::AsPath path;
  if (asns.size() > 0) path.segments.push_back({wire::AsSegmentType::kAsSequence, asns});
  return path;
}

// IGP-origin attributes with the given AS_PATH and next hop.
inline wire::PathAttrs BasicAttrs(std::initializer_list<uint32_t> as_path,
                                  uint32_t next_hop = 0x0a000001) {
  wire::PathAttrs a;
  a.origin = wire::Origin::kIgp;
  a.as_path = Sequence(as_path);
  a.next_hop = next_hop;
  return a;
}

inline wire::Ipv4Prefix Prefix(const char* text) { return *wire::ParseIpv4Prefix(text); }

}  // namespace meshbgp::rib::testing
