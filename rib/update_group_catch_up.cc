// UpdateGroup backpressure: a member whose queue is over the limit leaves
// the live stream (FallBehind), waits until its queue has drained
// (WaitForDrain), then gets its own current view of the keys that changed
// meanwhile (CatchUp), batch by batch, pausing again whenever its queue
// fills up, and rejoins the stream once nothing is missed any more.
#include <memory>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "rib/best_path.h"
#include "rib/encoded_attrs_cache.h"
#include "rib/update_group.h"
#include "rib/update_group_internal.h"
#include "rib/update_writer.h"

namespace meshbgp::rib {

template <typename Family>
bool UpdateGroupT<Family>::Congested(const MemberSlot& slot) const {
  return slot.member->QueuedBytes() > member_queue_limit_;
}

template <typename Family>
void UpdateGroupT<Family>::FallBehind(const std::shared_ptr<MemberSlot>& slot) {
  slot->behind = true;
  WaitForDrain(slot);
}

template <typename Family>
void UpdateGroupT<Family>::WaitForDrain(const std::shared_ptr<MemberSlot>& slot) {
  if (slot->drain_pending) return;
  slot->drain_pending = true;
  // Weak: the member holds this callback, and the slot holds the member.
  std::weak_ptr<MemberSlot> weak = slot;
  slot->member->NotifyWhenDrained([post = post_, life = life_, weak] {
    post([life, weak] {
      std::lock_guard<std::mutex> lock(life->work_mu);
      auto slot = weak.lock();
      if (life->group && slot) life->group->Resume(slot);
    });
  });
}

template <typename Family>
void UpdateGroupT<Family>::Resume(const std::shared_ptr<MemberSlot>& slot) {
  slot->drain_pending = false;
  if (slot->IsRemoved()) return;
  if (!slot->dump_done) {
    Dump(slot);  // catches up at its end
    return;
  }
  CatchUp(slot);
}

template <typename Family>
void UpdateGroupT<Family>::CatchUp(const std::shared_ptr<MemberSlot>& slot) {
  if (!slot->behind || slot->IsRemoved()) return;
  const PeerInfo& peer = slot->member->peer();
  const ExportRules& rules = *rules_;
  EncodedAttrsCache attrs(rules, four_octet_as_, Family::kMpNextHop);
  typename Family::Writer writer(max_message_size_, [&](Buffer b) { slot->Send(b); });
  std::vector<Key> keys, withdraw;
  absl::flat_hash_map<uint32_t, std::vector<typename Family::Item>> by_attrs;
  while (!slot->missed.empty()) {
    if (Congested(*slot)) break;
    keys.clear();
    for (auto it = slot->missed.begin(); it != slot->missed.end() && keys.size() < kKeysPerBatch;) {
      keys.push_back(*it);
      slot->missed.erase(it++);
    }
    withdraw.clear();
    for (auto& entry : by_attrs) entry.second.clear();
    for (const Key& key : keys) {
      std::optional<PathT> pick;
      rib_->Visit(key, [&](std::span<const PathT> paths) {
        const std::optional<size_t> best = SelectBest(paths, [&](const PathT& p) {
          return rules.GroupAccepts(p) && rules.MemberAccepts(peer, p);
        });
        if (best) pick = paths[*best];
      });
      if (pick) {
        by_attrs[attrs.Get(*pick)].push_back(Family::ItemOf(key, *pick));
      } else {
        withdraw.push_back(key);
      }
    }
    writer.Withdraw(withdraw);
    for (const auto& [id, items] : by_attrs)
      if (!items.empty()) writer.Announce(attrs.bytes(id), items);
    writer.Finish();
  }
  UpdateGroupStats counters;
  counters.messages = writer.messages();
  counters.prefixes = writer.prefixes();
  counters.unsendable = writer.unsendable();
  if (slot->missed.empty()) {
    slot->behind = false;
    slot->missed = {};  // give the memory back
    counters.caught_up = 1;
  } else {
    WaitForDrain(slot);
  }
  AddCounters(counters);
}

template bool UpdateGroupT<Ipv4Family>::Congested(const MemberSlot&) const;
template bool UpdateGroupT<EvpnFamily>::Congested(const MemberSlot&) const;
template void UpdateGroupT<Ipv4Family>::FallBehind(const std::shared_ptr<MemberSlot>&);
template void UpdateGroupT<EvpnFamily>::FallBehind(const std::shared_ptr<MemberSlot>&);
template void UpdateGroupT<Ipv4Family>::WaitForDrain(const std::shared_ptr<MemberSlot>&);
template void UpdateGroupT<EvpnFamily>::WaitForDrain(const std::shared_ptr<MemberSlot>&);
template void UpdateGroupT<Ipv4Family>::Resume(const std::shared_ptr<MemberSlot>&);
template void UpdateGroupT<EvpnFamily>::Resume(const std::shared_ptr<MemberSlot>&);
template void UpdateGroupT<Ipv4Family>::CatchUp(const std::shared_ptr<MemberSlot>&);
template void UpdateGroupT<EvpnFamily>::CatchUp(const std::shared_ptr<MemberSlot>&);

}  // namespace meshbgp::rib
