#include "evpn/ext_communities.h"

#include <algorithm>

namespace meshbgp::evpn {
namespace {

uint8_t Octet(uint64_t ext, int i) { return static_cast<uint8_t>(ext >> (56 - 8 * i)); }
bool Is(uint64_t ext, uint8_t type, uint8_t subtype) {
  return Octet(ext, 0) == type && Octet(ext, 1) == subtype;
}
Mac MacAt2(uint64_t ext) {
  Mac m;
  for (int i = 0; i < 6; ++i) m.bytes[i] = Octet(ext, 2 + i);
  return m;
}

}  // namespace

std::optional<MacMobility> ParseMacMobility(uint64_t ext) {
  if (!Is(ext, kExtTypeEvpn, kEvpnSubMacMobility)) return std::nullopt;
  return MacMobility{(Octet(ext, 2) & 0x01) != 0, static_cast<uint32_t>(ext)};
}

uint64_t MakeMacMobility(const MacMobility& m) {
  return uint64_t{kExtTypeEvpn} << 56 | uint64_t{kEvpnSubMacMobility} << 48 |
         uint64_t{m.sticky ? 1u : 0u} << 40 | m.sequence;
}

std::optional<EsiLabel> ParseEsiLabel(uint64_t ext) {
  if (!Is(ext, kExtTypeEvpn, kEvpnSubEsiLabel)) return std::nullopt;
  return EsiLabel{(Octet(ext, 2) & 0x01) != 0, Label{{Octet(ext, 5), Octet(ext, 6), Octet(ext, 7)}}};
}

std::optional<Mac> ParseEsImportRt(uint64_t ext) {
  if (!Is(ext, kExtTypeEvpn, kEvpnSubEsImportRt)) return std::nullopt;
  return MacAt2(ext);
}

std::optional<Mac> ParseRouterMac(uint64_t ext) {
  if (!Is(ext, kExtTypeEvpn, kEvpnSubRouterMac)) return std::nullopt;
  return MacAt2(ext);
}

std::optional<uint16_t> ParseEncapsulation(uint64_t ext) {
  if (!Is(ext, kExtTypeOpaque, kOpaqueSubEncapsulation)) return std::nullopt;
  return static_cast<uint16_t>(ext);
}

std::optional<std::string> EvpnExtCommunityToString(uint64_t ext) {
  if (auto m = ParseMacMobility(ext)) {
    return "mac-mobility:" + std::to_string(m->sequence) + (m->sticky ? ":sticky" : "");
  }
  if (auto e = ParseEsiLabel(ext)) {
    return "esi-label:" + ToString(e->label) + (e->single_active ? ":single-active" : "");
  }
  if (auto mac = ParseEsImportRt(ext)) return "es-import:" + ToString(*mac);
  if (auto mac = ParseRouterMac(ext)) return "router-mac:" + ToString(*mac);
  if (Is(ext, kExtTypeOpaque, kOpaqueSubDefaultGateway)) return std::string("default-gateway");
  if (auto t = ParseEncapsulation(ext)) {
    switch (*t) {
      case 8: return std::string("encap:vxlan");
      case 9: return std::string("encap:nvgre");
      case 10: return std::string("encap:mpls");
      case 11: return std::string("encap:mpls-in-gre");
      case 12: return std::string("encap:vxlan-gpe");
      default: return "encap:" + std::to_string(*t);
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> MacMobilitySequence(const wire::PathAttrs& attrs) {
  std::optional<uint32_t> best;
  for (uint64_t ext : attrs.ext_communities) {
    if (auto m = ParseMacMobility(ext)) best = std::max(best.value_or(0), m->sequence);
  }
  return best;
}

}  // namespace meshbgp::evpn
