// UpdateGroup::Dump: a new member's initial table. The member's own best
// path for every key (group rules and member rules both applied), read one
// RIB shard at a time and encoded outside the shard lock, grouped by
// attributes so prefixes sharing attributes share UPDATEs; then End-of-RIB.
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "bgpd/wire/update.h"
#include "rib/best_path.h"
#include "rib/encoded_attrs_cache.h"
#include "rib/update_group.h"
#include "rib/update_group_internal.h"
#include "rib/update_writer.h"

namespace meshbgp::rib {

template <typename Family>
void UpdateGroupT<Family>::Dump(const std::shared_ptr<MemberSlot>& slot) {
  if (slot->IsRemoved()) return;
  const PeerInfo& peer = slot->member->peer();
  const ExportRules& rules = *rules_;

  EncodedAttrsCache attrs(rules, four_octet_as_, Family::kMpNextHop);
  typename Family::Writer writer(max_message_size_, [&](Buffer b) { slot->Send(b); });
  absl::flat_hash_map<uint32_t, std::vector<typename Family::Item>> by_attrs;
  size_t batched = 0;
  auto encode_batch = [&] {
    for (auto& entry : by_attrs) {
      writer.Announce(attrs.bytes(entry.first), entry.second);
      entry.second.clear();
    }
    batched = 0;
  };

  UpdateGroupStats counters;
  auto count = [&] {
    counters.messages += writer.messages();
    counters.prefixes += writer.prefixes();
    counters.unsendable += writer.unsendable();
    AddCounters(counters);
  };
  std::vector<std::pair<Key, PathT>> picked;  // one shard's choices
  for (size_t shard = slot->dump_next_shard; shard < rib_->shard_count(); ++shard) {
    if (slot->IsRemoved()) return;  // left mid-dump: stop reading
    picked.clear();
    rib_->ForEachInShard(shard, [&](const Key& key, std::span<const PathT> paths) {
      const std::optional<size_t> best = SelectBest(paths, [&](const PathT& p) {
        return rules.GroupAccepts(p) && rules.MemberAccepts(peer, p);
      });
      if (best) picked.emplace_back(key, paths[*best]);
    });
    for (const auto& [key, path] : picked)
      by_attrs[attrs.Get(path)].push_back(Family::ItemOf(key, path));
    batched += picked.size();
    if (batched >= kKeysPerBatch) {
      encode_batch();
      if (Congested(*slot) && shard + 1 < rib_->shard_count()) {
        // A slow reader: go on from the next shard once it has drained.
        writer.Finish();
        slot->dump_next_shard = shard + 1;
        count();
        WaitForDrain(slot);
        return;
      }
    }
  }
  picked.clear();
  encode_batch();
  writer.Finish();

  slot->Send(std::make_shared<const std::vector<uint8_t>>(
      wire::EncodeEndOfRib(Family::kFamily)));
  slot->dump_done = true;
  slot->DumpDone();
  counters.messages += 1;  // End-of-RIB
  count();
  // Changes it missed while the dump was paused.
  if (slot->behind) CatchUp(slot);
}

template void UpdateGroupT<Ipv4Family>::Dump(const std::shared_ptr<MemberSlot>&);
template void UpdateGroupT<EvpnFamily>::Dump(const std::shared_ptr<MemberSlot>&);

}  // namespace meshbgp::rib
