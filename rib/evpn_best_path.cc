// RFC 7432 §15 MAC Mobility as the first step of the decision between two
// advertisements of the same EVPN MAC/IP route. Within one key only one path
// is sent to a client (no ADD-PATH), so relaying the older advertisement of a
// moved MAC would pull the clients' forwarding back to where it was.
#include <algorithm>
#include <utility>

#include "evpn/ext_communities.h"
#include "evpn/route.h"
#include "rib/best_path.h"

namespace meshbgp::rib {
namespace {

// (sticky, sequence) of the path's MAC Mobility community; (false, 0) when
// it has none. Several (a protocol error, RFC 7432 §7.7) count as the
// highest sequence, and sticky if any is.
std::pair<bool, uint32_t> Mobility(const EvpnPath& p) {
  bool sticky = false;
  uint32_t sequence = 0;
  for (uint64_t ext : p.attrs->attrs().ext_communities) {
    if (auto m = evpn::ParseMacMobility(ext)) {
      sticky = sticky || m->sticky;
      sequence = std::max(sequence, m->sequence);
    }
  }
  return {sticky, sequence};
}

bool IsMacIp(const EvpnPath& p) {
  return p.nlri && !p.nlri->empty() && (*p.nlri)[0] == static_cast<uint8_t>(evpn::RouteType::kMacIp);
}

}  // namespace

Comparison ComparePaths(const EvpnPath& a, const EvpnPath& b) {
  if (IsMacIp(a) && IsMacIp(b)) {
    const auto [sticky_a, seq_a] = Mobility(a);
    const auto [sticky_b, seq_b] = Mobility(b);
    if (sticky_a != sticky_b) return {sticky_a ? -1 : 1, DecisionStep::kMacMobility};
    if (seq_a != seq_b) return {seq_a > seq_b ? -1 : 1, DecisionStep::kMacMobility};
  }
  return ComparePaths(static_cast<const Path&>(a), static_cast<const Path&>(b));
}

}  // namespace meshbgp::rib
