// The BGP decision process (RFC 4271 §9.1.2.2 and RFC 4456 §9), one
// function per step so a reader can follow why a path won.
#pragma once

#include <optional>
#include <span>

#include "rib/path.h"

namespace meshbgp::rib {

enum class DecisionStep {
  kMacMobility,  // EVPN MAC/IP routes only, before every BGP step
  kLocalPref,
  kAsPathLength,
  kOrigin,
  kMed,
  kEbgpOverIbgp,
  kRouterId,
  kClusterListLength,
  kPeerAddress,
  kEqual,
};
const char* DecisionStepName(DecisionStep s);

struct Comparison {
  int order = 0;  // <0: a is better, >0: b is better, 0: equal
  DecisionStep step = DecisionStep::kEqual;
};

// Compares two paths for the same destination.
Comparison ComparePaths(const Path& a, const Path& b);

// Two advertisements of one EVPN route (same key). For a MAC/IP route, RFC
// 7432 §15 decides first: a sticky (static) MAC wins, then the higher MAC
// Mobility sequence number (none counts as 0); then the BGP steps above.
// Routes of the same MAC under different RDs have different keys and are
// all relayed: a route server sends each client every advertisement and
// leaves the cross-RD comparison to the PEs (see docs/evpn.md).
Comparison ComparePaths(const EvpnPath& a, const EvpnPath& b);

// Index of the best path among those for which `eligible(path)` is true, or
// nullopt. A fold rather than a sort: MED makes the order non-transitive.
template <typename P, typename Pred>
std::optional<size_t> SelectBest(std::span<const P> paths, Pred&& eligible) {
  std::optional<size_t> best;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!eligible(paths[i])) continue;
    if (!best || ComparePaths(paths[i], paths[*best]).order < 0) best = i;
  }
  return best;
}

}  // namespace meshbgp::rib
