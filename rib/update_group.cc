// UpdateGroup membership, scheduling and lifetime. The work itself is in
// update_group_flush.cc (changes) and update_group_dump.cc (initial table).
#include "rib/update_group.h"

#include <algorithm>
#include <utility>

#include "rib/update_group_internal.h"

namespace meshbgp::rib {

template <typename Family>
UpdateGroupT<Family>::UpdateGroupT(std::string key, std::shared_ptr<const ExportRules> rules,
                                   bool four_octet_as, size_t max_message_size, const Rib* rib,
                                   Post post)
    : key_(std::move(key)),
      rules_(std::move(rules)),
      four_octet_as_(four_octet_as),
      max_message_size_(max_message_size),
      rib_(rib),
      post_(std::move(post)),
      life_(std::make_shared<Lifeline>()) {
  life_->group = this;
}

template <typename Family>
UpdateGroupT<Family>::~UpdateGroupT() {
  // Waits for a Flush or Dump in progress; tasks still queued find no group.
  std::lock_guard<std::mutex> lock(life_->work_mu);
  life_->group = nullptr;
}

template <typename Family>
void UpdateGroupT<Family>::AddMember(std::shared_ptr<OutMember> member) {
  auto slot = std::make_shared<MemberSlot>(std::move(member));
  {
    std::lock_guard<std::mutex> lock(mu_);
    members_.push_back(slot);
  }
  // The member is already in members_, so a change made after the dump read
  // its key is flushed to it; one made before may reach it twice (harmless).
  post_([life = life_, slot = std::move(slot)] {
    std::lock_guard<std::mutex> lock(life->work_mu);
    if (life->group) life->group->Dump(slot);
  });
}

template <typename Family>
void UpdateGroupT<Family>::RemoveMember(const OutMember* member) {
  std::shared_ptr<MemberSlot> slot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = std::find_if(members_.begin(), members_.end(),
                           [&](const auto& s) { return s->member.get() == member; });
    if (it == members_.end()) return;
    slot = *it;
    members_.erase(it);
    if (members_.empty()) dirty_.clear();  // nobody left to tell
  }
  // A Flush or Dump may still hold the slot: it checks this flag under the
  // slot's send lock before every Send.
  slot->MarkRemoved();
}

template <typename Family>
bool UpdateGroupT<Family>::empty() const {
  std::lock_guard<std::mutex> lock(mu_);
  return members_.empty();
}

template <typename Family>
void UpdateGroupT<Family>::MarkDirty(std::span<const Key> keys, PeerId cause) {
  bool flush_now = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Without members there is nothing to keep: a new member gets a dump.
    if (members_.empty() || keys.empty()) return;
    for (const Key& key : keys) {
      auto [it, inserted] = dirty_.try_emplace(key, cause);
      if (!inserted && it->second != cause) it->second = 0;  // changed by several peers
    }
    flush_now = dirty_.size() >= kMaxPendingKeys;
    if (!flush_now) {
      if (flush_scheduled_) return;  // the pending flush will take these too
      flush_scheduled_ = true;
    }
  }
  if (flush_now) {
    FlushNow();
    return;
  }
  post_([life = life_] {
    std::lock_guard<std::mutex> lock(life->work_mu);
    if (life->group) life->group->Flush();
  });
}

template <typename Family>
void UpdateGroupT<Family>::RunAfterWork(std::function<void()> done) {
  post_([life = life_, done = std::move(done)] {
    { std::lock_guard<std::mutex> lock(life->work_mu); }  // waits out Flush/Dump
    done();
  });
}

template <typename Family>
UpdateGroupStats UpdateGroupT<Family>::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  UpdateGroupStats s = stats_;
  s.members = members_.size();
  s.pending = dirty_.size();
  return s;
}

template <typename Family>
void UpdateGroupT<Family>::AddCounters(const UpdateGroupStats& work) {
  std::lock_guard<std::mutex> lock(mu_);
  stats_.messages += work.messages;
  stats_.prefixes += work.prefixes;
  stats_.unsendable += work.unsendable;
  stats_.fell_behind += work.fell_behind;
  stats_.caught_up += work.caught_up;
}

template class UpdateGroupT<Ipv4Family>;
template class UpdateGroupT<EvpnFamily>;

}  // namespace meshbgp::rib
