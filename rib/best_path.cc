// The decision process, one function per step of RFC 4271 §9.1.2.2 (with the
// RFC 4456 §9 reflector tie-breaks), applied in DecisionStep order. Each step
// returns <0 when `a` is better, >0 when `b` is, 0 to go on.
#include "rib/best_path.h"

#include <algorithm>
#include <cstring>

namespace meshbgp::rib {
namespace {

constexpr uint32_t kDefaultLocalPref = 100;

// Lower wins.
template <typename T>
int Lower(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// a) Highest LOCAL_PREF; a path without one counts as the default.
int CompareLocalPref(const Path& a, const Path& b) {
  const uint32_t pa = a.attrs->attrs().local_pref.value_or(kDefaultLocalPref);
  const uint32_t pb = b.attrs->attrs().local_pref.value_or(kDefaultLocalPref);
  return Lower(pb, pa);
}

size_t AsPathLength(const Path& p) {
  const auto& as_path = p.attrs->attrs().as_path;
  return as_path ? as_path->DecisionLength() : 0;
}

// b) Shortest AS_PATH (an AS_SET counts one, confederation segments none).
int CompareAsPathLength(const Path& a, const Path& b) {
  return Lower(AsPathLength(a), AsPathLength(b));
}

// A path without ORIGIN (only possible if a codec let it through) is
// treated as the least preferred origin.
uint8_t OriginValue(const Path& p) {
  return static_cast<uint8_t>(p.attrs->attrs().origin.value_or(wire::Origin::kIncomplete));
}

// c) Lowest ORIGIN: IGP < EGP < INCOMPLETE.
int CompareOrigin(const Path& a, const Path& b) { return Lower(OriginValue(a), OriginValue(b)); }

uint32_t NeighbourAs(const Path& p) {
  const auto& as_path = p.attrs->attrs().as_path;
  return as_path ? as_path->FirstAs() : 0;
}

// d) Lowest MED, only between paths from the same neighbouring AS (an
// empty AS_PATH, i.e. a route of our own AS, is its own neighbour AS). A
// missing MED counts as 0 (RFC 4271 §9.1.2.2 d).
int CompareMed(const Path& a, const Path& b) {
  if (NeighbourAs(a) != NeighbourAs(b)) return 0;
  return Lower(a.attrs->attrs().med.value_or(0), b.attrs->attrs().med.value_or(0));
}

// e) Paths learned over eBGP beat those learned over iBGP.
int CompareEbgpOverIbgp(const Path& a, const Path& b) {
  return Lower(a.peer->ibgp, b.peer->ibgp);
}

// RFC 4456 §9: a reflected route is identified by its ORIGINATOR_ID.
uint32_t RouterId(const Path& p) {
  return p.attrs->attrs().originator_id.value_or(p.peer->router_id);
}

// f) Lowest BGP identifier.
int CompareRouterId(const Path& a, const Path& b) { return Lower(RouterId(a), RouterId(b)); }

// RFC 4456 §9: shortest CLUSTER_LIST.
int CompareClusterListLength(const Path& a, const Path& b) {
  return Lower(a.attrs->attrs().cluster_list.size(), b.attrs->attrs().cluster_list.size());
}

// g) Lowest peer address.
int ComparePeerAddress(const Path& a, const Path& b) {
  const int c = std::memcmp(a.peer->address.data(), b.peer->address.data(), a.peer->address.size());
  return Lower(c, 0);
}

struct Step {
  DecisionStep step;
  int (*compare)(const Path&, const Path&);
};
constexpr Step kSteps[] = {
    {DecisionStep::kLocalPref, CompareLocalPref},
    {DecisionStep::kAsPathLength, CompareAsPathLength},
    {DecisionStep::kOrigin, CompareOrigin},
    {DecisionStep::kMed, CompareMed},
    {DecisionStep::kEbgpOverIbgp, CompareEbgpOverIbgp},
    {DecisionStep::kRouterId, CompareRouterId},
    {DecisionStep::kClusterListLength, CompareClusterListLength},
    {DecisionStep::kPeerAddress, ComparePeerAddress},
};

}  // namespace

const char* DecisionStepName(DecisionStep s) {
  switch (s) {
    case DecisionStep::kMacMobility: return "mac-mobility";
    case DecisionStep::kLocalPref: return "local-pref";
    case DecisionStep::kAsPathLength: return "as-path-length";
    case DecisionStep::kOrigin: return "origin";
    case DecisionStep::kMed: return "med";
    case DecisionStep::kEbgpOverIbgp: return "ebgp-over-ibgp";
    case DecisionStep::kRouterId: return "router-id";
    case DecisionStep::kClusterListLength: return "cluster-list-length";
    case DecisionStep::kPeerAddress: return "peer-address";
    case DecisionStep::kEqual: return "equal";
  }
  return "unknown";
}

Comparison ComparePaths(const Path& a, const Path& b) {
  for (const Step& s : kSteps) {
    if (const int order = s.compare(a, b); order != 0) return {order, s.step};
  }
  return {0, DecisionStep::kEqual};
}

}  // namespace meshbgp::rib
