// The OPEN message (RFC 4271 §4.2) with its capabilities. DecodeOpen does
// the checks of RFC 4271 §6.2 that need nothing but the message itself;
// the session checks the peer AS and hold time against its configuration.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "bgpd/wire/capabilities.h"
#include "bgpd/wire/result.h"

namespace meshbgp::wire {

struct Open {
  uint8_t version = 4;
  uint16_t my_as = 0;
  uint16_t hold_time = 0;
  uint32_t bgp_id = 0;  // host order
  Capabilities caps;

  // The 4-octet AS capability if present (RFC 6793), else My AS.
  uint32_t PeerAs() const { return caps.four_octet_as ? *caps.four_octet_as : my_as; }
};

// `body` is the message after its 19-byte header. Errors: version != 4 2/1
// (data 0x0004, the version we speak); My AS 0 2/2 (RFC 7607); hold time 1
// or 2 2/6; BGP Identifier 0 2/3 (RFC 6286 allows any other value); and the
// optional-parameter errors of DecodeOptionalParameters.
Result<Open> DecodeOpen(std::span<const uint8_t> body);

// The whole message, header included. My AS is written as given; left 0,
// it is taken from caps.four_octet_as (AS_TRANS when that needs 4 octets).
std::vector<uint8_t> EncodeOpen(const Open& open);

// The value for Open::my_as when our AS is `asn` (AS_TRANS above 65535).
inline uint16_t MyAsField(uint32_t asn) {
  return asn > 0xffff ? kAsTrans : static_cast<uint16_t>(asn);
}

}  // namespace meshbgp::wire
