// What an update group needs to know about an address family: its RIB key,
// what a stored path holds, and how routes are written into UPDATEs. IPv4
// unicast uses the Withdrawn Routes and NLRI fields; EVPN relays each
// route's NLRI bytes as received in MP_REACH_NLRI, with the path's own
// MP_REACH next hop, and withdraws in MP_UNREACH_NLRI.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "bgpd/wire/types.h"
#include "evpn/route_key.h"
#include "rib/mp_update_writer.h"
#include "rib/path.h"
#include "rib/update_writer.h"

namespace meshbgp::rib {

struct Ipv4Family {
  using Key = wire::Ipv4Prefix;
  using PathT = Path;
  using Item = wire::Ipv4Prefix;  // what an announcement is written from
  using Writer = UpdateWriter;
  static constexpr wire::Family kFamily = wire::Family::kIpv4Unicast;
  // The encoded attributes carry NEXT_HOP; nothing goes before them.
  static constexpr bool kMpNextHop = false;
  static const Item& ItemOf(const Key& key, const PathT&) { return key; }
};

// Writes EVPN routes: announcements from the paths' NLRI bytes,
// withdrawals from keys (see evpn::WithdrawalRoute). The attribute bytes it
// is given start with the MP_REACH next hop: its length, then its octets.
class EvpnWriter {
 public:
  using Sink = MpUpdateWriter::Sink;
  EvpnWriter(size_t max_message_size, Sink sink);

  void Withdraw(std::span<const evpn::EvpnKey> keys);
  void Announce(std::span<const uint8_t> next_hop_and_attrs, std::span<const NlriBlob> routes);
  void Finish() { writer_.Finish(); }

  uint64_t messages() const { return writer_.messages(); }
  uint64_t prefixes() const { return writer_.routes(); }
  uint64_t unsendable() const { return writer_.unsendable(); }

 private:
  MpUpdateWriter writer_;
  std::vector<RawNlri> views_;
};

struct EvpnFamily {
  using Key = evpn::EvpnKey;
  using PathT = EvpnPath;
  using Item = NlriBlob;
  using Writer = EvpnWriter;
  static constexpr wire::Family kFamily = wire::Family::kEvpn;
  static constexpr bool kMpNextHop = true;
  static const Item& ItemOf(const Key&, const PathT& path) { return path.nlri; }
};

}  // namespace meshbgp::rib
