// `bgpctl dump rib`: the Loc-RIBs (IPv4 unicast and EVPN, every peer's
// paths) as one TABLE_DUMP_V2 file (RFC 6396), built from a walk of the
// RIB shards with bgpd/mrt's encoders.
#pragma once

#include <cstdint>
#include <string>

#include "bgpd/session/route_exchange.h"

namespace meshbgp::daemon {

// `collector_id` is our router id (host order); `now` the dump's timestamp.
std::string DumpRibMrt(const session::RouteExchange& exchange, uint32_t collector_id, uint32_t now);

}  // namespace meshbgp::daemon
