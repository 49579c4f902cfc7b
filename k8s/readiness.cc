#include "k8s/readiness.h"

namespace meshbgp::k8s {

std::string_view ToString(Readiness r) {
  switch (r) {
    case Readiness::kStarting: return "starting";
    case Readiness::kWaitingForMesh: return "waiting for the first mesh sync";
    case Readiness::kReady: return "ready";
    case Readiness::kDraining: return "draining";
  }
  return "?";
}

Readiness ReadinessGate::Evaluate(Clock::time_point now, const std::function<bool()>& mesh_synced) {
  if (draining_) return Readiness::kDraining;
  if (!listening_) return Readiness::kStarting;
  if (!synced_) {
    if (now - start_ < mesh_timeout_ && !(mesh_synced && mesh_synced())) {
      return Readiness::kWaitingForMesh;
    }
    synced_ = true;
  }
  return Readiness::kReady;
}

}  // namespace meshbgp::k8s
