// What the operators' views need from the daemon beyond ControlBackend:
// Prometheus /metrics text and MRT RIB dumps for `bgpctl dump rib`. The
// daemon implements it (bgpd/daemon/observability.*); observe_routes.*
// serves it.
#pragma once

#include <string>

#include <absl/status/statusor.h>

namespace meshbgp::api {

class ObserveBackend {
 public:
  virtual ~ObserveBackend() = default;
  // The whole scrape in Prometheus text format (docs/metrics.md).
  virtual std::string Metrics() = 0;
  // A TABLE_DUMP_V2 file of the Loc-RIB, IPv4 unicast and EVPN.
  virtual absl::StatusOr<std::string> MrtRibDump() = 0;
};

}  // namespace meshbgp::api
