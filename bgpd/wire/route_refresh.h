// ROUTE-REFRESH (RFC 2918) and its enhanced subtypes BoRR/EoRR (RFC 7313).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "bgpd/wire/result.h"
#include "bgpd/wire/types.h"

namespace meshbgp::wire {

namespace refresh_subtype {
inline constexpr uint8_t kRequest = 0;
inline constexpr uint8_t kBeginOfRouteRefresh = 1;  // BoRR
inline constexpr uint8_t kEndOfRouteRefresh = 2;    // EoRR
}  // namespace refresh_subtype

struct RouteRefresh {
  AfiSafi afi_safi;
  uint8_t subtype = 0;  // 0 request, 1 BoRR, 2 EoRR; others must be ignored
  friend bool operator==(const RouteRefresh&, const RouteRefresh&) = default;
};

// `body` is the message after its header. A body that is not 4 bytes gets
// 7/1 with the complete message as data (RFC 7313 §5; we never negotiate
// ORF, so a longer request is invalid too). Subtypes above 2 decode fine:
// RFC 7313 says to ignore them, which is the caller's business.
Result<RouteRefresh> DecodeRouteRefresh(std::span<const uint8_t> body);
std::vector<uint8_t> EncodeRouteRefresh(const RouteRefresh& rr);

}  // namespace meshbgp::wire
