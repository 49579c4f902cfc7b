// Pieces shared by the files that implement UpdateGroup (membership, flush,
// dump). Not for use outside rib/.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>

#include <absl/container/flat_hash_set.h>

#include "rib/update_group.h"

namespace meshbgp::rib {

// Keys handled between two encodings: bounds the memory of one flush or
// dump and lets the first messages leave before the last keys are read.
inline constexpr size_t kKeysPerBatch = 64 * 1024;
// Dirty keys at which MarkDirty stops deferring and flushes itself
// (update_group_pacing.cc).
inline constexpr size_t kMaxPendingKeys = 16 * 1024;

template <typename Family>
struct UpdateGroupT<Family>::MemberSlot {
  explicit MemberSlot(std::shared_ptr<OutMember> m) : member(std::move(m)) {}

  // Sends unless the member has left; false if it has.
  bool Send(const Buffer& messages) {
    std::lock_guard<std::recursive_mutex> lock(send_mu);
    if (removed) return false;
    member->Send(messages);
    return true;
  }
  void DumpDone() {
    std::lock_guard<std::recursive_mutex> lock(send_mu);
    if (!removed) member->InitialDumpDone();
  }
  bool IsRemoved() {
    std::lock_guard<std::recursive_mutex> lock(send_mu);
    return removed;
  }
  // Once this returns, the member gets nothing more from the group.
  void MarkRemoved() {
    std::lock_guard<std::recursive_mutex> lock(send_mu);
    removed = true;
  }

  // Backpressure state, guarded by the group's work lock.
  size_t dump_next_shard = 0;  // where a paused initial dump goes on
  bool dump_done = false;
  bool behind = false;         // out of the live stream: see `missed`
  bool drain_pending = false;  // a NotifyWhenDrained callback is registered
  absl::flat_hash_set<typename Family::Key> missed;  // changed while behind

  const std::shared_ptr<OutMember> member;
  // Held across each Send so RemoveMember can wait out one in progress;
  // recursive because Send may itself call RemoveMember.
  std::recursive_mutex send_mu;
  bool removed = false;  // guarded by send_mu
};

template <typename Family>
struct UpdateGroupT<Family>::Lifeline {
  std::mutex work_mu;              // serialises Flush and Dump
  UpdateGroupT* group = nullptr;   // guarded by work_mu; null once destroyed
};

}  // namespace meshbgp::rib
