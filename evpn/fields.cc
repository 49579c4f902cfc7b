#include "evpn/fields.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>

#include "bgpd/wire/bytes.h"
#include "bgpd/wire/hex.h"
#include "bgpd/wire/types.h"

namespace meshbgp::evpn {
namespace {

std::string ColonHex(std::span<const uint8_t> b) {
  std::string out;
  out.reserve(b.size() * 3);
  static constexpr char kDigits[] = "0123456789abcdef";
  for (size_t i = 0; i < b.size(); ++i) {
    if (i) out.push_back(':');
    out.push_back(kDigits[b[i] >> 4]);
    out.push_back(kDigits[b[i] & 0xf]);
  }
  return out;
}

}  // namespace

std::string ToString(const Rd& rd) {
  const uint8_t* v = rd.bytes.data() + 2;
  switch (wire::GetU16(rd.bytes.data())) {
    case 0:
      return std::to_string(wire::GetU16(v)) + ":" + std::to_string(wire::GetU32(v + 2));
    case 1:
      return wire::Ipv4ToString(wire::GetU32(v)) + ":" + std::to_string(wire::GetU16(v + 4));
    case 2:
      return std::to_string(wire::GetU32(v)) + ":" + std::to_string(wire::GetU16(v + 4));
    default:
      return "rd-type-" + std::to_string(wire::GetU16(rd.bytes.data())) + ":" +
             wire::ToHex({v, 6});
  }
}

std::string ToString(const Esi& esi) { return ColonHex(esi.bytes); }
std::string ToString(const Mac& mac) { return ColonHex(mac.bytes); }

IpAddr MakeIp(std::span<const uint8_t> bytes) {
  IpAddr ip;
  ip.size = static_cast<uint8_t>(std::min<size_t>(bytes.size(), ip.bytes.size()));
  std::copy_n(bytes.begin(), ip.size, ip.bytes.begin());
  return ip;
}

std::string ToString(const IpAddr& ip) {
  if (ip.size == 4) return wire::Ipv4ToString(wire::GetU32(ip.bytes.data()));
  if (ip.size == 16) {
    char buf[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, ip.bytes.data(), buf, sizeof buf)) return buf;
  }
  return wire::ToHex(ip.view());
}

Label MplsLabel(uint32_t label, bool bottom_of_stack) {
  return VniLabel((label & 0xfffff) << 4 | (bottom_of_stack ? 1 : 0));
}

Label VniLabel(uint32_t vni) {
  return Label{{static_cast<uint8_t>(vni >> 16), static_cast<uint8_t>(vni >> 8),
                static_cast<uint8_t>(vni)}};
}

std::string ToString(const Label& l) {
  return "label " + std::to_string(l.Mpls()) + " vni " + std::to_string(l.Vni());
}

}  // namespace meshbgp::evpn
