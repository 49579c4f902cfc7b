// UpdateGroup::Flush: turns the dirty keys into UPDATEs. For each key the
// group's best path goes to every member that accepts it; members that do
// not (its source, an AS in its path) form the key's exception set and get
// their own best path or a withdrawal. Keys are bucketed by recipient set
// and by encoded attributes, so each distinct message is encoded once and
// the same buffer is handed to every member of its recipient set.
#include <algorithm>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/container/inlined_vector.h>

#include "rib/best_path.h"
#include "rib/encoded_attrs_cache.h"
#include "rib/update_group.h"
#include "rib/update_group_internal.h"
#include "rib/update_writer.h"

namespace meshbgp::rib {
namespace {

// Members, as indices into the flush's member snapshot (ascending).
struct RecipientSet {
  bool all_but = false;  // true: every member except `members`
  absl::InlinedVector<uint32_t, 2> members;

  friend bool operator==(const RecipientSet&, const RecipientSet&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const RecipientSet& r) {
    return H::combine(std::move(h), r.all_but, r.members);
  }
  bool Contains(uint32_t member) const {
    const bool listed = std::binary_search(members.begin(), members.end(), member);
    return all_but != listed;
  }
};

// What one key resolves to for the group.
template <typename PathT>
struct KeyOutcome {
  std::optional<PathT> main;  // absent: withdraw from everyone
  struct Exception {
    uint32_t member;
    std::optional<PathT> path;  // absent: withdraw from this member
    uint32_t attrs_id = 0;     // filled outside the RIB lock
    bool skip = false;         // the member's view did not change: send nothing
  };
  std::vector<Exception> exceptions;  // ascending member index
  std::optional<uint32_t> skip_member;  // the cause, when it is a member
};

// Reads `key` from the RIB and decides what every member should hold. Only
// copies (AttrRef + source pointer) leave the shard lock.
template <typename Key, typename PathT>
void Decide(const LocRib<Key, PathT>& rib, const ExportRules& rules,
            std::span<const PeerInfo* const> members, const Key& key, PeerId cause,
            absl::InlinedVector<bool, 8>& group_ok, KeyOutcome<PathT>& out) {
  out.main.reset();
  out.exceptions.clear();
  out.skip_member.reset();
  for (uint32_t m = 0; cause != 0 && m < members.size(); ++m)
    if (members[m]->id == cause) out.skip_member = m;
  rib.Visit(key, [&](std::span<const PathT> paths) {
    group_ok.resize(paths.size());
    for (size_t i = 0; i < paths.size(); ++i) group_ok[i] = rules.GroupAccepts(paths[i]);
    auto eligible = [&](const PathT& p) { return group_ok[&p - paths.data()]; };
    const std::optional<size_t> best = SelectBest(paths, eligible);
    if (!best) return;
    out.main = paths[*best];
    for (uint32_t m = 0; m < members.size(); ++m) {
      const PeerInfo& peer = *members[m];
      if (cause != 0 && peer.id == cause) {
        out.exceptions.push_back({m, std::nullopt, 0, /*skip=*/true});
        continue;
      }
      if (rules.MemberAccepts(peer, paths[*best])) continue;
      const std::optional<size_t> own = SelectBest(
          paths, [&](const PathT& p) { return eligible(p) && rules.MemberAccepts(peer, p); });
      out.exceptions.push_back({m, own ? std::optional<PathT>(paths[*own]) : std::nullopt});
    }
  });
}

// The messages of one flush before encoding.
template <typename Family>
class Outbox {
 public:
  using Key = typename Family::Key;
  using Item = typename Family::Item;
  void Withdraw(const RecipientSet& to, const Key& key) { buckets_[to].withdraws.push_back(key); }
  void Announce(const RecipientSet& to, uint32_t attrs_id, const Item& item) {
    buckets_[to].announces[attrs_id].push_back(item);
  }

  // Encodes every bucket that has a recipient among `member_count` members
  // once; send(recipients, buffer) delivers it.
  template <typename SendFn>
  void Drain(const EncodedAttrsCache& attrs, size_t max_message_size, size_t member_count,
             SendFn&& send, UpdateGroupStats& counters) {
    for (auto& entry : buckets_) {
      const RecipientSet& to = entry.first;
      const Bucket& bucket = entry.second;
      if (to.all_but && to.members.size() == member_count) continue;  // nobody
      typename Family::Writer writer(max_message_size, [&](Buffer b) { send(to, b); });
      writer.Withdraw(bucket.withdraws);
      for (const auto& [id, keys] : bucket.announces) writer.Announce(attrs.bytes(id), keys);
      writer.Finish();
      counters.messages += writer.messages();
      counters.prefixes += writer.prefixes();
      counters.unsendable += writer.unsendable();
    }
    buckets_.clear();
  }

 private:
  struct Bucket {
    std::vector<Key> withdraws;
    absl::flat_hash_map<uint32_t, std::vector<Item>> announces;  // by attrs id
  };
  absl::flat_hash_map<RecipientSet, Bucket> buckets_;
};

constexpr uint32_t kWithdrawId = UINT32_MAX;
constexpr uint32_t kSkipId = UINT32_MAX - 1;

// Files one decided key into the outbox.
template <typename Family>
void FileKey(KeyOutcome<typename Family::PathT>& outcome, const typename Family::Key& key,
             EncodedAttrsCache& attrs, Outbox<Family>& outbox) {
  if (!outcome.main) {
    RecipientSet everyone{.all_but = true, .members = {}};
    if (outcome.skip_member) everyone.members.push_back(*outcome.skip_member);
    outbox.Withdraw(everyone, key);
    return;
  }
  RecipientSet common{.all_but = true, .members = {}};
  for (const auto& e : outcome.exceptions) common.members.push_back(e.member);
  outbox.Announce(common, attrs.Get(*outcome.main), Family::ItemOf(key, *outcome.main));

  // Excluded members left with the same path (or none) share one message.
  for (auto& e : outcome.exceptions)
    e.attrs_id = e.skip ? kSkipId : e.path ? attrs.Get(*e.path) : kWithdrawId;
  // When the route is written from the path (EVPN: its NLRI bytes), equal
  // attributes from different sources are still different announcements.
  auto source = [](const auto& e) -> const PeerInfo* {
    if constexpr (std::is_same_v<typename Family::Item, typename Family::Key>) return nullptr;
    return e.path ? e.path->peer : nullptr;
  };
  auto order = [&](const auto& e) { return std::pair(e.attrs_id, source(e)); };
  // Usually one exception (the route's source): nothing to order, and
  // std::stable_sort would still allocate its merge buffer, once per key.
  if (outcome.exceptions.size() > 1)
    std::stable_sort(outcome.exceptions.begin(), outcome.exceptions.end(),
                     [&](const auto& a, const auto& b) { return order(a) < order(b); });
  for (size_t i = 0; i < outcome.exceptions.size();) {
    const uint32_t id = outcome.exceptions[i].attrs_id;
    const auto run = order(outcome.exceptions[i]);
    RecipientSet own{.all_but = false, .members = {}};
    for (; i < outcome.exceptions.size() && order(outcome.exceptions[i]) == run; ++i)
      own.members.push_back(outcome.exceptions[i].member);  // stays ascending
    if (id == kSkipId) {
      continue;
    } else if (id == kWithdrawId) {
      outbox.Withdraw(own, key);
    } else {
      outbox.Announce(own, id, Family::ItemOf(key, *outcome.exceptions[i - 1].path));
    }
  }
}

}  // namespace

template <typename Family>
void UpdateGroupT<Family>::Flush() {
  absl::flat_hash_map<Key, PeerId> dirty;
  Slots members;
  {
    std::lock_guard<std::mutex> lock(mu_);
    flush_scheduled_ = false;
    dirty.swap(dirty_);
    members = members_;
  }
  if (dirty.empty() || members.empty()) return;

  std::vector<const PeerInfo*> peers;
  peers.reserve(members.size());
  for (const auto& slot : members) peers.push_back(&slot->member->peer());

  EncodedAttrsCache attrs(*rules_, four_octet_as_, Family::kMpNextHop);
  Outbox<Family> outbox;
  KeyOutcome<PathT> outcome;
  absl::InlinedVector<bool, 8> group_ok;
  UpdateGroupStats counters;
  auto send = [&](const RecipientSet& to, const Buffer& buffer) {
    for (uint32_t m = 0; m < members.size(); ++m)
      if (to.Contains(m) && !members[m]->behind) members[m]->Send(buffer);
  };
  // A member over its queue limit gets none of the batch's messages, only
  // its keys, to be caught up on once it has drained.
  std::vector<Key> batch;
  auto drain = [&] {
    for (const auto& slot : members) {
      if (!slot->behind && Congested(*slot)) {
        FallBehind(slot);
        ++counters.fell_behind;
      }
      if (slot->behind) slot->missed.insert(batch.begin(), batch.end());
    }
    outbox.Drain(attrs, max_message_size_, members.size(), send, counters);
    batch.clear();
  };
  for (const auto& [key, cause] : dirty) {
    Decide(*rib_, *rules_, peers, key, cause, group_ok, outcome);
    FileKey<Family>(outcome, key, attrs, outbox);
    batch.push_back(key);
    if (batch.size() == kKeysPerBatch) drain();
  }
  drain();
  AddCounters(counters);
}

template void UpdateGroupT<Ipv4Family>::Flush();
template void UpdateGroupT<EvpnFamily>::Flush();

}  // namespace meshbgp::rib
