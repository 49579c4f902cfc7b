// The EVPN mode of the workload: route number i is a MAC/IP (type-2) route
// of client c = i / P, as a VTEP sends it: RD c's address:100, MAC
// 02:00:<i, 4 octets>, IPv4 address base + i, VNI 100 as its label, route
// target <AS>:100 and the VXLAN encapsulation community, next hop the
// client's address in MP_REACH_NLRI. The MAC maps a received route back to
// its number.
#include "bench/loadgen/workload.h"
#include "evpn/route.h"
#include "rib/mp_update_writer.h"

namespace meshbgp::loadgen {
namespace {

constexpr uint16_t kVni = 100;

evpn::MacIp RouteAt(uint32_t index, uint32_t client_addr, uint32_t ip) {
  evpn::MacIp r;
  r.rd.bytes = {0, 1, static_cast<uint8_t>(client_addr >> 24), static_cast<uint8_t>(client_addr >> 16),
                static_cast<uint8_t>(client_addr >> 8), static_cast<uint8_t>(client_addr), 0, kVni};
  r.mac.bytes = {0x02, 0x00, static_cast<uint8_t>(index >> 24), static_cast<uint8_t>(index >> 16),
                 static_cast<uint8_t>(index >> 8), static_cast<uint8_t>(index)};
  const uint8_t ip_bytes[4] = {static_cast<uint8_t>(ip >> 24), static_cast<uint8_t>(ip >> 16),
                               static_cast<uint8_t>(ip >> 8), static_cast<uint8_t>(ip)};
  r.ip = evpn::MakeIp(ip_bytes);
  r.label1 = evpn::VniLabel(kVni);
  return r;
}

}  // namespace

std::optional<uint32_t> Workload::IndexOfEvpn(std::span<const uint8_t> route) const {
  // type, length, RD (8), ESI (10), Ethernet tag (4), MAC length, MAC.
  constexpr size_t kMac = 2 + 8 + 10 + 4 + 1;
  if (route.size() < kMac + 6 || route[0] != static_cast<uint8_t>(evpn::RouteType::kMacIp) ||
      route[kMac - 1] != 48 || route[kMac] != 0x02 || route[kMac + 1] != 0x00)
    return std::nullopt;
  const uint32_t index = uint32_t{route[kMac + 2]} << 24 | uint32_t{route[kMac + 3]} << 16 |
                         uint32_t{route[kMac + 4]} << 8 | route[kMac + 5];
  if (index >= total()) return std::nullopt;
  return index;
}

std::vector<uint8_t> Workload::EncodeEvpnAnnouncements(uint32_t client, uint32_t asn, uint32_t next_hop,
                                                       const wire::EncodeOptions& opts,
                                                       size_t max_message_size) const {
  wire::PathAttrs attrs;
  attrs.origin = wire::Origin::kIgp;
  attrs.as_path = wire::AsPath{{wire::AsSegment{wire::AsSegmentType::kAsSequence, {asn}}}};
  // Route target AS:100 (2-octet AS form when it fits, else 4-octet AS) and
  // Encapsulation VXLAN (RFC 9012 §4.1, tunnel type 8).
  const uint64_t rt = asn <= 0xffff ? (uint64_t{0x0002} << 48 | uint64_t{asn} << 32 | kVni)
                                    : (uint64_t{0x0202} << 48 | uint64_t{asn} << 16 | kVni);
  attrs.ext_communities = {rt, uint64_t{0x030c} << 48 | 8};
  std::vector<uint8_t> encoded_attrs;
  wire::EncodeAttrs(attrs, opts, encoded_attrs);
  const uint8_t nh[4] = {static_cast<uint8_t>(next_hop >> 24), static_cast<uint8_t>(next_hop >> 16),
                         static_cast<uint8_t>(next_hop >> 8), static_cast<uint8_t>(next_hop)};

  // Built once per session before the clock starts: allocation is fine here.
  std::vector<evpn::EvpnRoute> routes;
  routes.reserve(per_client_);
  for (uint32_t i = 0; i < per_client_; ++i) {
    const uint32_t index = FirstIndexOf(client) + i;
    routes.push_back(evpn::MakeRoute(RouteAt(index, next_hop, base_ + index)));
  }
  std::vector<rib::RawNlri> views;
  views.reserve(routes.size());
  for (const evpn::EvpnRoute& r : routes) views.push_back(r.raw);
  std::vector<uint8_t> out;
  rib::MpUpdateWriter writer(wire::AfiSafiOf(wire::Family::kEvpn), max_message_size,
                             [&](rib::Buffer b) { out.insert(out.end(), b->begin(), b->end()); });
  writer.Announce(nh, encoded_attrs, views);
  writer.Finish();
  return out;
}

}  // namespace meshbgp::loadgen
