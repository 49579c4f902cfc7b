#include "bgpd/mrt/mrt_records.h"

#include "bgpd/wire/attrs_codec.h"
#include "bgpd/wire/bytes.h"

namespace meshbgp::mrt {

namespace {

using wire::AppendBytes;
using wire::AppendU16;
using wire::AppendU32;
using wire::AppendU8;

// Fills in the header's length once the record's message is written.
class Record {
 public:
  Record(std::vector<uint8_t>& out, uint32_t timestamp, uint16_t type, uint16_t subtype)
      : out_(out), start_(out.size()) {
    AppendHeader(out, timestamp, type, subtype, 0);
  }
  ~Record() {
    wire::PutU32(out_.data() + start_ + 8, static_cast<uint32_t>(out_.size() - start_ - kHeaderSize));
  }

 private:
  std::vector<uint8_t>& out_;
  const size_t start_;
};

void AppendAddress(std::vector<uint8_t>& out, const Address16& a) {
  if (IsV4Mapped(a)) {
    AppendBytes(out, std::span<const uint8_t>(a.data() + 12, 4));
  } else {
    AppendBytes(out, a);
  }
}

void AppendEntries(std::vector<uint8_t>& out, std::span<const RibEntry> entries) {
  AppendU16(out, static_cast<uint16_t>(entries.size()));
  for (const RibEntry& e : entries) {
    AppendU16(out, e.peer_index);
    AppendU32(out, e.originated);
    AppendU16(out, static_cast<uint16_t>(e.attrs.size()));
    AppendBytes(out, e.attrs);
  }
}

}  // namespace

bool IsV4Mapped(const Address16& a) {
  for (size_t i = 0; i < 10; ++i)
    if (a[i] != 0) return false;
  return a[10] == 0xff && a[11] == 0xff;
}

void AppendHeader(std::vector<uint8_t>& out, uint32_t timestamp, uint16_t type, uint16_t subtype,
                  uint32_t length) {
  AppendU32(out, timestamp);
  AppendU16(out, type);
  AppendU16(out, subtype);
  AppendU32(out, length);
}

void AppendPeerIndexTable(std::vector<uint8_t>& out, uint32_t timestamp, uint32_t collector_id,
                          std::string_view view_name, std::span<const PeerEntry> peers) {
  Record r(out, timestamp, kTypeTableDumpV2, table_dump_v2::kPeerIndexTable);
  AppendU32(out, collector_id);
  AppendU16(out, static_cast<uint16_t>(view_name.size()));
  out.insert(out.end(), view_name.begin(), view_name.end());
  AppendU16(out, static_cast<uint16_t>(peers.size()));
  for (const PeerEntry& p : peers) {
    // Peer Type: bit 0 = IPv6 address, bit 1 = 4-octet AS (we always use it).
    AppendU8(out, static_cast<uint8_t>((IsV4Mapped(p.address) ? 0 : 1) | 2));
    AppendU32(out, p.bgp_id);
    AppendAddress(out, p.address);
    AppendU32(out, p.asn);
  }
}

void AppendRibIpv4Unicast(std::vector<uint8_t>& out, uint32_t timestamp, uint32_t sequence,
                          const wire::Ipv4Prefix& prefix, std::span<const RibEntry> entries) {
  Record r(out, timestamp, kTypeTableDumpV2, table_dump_v2::kRibIpv4Unicast);
  AppendU32(out, sequence);
  AppendU8(out, prefix.len);
  for (int i = 0; i < (prefix.len + 7) / 8; ++i) AppendU8(out, static_cast<uint8_t>(prefix.addr >> (24 - 8 * i)));
  AppendEntries(out, entries);
}

void AppendRibGeneric(std::vector<uint8_t>& out, uint32_t timestamp, uint32_t sequence,
                      wire::AfiSafi afi_safi, std::span<const uint8_t> nlri,
                      std::span<const RibEntry> entries) {
  Record r(out, timestamp, kTypeTableDumpV2, table_dump_v2::kRibGeneric);
  AppendU32(out, sequence);
  AppendU16(out, afi_safi.afi);
  AppendU8(out, afi_safi.safi);
  AppendBytes(out, nlri);
  AppendEntries(out, entries);
}

void EncodeRibAttrs(const wire::PathAttrs& attrs, bool mp_family, std::vector<uint8_t>& out) {
  if (mp_family) {
    // Optional, non-transitive; the next hop alone (RFC 6396 §4.3.4).
    AppendU8(out, wire::kFlagOptional);
    AppendU8(out, static_cast<uint8_t>(wire::AttrType::kMpReachNlri));
    AppendU8(out, static_cast<uint8_t>(attrs.mp_next_hop.size() + 1));
    AppendU8(out, static_cast<uint8_t>(attrs.mp_next_hop.size()));
    AppendBytes(out, attrs.mp_next_hop);
  }
  wire::EncodeAttrs(attrs, wire::EncodeOptions{.four_octet_as = true}, out);
}

namespace {

// The fields every BGP4MP subtype starts with (RFC 6396 §4.4), AS numbers
// in 4 octets or 2.
void AppendBgp4mpPeers(std::vector<uint8_t>& out, const Bgp4mpPeers& peers, bool as4) {
  if (as4) {
    AppendU32(out, peers.peer_as);
    AppendU32(out, peers.local_as);
  } else {
    auto two = [](uint32_t as) { return static_cast<uint16_t>(as > 0xffff ? wire::kAsTrans : as); };
    AppendU16(out, two(peers.peer_as));
    AppendU16(out, two(peers.local_as));
  }
  AppendU16(out, peers.interface_index);
  AppendU16(out, IsV4Mapped(peers.peer_address) ? wire::kAfiIpv4 : wire::kAfiIpv6);
  AppendAddress(out, peers.peer_address);
  AppendAddress(out, peers.local_address);
}

}  // namespace

void AppendBgp4mpMessage(std::vector<uint8_t>& out, uint32_t timestamp, const Bgp4mpPeers& peers,
                         std::span<const uint8_t> message) {
  Record r(out, timestamp, kTypeBgp4mp, peers.as4 ? bgp4mp::kMessageAs4 : bgp4mp::kMessage);
  AppendBgp4mpPeers(out, peers, peers.as4);
  AppendBytes(out, message);
}

void AppendBgp4mpStateChange(std::vector<uint8_t>& out, uint32_t timestamp, const Bgp4mpPeers& peers,
                             uint16_t old_state, uint16_t new_state) {
  Record r(out, timestamp, kTypeBgp4mp, bgp4mp::kStateChangeAs4);
  AppendBgp4mpPeers(out, peers, /*as4=*/true);
  AppendU16(out, old_state);
  AppendU16(out, new_state);
}

}  // namespace meshbgp::mrt
