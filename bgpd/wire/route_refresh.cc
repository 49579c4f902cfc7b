#include "bgpd/wire/route_refresh.h"

#include <string>

#include "bgpd/wire/bytes.h"
#include "bgpd/wire/header.h"

namespace meshbgp::wire {

Result<RouteRefresh> DecodeRouteRefresh(std::span<const uint8_t> body) {
  if (body.size() != 4) {
    return MakeError(ErrorCode::kRouteRefresh, 1,
                     "ROUTE-REFRESH body is " + std::to_string(body.size()) + " bytes, not 4",
                     EncodeMessage(MessageType::kRouteRefresh, body));
  }
  return RouteRefresh{AfiSafi{GetU16(&body[0]), body[3]}, body[2]};
}

std::vector<uint8_t> EncodeRouteRefresh(const RouteRefresh& rr) {
  uint8_t body[4] = {static_cast<uint8_t>(rr.afi_safi.afi >> 8),
                     static_cast<uint8_t>(rr.afi_safi.afi), rr.subtype, rr.afi_safi.safi};
  return EncodeMessage(MessageType::kRouteRefresh, body);
}

}  // namespace meshbgp::wire
