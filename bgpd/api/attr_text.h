// Text forms of the path attributes that are not communities: origin,
// aggregator, MP_REACH next hops. Shared by the control API's
// JSON, bgpctl and logs.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "bgpd/wire/types.h"

namespace meshbgp::api {

const char* OriginName(wire::Origin origin);  // "igp", "egp", "incomplete"

std::string AggregatorToString(const wire::Aggregator& aggregator);  // "65001 10.0.0.2"

// An MP_REACH next hop: 4 octets IPv4, 16 IPv6, 32 "global link-local";
// other lengths as hex ("0x...") since their layout is family-specific.
std::string NextHopToString(std::span<const uint8_t> next_hop);

}  // namespace meshbgp::api
