// RibQuery <-> the query string of GET /v1/rib. The server parses with
// RibQueryFromParams, bgpctl builds its URL with RibQueryTarget, so both
// sides agree on parameter names: prefix, neighbor, dir (in|out), family,
// limit, and for EVPN type, rd, mac.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <absl/status/statusor.h>

#include "bgpd/api/control_backend.h"

namespace meshbgp::api {

const char* DirectionName(RibQuery::Direction direction);  // "loc", "in", "out"
std::optional<RibQuery::Direction> ParseDirection(std::string_view text);

// Unknown parameters, a bad dir or a bad limit are InvalidArgument.
absl::StatusOr<RibQuery> RibQueryFromParams(
    const std::vector<std::pair<std::string, std::string>>& params);

// "/v1/rib?family=ipv4&prefix=10.0.0.0%2F24&dir=in&limit=5"; defaults left out
// except family.
std::string RibQueryTarget(const RibQuery& query);

}  // namespace meshbgp::api
