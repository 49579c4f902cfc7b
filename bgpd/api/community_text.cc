#include "bgpd/api/community_text.h"

#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>

namespace meshbgp::api {
namespace {

struct NamedCommunity {
  uint32_t value;
  const char* name;
};
// IANA "BGP Well-known Communities" registry, the ones operators meet.
constexpr NamedCommunity kWellKnown[] = {
    {0xFFFF0000, "graceful-shutdown"},  // RFC 8326
    {0xFFFF0006, "llgr-stale"},         // RFC 9494
    {0xFFFF0007, "no-llgr"},            // RFC 9494
    {0xFFFF029A, "blackhole"},          // RFC 7999
    {0xFFFFFF01, "no-export"},          // RFC 1997
    {0xFFFFFF02, "no-advertise"},       // RFC 1997
    {0xFFFFFF03, "no-export-subconfed"},  // RFC 1997
    {0xFFFFFF04, "no-peer"},            // RFC 3765
};

// Extended community type octets (RFC 4360 §3, RFC 5668, RFC 7153).
constexpr uint8_t kTypeTwoOctetAs = 0x00;
constexpr uint8_t kTypeIpv4Address = 0x01;
constexpr uint8_t kTypeFourOctetAs = 0x02;
constexpr uint8_t kTypeOpaque = 0x03;
constexpr uint8_t kSubtypeRouteTarget = 0x02;
constexpr uint8_t kSubtypeRouteOrigin = 0x03;
constexpr uint8_t kSubtypeEncapsulation = 0x0c;  // RFC 9012 §4.1

const char* AddressSpecificName(uint8_t subtype) {
  switch (subtype) {
    case kSubtypeRouteTarget: return "rt";
    case kSubtypeRouteOrigin: return "soo";
    default: return nullptr;
  }
}

// IANA "BGP Tunnel Encapsulation Attribute Tunnel Types".
const char* TunnelTypeName(uint16_t type) {
  switch (type) {
    case 8: return "vxlan";
    case 9: return "nvgre";
    case 10: return "mpls";
    case 11: return "mpls-in-gre";
    case 12: return "vxlan-gpe";
    case 13: return "mpls-in-udp";
    case 19: return "geneve";
    default: return nullptr;
  }
}

std::string Hex(uint64_t value) { return absl::StrFormat("0x%016x", value); }

}  // namespace

const char* WellKnownCommunityName(uint32_t community) {
  for (const auto& known : kWellKnown) {
    if (known.value == community) return known.name;
  }
  return nullptr;
}

std::string CommunityToString(uint32_t community) {
  if (const char* name = WellKnownCommunityName(community)) return name;
  return absl::StrCat(community >> 16, ":", community & 0xFFFF);
}

std::string ExtCommunityToString(uint64_t ext_community) {
  const auto type = static_cast<uint8_t>(ext_community >> 56);
  const auto subtype = static_cast<uint8_t>(ext_community >> 48);
  switch (type) {
    case kTypeTwoOctetAs:
      if (const char* name = AddressSpecificName(subtype)) {
        return absl::StrCat(name, " ", (ext_community >> 32) & 0xFFFF, ":",
                            ext_community & 0xFFFFFFFF);
      }
      break;
    case kTypeIpv4Address:
      if (const char* name = AddressSpecificName(subtype)) {
        return absl::StrCat(name, " ",
                            wire::Ipv4ToString(static_cast<uint32_t>(ext_community >> 16)),
                            ":", ext_community & 0xFFFF);
      }
      break;
    case kTypeFourOctetAs:
      if (const char* name = AddressSpecificName(subtype)) {
        return absl::StrCat(name, " ", (ext_community >> 16) & 0xFFFFFFFF, ":",
                            ext_community & 0xFFFF);
      }
      break;
    case kTypeOpaque:
      if (subtype == kSubtypeEncapsulation) {
        const auto tunnel = static_cast<uint16_t>(ext_community & 0xFFFF);
        if (const char* name = TunnelTypeName(tunnel)) return absl::StrCat("encap ", name);
        return absl::StrCat("encap ", tunnel);
      }
      break;
    default:
      break;
  }
  return Hex(ext_community);
}

std::string LargeCommunityToString(const wire::LargeCommunity& community) {
  return absl::StrCat(community.global_admin, ":", community.local1, ":", community.local2);
}

}  // namespace meshbgp::api
