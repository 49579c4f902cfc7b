// Splits the NLRI field of an L2VPN EVPN MP_REACH_NLRI / MP_UNREACH_NLRI
// into routes and writes routes back, byte for byte.
#pragma once

#include <absl/functional/function_ref.h>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "bgpd/wire/result.h"
#include "evpn/route.h"

namespace meshbgp::evpn {

// Each route is (type, length, value). A length that overruns the field
// means no route after it can be located: error UPDATE Message Error /
// Optional Attribute Error (3/9), the reaction RFC 4760 §7 gives for a bad
// MP_REACH/MP_UNREACH and RFC 7606 §5.3 asks for (session reset or
// AFI/SAFI disable). A known type whose value is wrong inside intact
// framing is returned with `malformed` set and a reason: the caller makes
// the UPDATE treat-as-withdraw. Unknown types are returned opaque.
wire::Result<std::vector<EvpnRoute>> DecodeEvpnNlri(std::span<const uint8_t> field);

// The same without copying: checks the framing of the whole field first,
// then calls `fn` for each route in order (views into `field`). On a framing
// error fn is never called, so callers never act on half a field.
std::optional<wire::DecodeError> ForEachEvpnNlri(std::span<const uint8_t> field,
                                                 absl::FunctionRef<void(const EvpnNlriRef&)> fn);

// Appends each route's raw bytes: what was received is what is sent.
void AppendEvpnNlri(std::span<const EvpnRoute> routes, std::vector<uint8_t>& out);

}  // namespace meshbgp::evpn
