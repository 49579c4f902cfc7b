// The daemon's answers to the control API (bgpctl, HTTP): JSON views of
// sessions and the RIB in the shapes of docs/bgpctl.md, and the operator's
// actions. Read-only views take RIB shard locks one shard at a time.
#pragma once

#include "bgpd/api/control_backend.h"
#include "bgpd/policy/export_rules.h"
#include "bgpd/session/session.h"

namespace meshbgp::daemon {

class Daemon;

class Control : public api::ControlBackend {
 public:
  explicit Control(Daemon& d) : d_(d) {}

  nlohmann::json Status() override;
  nlohmann::json Summary() override;
  absl::StatusOr<nlohmann::json> Neighbors(const std::optional<std::string>& address) override;
  absl::StatusOr<nlohmann::json> Rib(const api::RibQuery& query) override;
  absl::Status NeighborAction(const std::string& address, const std::string& action) override;
  absl::Status Reload() override;
  bool Healthy() override;
  bool Ready() override;
  absl::StatusOr<nlohmann::json> Mesh() override;

 private:
  size_t Advertised(const session::Session& s);
  // control_evpn.cc: `show evpn` (the EVPN Loc-RIB, a neighbor's in/out)
  // and the per-route-type EVPN counts of the summary.
  absl::StatusOr<nlohmann::json> EvpnRib(const api::RibQuery& query, const rib::PeerInfo* member,
                                         const policy::GroupExportRules* rules);
  void AppendEvpnCounts(nlohmann::json& summary);
  Daemon& d_;
};

}  // namespace meshbgp::daemon
