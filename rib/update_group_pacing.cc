// UpdateGroup::FlushNow: how MarkDirty keeps the dirty set bounded. Import
// is cheaper per key than a flush, so with flushes only posted, a bulk load
// (a full table, many clients at once) marked most of the table dirty
// before a flush caught up: the dirty map then held one entry per route
// next to the Loc-RIB, about a third of the daemon's peak memory. Past
// kMaxPendingKeys the importing thread instead does the flush itself,
// waiting for one in progress first: a bounded dirty set, and imports paced
// by the flushes they cause.
#include <mutex>

#include "rib/update_group.h"
#include "rib/update_group_internal.h"

namespace meshbgp::rib {

template <typename Family>
void UpdateGroupT<Family>::FlushNow() {
  std::lock_guard<std::mutex> lock(life_->work_mu);
  if (life_->group) Flush();
}

template void UpdateGroupT<Ipv4Family>::FlushNow();
template void UpdateGroupT<EvpnFamily>::FlushNow();

}  // namespace meshbgp::rib
