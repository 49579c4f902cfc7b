// The rule behind /readyz. A route-server pod is ready once it listens and
// its first mesh sync is done (every discovered peer Established with its
// End-of-RIB received), so that MetalLB sends it clients only when it can
// serve them every route; a bounded wait keeps one unreachable peer from
// holding a pod out forever. Once ready it stays ready until the SIGTERM
// drain starts (a mesh peer leaving later must not take it out of the
// Service). Thread-safe; the clock and the mesh check are passed in.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string_view>

namespace meshbgp::k8s {

enum class Readiness { kStarting, kWaitingForMesh, kReady, kDraining };
std::string_view ToString(Readiness r);

class ReadinessGate {
 public:
  using Clock = std::chrono::steady_clock;

  ReadinessGate(Clock::time_point start, Clock::duration mesh_timeout)
      : start_(start), mesh_timeout_(mesh_timeout) {}

  void SetListening() { listening_ = true; }
  void StartDraining() { draining_ = true; }
  bool draining() const { return draining_; }

  // `mesh_synced` is asked only until it first says yes (or the wait ends).
  Readiness Evaluate(Clock::time_point now, const std::function<bool()>& mesh_synced);

 private:
  const Clock::time_point start_;
  const Clock::duration mesh_timeout_;
  std::atomic<bool> listening_{false};
  std::atomic<bool> draining_{false};
  std::atomic<bool> synced_{false};
};

}  // namespace meshbgp::k8s
