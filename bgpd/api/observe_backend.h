// What the operators' views need from the daemon beyond ControlBackend:
// Prometheus /metrics text, the EVPN table for the looking glass, and MRT
// RIB dumps for `bgpctl dump rib`. The daemon implements it
// (bgpd/daemon/observe.*); observe_routes.* serves it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <absl/status/statusor.h>
#include <nlohmann/json.hpp>

namespace meshbgp::api {

// Filters of the looking glass's EVPN table; all optional, combined by AND.
struct EvpnQuery {
  std::optional<std::string> type;      // route type "1".."5" (or any number)
  std::optional<std::string> rd;        // "10.0.0.11:100", exact
  std::optional<std::string> mac;       // "02:00:00:00:00:01", case-insensitive
  std::optional<std::string> neighbor;  // peer address the path came from
  size_t limit = 0;                     // 0 = no limit
};

class ObserveBackend {
 public:
  virtual ~ObserveBackend() = default;
  // The whole scrape in Prometheus text format (docs/metrics.md).
  virtual std::string Metrics() = 0;
  // {"routes": [{"route", "type", "rd", ..., "neighbor", "peer_as", "best",
  // attribute fields}], "truncated": bool}
  virtual absl::StatusOr<nlohmann::json> EvpnRoutes(const EvpnQuery& query) = 0;
  // A TABLE_DUMP_V2 file of the Loc-RIB, IPv4 unicast and EVPN.
  virtual absl::StatusOr<std::string> MrtRibDump() = 0;
};

}  // namespace meshbgp::api
