// MRT records (RFC 6396) for RIB dumps and update logs: TABLE_DUMP_V2
// (PEER_INDEX_TABLE, RIB_IPV4_UNICAST, and RIB_GENERIC for families without
// a subtype of their own, such as L2VPN EVPN, AFI 25 / SAFI 70: RFC 6396
// §4.3.3; RFC 8050 adds only ADD-PATH variants), BGP4MP_MESSAGE_AS4 and
// BGP4MP_STATE_CHANGE_AS4.
// Pure encoders: each call appends one whole record to a byte buffer;
// whoever holds the RIB or the session walks it and writes the file.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "bgpd/wire/types.h"

namespace meshbgp::mrt {

inline constexpr uint16_t kTypeTableDumpV2 = 13;
inline constexpr uint16_t kTypeBgp4mp = 16;
namespace table_dump_v2 {
inline constexpr uint16_t kPeerIndexTable = 1;
inline constexpr uint16_t kRibIpv4Unicast = 2;
inline constexpr uint16_t kRibGeneric = 6;
}  // namespace table_dump_v2
namespace bgp4mp {
inline constexpr uint16_t kMessage = 1;
inline constexpr uint16_t kMessageAs4 = 4;
inline constexpr uint16_t kStateChangeAs4 = 5;
// BGP FSM states as BGP4MP_STATE_CHANGE numbers them (RFC 6396 §4.4.1).
enum class FsmState : uint16_t { kIdle = 1, kConnect, kActive, kOpenSent, kOpenConfirm, kEstablished };
}  // namespace bgp4mp
inline constexpr size_t kHeaderSize = 12;

// An address as 16 bytes: IPv4 is IPv4-mapped (::ffff:a.b.c.d), as in
// rib::PeerInfo.
using Address16 = std::array<uint8_t, 16>;
bool IsV4Mapped(const Address16& a);

struct PeerEntry {
  uint32_t bgp_id = 0;  // host order
  Address16 address{};
  uint32_t asn = 0;  // always written as 4 octets
};

struct RibEntry {
  uint16_t peer_index = 0;  // into the PEER_INDEX_TABLE
  uint32_t originated = 0;  // seconds since the epoch
  std::span<const uint8_t> attrs;  // see EncodeRibAttrs
};

// The MRT common header of a record whose message is `length` octets.
void AppendHeader(std::vector<uint8_t>& out, uint32_t timestamp, uint16_t type, uint16_t subtype,
                  uint32_t length);

void AppendPeerIndexTable(std::vector<uint8_t>& out, uint32_t timestamp, uint32_t collector_id,
                          std::string_view view_name, std::span<const PeerEntry> peers);
void AppendRibIpv4Unicast(std::vector<uint8_t>& out, uint32_t timestamp, uint32_t sequence,
                          const wire::Ipv4Prefix& prefix, std::span<const RibEntry> entries);
// `nlri` is one route as it appears in MP_REACH_NLRI (for EVPN: route type,
// length, value).
void AppendRibGeneric(std::vector<uint8_t>& out, uint32_t timestamp, uint32_t sequence,
                      wire::AfiSafi afi_safi, std::span<const uint8_t> nlri,
                      std::span<const RibEntry> entries);

// The attributes of a RIB entry: AS_PATH with 4-octet ASNs (RFC 6396
// §4.3.4), and for a family carried in MP_REACH_NLRI (`mp_family`) an
// MP_REACH_NLRI holding only the next hop length and next hop.
void EncodeRibAttrs(const wire::PathAttrs& attrs, bool mp_family, std::vector<uint8_t>& out);

struct Bgp4mpPeers {
  uint32_t peer_as = 0, local_as = 0;
  uint16_t interface_index = 0;
  Address16 peer_address{}, local_address{};  // both IPv4-mapped or both IPv6
  // The session negotiated 4-octet ASNs (RFC 6793), so its AS_PATHs hold
  // them. Without, messages are BGP4MP_MESSAGE records with 2-octet AS
  // fields (AS_TRANS for a larger AS): RFC 6396 §4.4.3 wants only 4-octet
  // AS_PATHs in BGP4MP_MESSAGE_AS4.
  bool as4 = true;
};
// BGP4MP_MESSAGE_AS4 (BGP4MP_MESSAGE without as4): one whole BGP message
// (header included) as received from or sent to the peer.
void AppendBgp4mpMessage(std::vector<uint8_t>& out, uint32_t timestamp, const Bgp4mpPeers& peers,
                         std::span<const uint8_t> message);
// BGP4MP_STATE_CHANGE_AS4: the session went from `old_state` to
// `new_state` (bgp4mp::FsmState values).
void AppendBgp4mpStateChange(std::vector<uint8_t>& out, uint32_t timestamp, const Bgp4mpPeers& peers,
                             uint16_t old_state, uint16_t new_state);

}  // namespace meshbgp::mrt
