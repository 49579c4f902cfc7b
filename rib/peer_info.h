// What the RIB needs to know about the session a path came from: identity
// for tie-breaks and the eBGP/iBGP/reflector roles. Immutable while any path
// of the session is stored; the session owns it.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace meshbgp::rib {

using PeerId = uint32_t;

struct PeerInfo {
  PeerId id = 0;
  uint32_t asn = 0;        // remote AS
  uint32_t router_id = 0;  // remote BGP identifier, host order
  bool ibgp = false;
  bool rr_client = false;  // RFC 4456 client of ours
  // Remote address as 16 bytes (IPv4-mapped for IPv4), for the final
  // tie-break and for display.
  std::array<uint8_t, 16> address{};
  std::string address_text;  // "10.0.0.1"
  std::string group;         // config group name
};

}  // namespace meshbgp::rib
