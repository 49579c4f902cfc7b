// The daemon's answers for the operators' views (api::ObserveBackend):
// /metrics, the looking glass's EVPN table and MRT RIB dumps. Each answer
// is built by a file of its own (metrics.cc, evpn_routes.cc, mrt_dump.cc).
#pragma once

#include "bgpd/api/observe_backend.h"

namespace meshbgp::daemon {

class Daemon;

class Observability : public api::ObserveBackend {
 public:
  explicit Observability(Daemon& d) : d_(d) {}
  std::string Metrics() override;
  absl::StatusOr<nlohmann::json> EvpnRoutes(const api::EvpnQuery& query) override;
  absl::StatusOr<std::string> MrtRibDump() override;

 private:
  Daemon& d_;
};

}  // namespace meshbgp::daemon
