// Text forms of BGP communities (RFC 1997), extended communities (RFC 4360,
// RFC 5668, RFC 9012 encapsulation) and large communities (RFC 8092), as the
// control API, bgpctl and logs show them. Pure formatting, no parsing.
#pragma once

#include <cstdint>
#include <string>

#include "bgpd/wire/types.h"

namespace meshbgp::api {

// "no-export", "graceful-shutdown", ... for well-known values, else nullptr.
const char* WellKnownCommunityName(uint32_t community);
// The well-known name, or "ASN:VALUE" ("65001:100").
std::string CommunityToString(uint32_t community);

// "rt 65001:100", "soo 65001:7", "rt 10.0.0.1:5", "rt 4200000000:1",
// "encap vxlan"; anything else as its 8 octets in hex, "0x0c00000000000008".
std::string ExtCommunityToString(uint64_t ext_community);

// "65001:1:1".
std::string LargeCommunityToString(const wire::LargeCommunity& community);

}  // namespace meshbgp::api
