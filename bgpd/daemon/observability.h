// The daemon's answers for the operators' views (api::ObserveBackend):
// /metrics and MRT RIB dumps. Each answer is built by a file of its own
// (metrics.cc, mrt_dump.cc); the looking glass's EVPN table is the control
// API's RIB query (control_evpn.cc).
#pragma once

#include "bgpd/api/observe_backend.h"

namespace meshbgp::daemon {

class Daemon;

class Observability : public api::ObserveBackend {
 public:
  explicit Observability(Daemon& d) : d_(d) {}
  std::string Metrics() override;
  absl::StatusOr<std::string> MrtRibDump() override;

 private:
  Daemon& d_;
};

}  // namespace meshbgp::daemon
