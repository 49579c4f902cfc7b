#include "evpn/pmsi_tunnel.h"

#include "bgpd/wire/hex.h"

namespace meshbgp::evpn {

std::optional<PmsiTunnel> ParsePmsiTunnel(std::span<const uint8_t> value) {
  if (value.size() < 5) return std::nullopt;
  PmsiTunnel t;
  t.flags = value[0];
  t.tunnel_type = value[1];
  t.label.bytes = {value[2], value[3], value[4]};
  t.tunnel_id.assign(value.begin() + 5, value.end());
  return t;
}

std::string TunnelTypeName(uint8_t tunnel_type) {
  // RFC 6514 §5 and RFC 7524 (BIER is 11, RFC 8556).
  switch (tunnel_type) {
    case 0: return "no-tunnel-info";
    case 1: return "rsvp-te-p2mp";
    case 2: return "mldp-p2mp";
    case 3: return "pim-ssm-tree";
    case 4: return "pim-sm-tree";
    case 5: return "bidir-pim-tree";
    case 6: return "ingress-replication";
    case 7: return "mldp-mp2mp";
    case 11: return "bier";
    default: return "type-" + std::to_string(tunnel_type);
  }
}

std::string TunnelIdToString(const PmsiTunnel& t) {
  if (t.tunnel_id.size() == 4 || t.tunnel_id.size() == 16) return ToString(MakeIp(t.tunnel_id));
  return wire::ToHex(t.tunnel_id);
}

}  // namespace meshbgp::evpn
