// The PMSI Tunnel attribute (RFC 6514 §5) that inclusive-multicast routes
// carry (RFC 7432 §11.2), read for display only: a route server relays the
// attribute's bytes unchanged and never acts on it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "evpn/fields.h"

namespace meshbgp::evpn {

inline constexpr uint8_t kTunnelIngressReplication = 6;

struct PmsiTunnel {
  uint8_t flags = 0;  // bit 0x01: Leaf Information Required
  uint8_t tunnel_type = 0;
  Label label;  // MPLS label, or the VNI for VXLAN (RFC 8365 §5.1.3)
  std::vector<uint8_t> tunnel_id;
};

// nullopt when the value is shorter than its fixed part (5 octets).
std::optional<PmsiTunnel> ParsePmsiTunnel(std::span<const uint8_t> value);

// "ingress-replication", "pim-sm-tree", ... or "type-N".
std::string TunnelTypeName(uint8_t tunnel_type);
// The tunnel identifier: an address for a 4- or 16-octet identifier, hex
// otherwise.
std::string TunnelIdToString(const PmsiTunnel& t);

}  // namespace meshbgp::evpn
