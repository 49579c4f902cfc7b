#include "bgpd/session/open_negotiation.h"

#include <algorithm>

#include "bgpd/config/config.h"
#include "bgpd/session/graceful_restart_rules.h"

namespace meshbgp::session {

wire::Open BuildOpen(const SessionSettings& s, bool restarting) {
  wire::Open o;
  o.version = 4;
  o.my_as = s.local_as > 0xffff ? wire::kAsTrans : static_cast<uint16_t>(s.local_as);
  o.hold_time = s.hold_time;
  o.bgp_id = s.router_id;
  for (wire::Family f : s.families) o.caps.multiprotocol.push_back(wire::AfiSafiOf(f));
  o.caps.four_octet_as = s.local_as;
  o.caps.route_refresh = true;
  o.caps.enhanced_route_refresh = true;
  o.caps.extended_message = true;
  o.caps.graceful_restart = OurGracefulRestart(s, restarting);
  return o;
}

namespace {

wire::DecodeError BadPeerAs(uint32_t got, const std::string& want) {
  return wire::MakeError(wire::ErrorCode::kOpenMessage, wire::open_error::kBadPeerAs,
                         "peer AS " + config::AsnToString(got) + " is not " + want);
}

std::string DescribeRanges(const std::vector<config::AsRange>& ranges) {
  std::string out = "in peer_as [";
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (i) out += ", ";
    out += config::AsnToString(ranges[i].low);
    if (ranges[i].high != ranges[i].low) out += "-" + config::AsnToString(ranges[i].high);
  }
  return out + "]";
}

std::optional<wire::DecodeError> CheckPeerAs(const SessionSettings& s, uint32_t peer_as) {
  if (s.ibgp) {
    if (peer_as != s.local_as) return BadPeerAs(peer_as, "our AS (internal group " + s.group + ")");
    return std::nullopt;
  }
  if (peer_as == s.local_as) return BadPeerAs(peer_as, "an external AS (it is ours)");
  if (s.expected_as != 0) {
    if (peer_as != s.expected_as) return BadPeerAs(peer_as, config::AsnToString(s.expected_as));
    return std::nullopt;
  }
  if (s.allowed_as.empty()) return std::nullopt;
  for (const config::AsRange& r : s.allowed_as)
    if (r.Contains(peer_as)) return std::nullopt;
  return BadPeerAs(peer_as, DescribeRanges(s.allowed_as));
}

bool Offers(const wire::Open& o, wire::Family f) {
  const wire::AfiSafi as = wire::AfiSafiOf(f);
  return std::find(o.caps.multiprotocol.begin(), o.caps.multiprotocol.end(), as) !=
         o.caps.multiprotocol.end();
}

}  // namespace

wire::Result<Negotiated> Negotiate(const SessionSettings& s, const wire::Open& ours,
                                   const wire::Open& peer) {
  Negotiated n;
  n.peer_as = peer.PeerAs();
  if (auto err = CheckPeerAs(s, n.peer_as)) return *err;
  // RFC 6286 §2.1: identifiers must differ within an AS.
  if (peer.bgp_id == 0 || (s.ibgp && peer.bgp_id == s.router_id)) {
    return wire::MakeError(wire::ErrorCode::kOpenMessage, wire::open_error::kBadBgpIdentifier,
                           "peer BGP identifier " + wire::Ipv4ToString(peer.bgp_id) +
                               " is not acceptable");
  }
  n.peer_router_id = peer.bgp_id;
  n.hold_time = std::min(ours.hold_time, peer.hold_time);
  if (n.hold_time != 0 && n.hold_time < 3) {
    return wire::MakeError(wire::ErrorCode::kOpenMessage, wire::open_error::kUnacceptableHoldTime,
                           "hold time " + std::to_string(peer.hold_time) + " is not acceptable");
  }
  n.four_octet_as = peer.caps.four_octet_as.has_value();
  n.route_refresh = peer.caps.route_refresh;
  n.enhanced_route_refresh = peer.caps.enhanced_route_refresh;
  n.extended_message = peer.caps.extended_message && ours.caps.extended_message;
  n.max_message_size = n.extended_message ? wire::kMaxExtendedMessageSize : wire::kMaxMessageSize;
  n.graceful_restart = peer.caps.graceful_restart.has_value();
  if (ours.caps.graceful_restart && peer.caps.graceful_restart) {
    n.peer_gr = peer.caps.graceful_restart;
    n.gr_notification = ours.caps.graceful_restart->notification && n.peer_gr->notification;
  }
  n.add_path = !peer.caps.add_path.empty();
  // RFC 4760 §8: a speaker without the multiprotocol capability does IPv4
  // unicast only.
  const bool peer_mp = !peer.caps.multiprotocol.empty();
  for (wire::Family f : s.families) {
    const bool peer_has = peer_mp ? Offers(peer, f) : f == wire::Family::kIpv4Unicast;
    n.families[static_cast<size_t>(f)] = peer_has;
  }
  return n;
}

}  // namespace meshbgp::session
