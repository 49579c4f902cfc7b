// JSON form of a path's attributes for the control API's RIB answers. The
// daemon adds the route's own fields (family, prefix, neighbor, peer_as,
// best); this fills in the attribute fields documented in docs/bgpctl.md,
// leaving out the attributes the path does not carry.
#pragma once

#include <nlohmann/json.hpp>

#include "bgpd/wire/types.h"

namespace meshbgp::api {

// Adds the attribute fields of `attrs` to `route` (an object).
void AppendPathAttrsJson(const wire::PathAttrs& attrs, nlohmann::json& route);
// The same fields as a fresh object.
nlohmann::json PathAttrsToJson(const wire::PathAttrs& attrs);

}  // namespace meshbgp::api
