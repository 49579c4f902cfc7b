// EVPN extended communities (RFC 7432 §7.5-7.7, RFC 9135 §8.1, RFC 4360
// §3.4 Default Gateway) and the BGP Encapsulation extended community
// (RFC 9012 §4.1, tunnel types of RFC 8365 §5.1.3), read for display and
// for MAC Mobility sequence comparison. Values are the 8 octets big-endian,
// as wire::PathAttrs::ext_communities holds them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bgpd/wire/types.h"
#include "evpn/fields.h"

namespace meshbgp::evpn {

inline constexpr uint8_t kExtTypeEvpn = 0x06;
inline constexpr uint8_t kEvpnSubMacMobility = 0x00;
inline constexpr uint8_t kEvpnSubEsiLabel = 0x01;
inline constexpr uint8_t kEvpnSubEsImportRt = 0x02;
inline constexpr uint8_t kEvpnSubRouterMac = 0x03;
inline constexpr uint8_t kExtTypeOpaque = 0x03;
inline constexpr uint8_t kOpaqueSubEncapsulation = 0x0c;
inline constexpr uint8_t kOpaqueSubDefaultGateway = 0x0d;
inline constexpr uint16_t kTunnelVxlan = 8;

struct MacMobility {
  bool sticky = false;  // flags bit "S" (RFC 7432 §7.7)
  uint32_t sequence = 0;
  friend bool operator==(const MacMobility&, const MacMobility&) = default;
};
std::optional<MacMobility> ParseMacMobility(uint64_t ext);
uint64_t MakeMacMobility(const MacMobility& m);

struct EsiLabel {
  bool single_active = false;
  Label label;
  friend bool operator==(const EsiLabel&, const EsiLabel&) = default;
};
std::optional<EsiLabel> ParseEsiLabel(uint64_t ext);

// ES-Import Route Target and EVPN Router's MAC carry a MAC address.
std::optional<Mac> ParseEsImportRt(uint64_t ext);
std::optional<Mac> ParseRouterMac(uint64_t ext);

// The tunnel type of an Encapsulation extended community (8 = VXLAN).
std::optional<uint16_t> ParseEncapsulation(uint64_t ext);

// "mac-mobility:5", "mac-mobility:5:sticky", "esi-label:label 6 vni 100:
// single-active", "es-import:00:11:22:33:44:55", "router-mac:02:..",
// "default-gateway", "encap:vxlan" (or "encap:N"); nullopt for any
// community that is none of these.
std::optional<std::string> EvpnExtCommunityToString(uint64_t ext);

// The sequence number of the route's MAC Mobility community; the highest if
// several are present (a route must carry one at most, RFC 7432 §7.7), and
// nullopt when none is.
std::optional<uint32_t> MacMobilitySequence(const wire::PathAttrs& attrs);

}  // namespace meshbgp::evpn
