// birdwatcher's JSON API (github.com/alice-lg/birdwatcher), the shapes
// alice-lg's "birdwatcher" source (single_table) reads, built from the
// control API's own answers so an alice-lg instance can show a meshbgp
// route server: /status, /protocols/bgp, /protocols/short,
// /routes/protocol/ID, /routes/filtered/ID and /routes/noexport/ID (always
// empty: nothing is kept that import refused or export withholds),
// /routes/prefix?prefix=P. A neighbor's protocol ID is its address.
// Times are UTC; alice-lg's source config needs
//   servertime = 2006-01-02T15:04:05Z07:00
//   servertime_short = 2006-01-02 15:04:05
//   servertime_ext = 2006-01-02 15:04:05
//   timezone = UTC
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace meshbgp::api {

using SystemTime = std::chrono::system_clock::time_point;

// "2006-01-02T15:04:05Z" and "2006-01-02 15:04:05".
std::string Rfc3339Time(SystemTime t);
std::string ShortTime(SystemTime t);

// The "api", "cached_at" and "ttl" fields every answer carries, added to `out`.
void AddBirdwatcherMeta(nlohmann::json& out, SystemTime now);

// From Control::Status() and Summary().
nlohmann::json BirdwatcherStatus(const nlohmann::json& status, SystemTime now);
// From Control::Neighbors(): one BGP protocol per neighbor. `short_form`
// keeps only state and since (/protocols/short).
nlohmann::json BirdwatcherProtocols(const nlohmann::json& neighbors, SystemTime now, bool short_form);
// From Control::Rib() routes; `since` of each neighbor (by address) gives
// the routes' age (meshbgp keeps no per-route time).
nlohmann::json BirdwatcherRoutes(const nlohmann::json& routes,
                                 const std::function<std::optional<SystemTime>(const std::string&)>& since,
                                 SystemTime now);

// One route's "bgp" object from our attribute fields (route_json.h).
nlohmann::json BirdwatcherBgpInfo(const nlohmann::json& route);

}  // namespace meshbgp::api
