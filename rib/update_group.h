// Shared Adj-RIB-Out: sessions with the same export rules and encoding
// options form an update group. A change in the Loc-RIB marks keys dirty in
// every group; the group later computes what its members should hold for
// each dirty key, encodes each UPDATE once and hands the same buffer to
// every member. Members that must not get a path (it came from them, or
// their AS is in its AS_PATH) get their own next-best path or a withdrawal.
// Cost grows with routes x groups, not routes x peers.
//
// The RIB knows nothing of sockets: members are an interface the session
// implements, and work is scheduled through a callback.
//
// Lifetimes and threading:
// - The LocRib and the ExportRules outlive the group. Tasks the group posted
//   may run after it is gone; they then do nothing.
// - `post` must queue the task to run later on some thread; it is never
//   called with a group lock held.
// - A PeerInfo that paths in the RIB point to may be read by a Flush that
//   copied those paths out of the RIB. Free it only after its paths left
//   the RIB (LocRib::RemovePeer) and then every group has run a callback
//   given to RunAfterWork.
// - OutMember::Send and InitialDumpDone run while the group works; from
//   there a member may call RemoveMember, nothing else of the group.
// - ExportRules::GroupAccepts and MemberAccepts run under a RIB shard lock
//   on any thread; Transform runs outside it, once per distinct attribute
//   set and source per flush.
// - The group keeps no per-member copy of what it sent, so a member may get
//   a withdrawal for a route it never had (its own route's source does,
//   when no other path is left for it); RFC 4271 makes that harmless.
//
// Backpressure: a member whose queue holds more than the member queue limit
// (a peer that reads slowly or not at all) leaves the live stream: it is
// sent nothing, and the group only notes which keys changed meanwhile (a
// set of keys, bounded by the table, not by the churn). Once its queue has
// drained, it gets its own current view of exactly those keys, read from
// the RIB as a new member's dump would be, and rejoins the stream. An
// initial dump pauses the same way between batches. Nobody else waits for
// it; whether it ever reads again is for its hold timer to decide.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "bgpd/wire/types.h"
#include "rib/families.h"
#include "rib/loc_rib.h"

namespace meshbgp::rib {

using Buffer = std::shared_ptr<const std::vector<uint8_t>>;

// A session seen from its update group.
class OutMember {
 public:
  virtual ~OutMember() = default;
  virtual const PeerInfo& peer() const = 0;
  // Queues whole BGP messages for sending. Called from any thread.
  virtual void Send(Buffer messages) = 0;
  // Called once after the initial table has been queued (End-of-RIB sent).
  virtual void InitialDumpDone() {}
  // Bytes handed to Send and not yet written to the peer. Above the group's
  // member queue limit the member is fed nothing more until it drained.
  virtual size_t QueuedBytes() const { return 0; }
  // Runs `fn` once, from any thread (possibly at once, from inside this
  // call), when QueuedBytes() has dropped to 0.
  virtual void NotifyWhenDrained(std::function<void()> fn) { fn(); }
};

// The export decisions of one group, supplied by bgpd/policy.
class ExportRules {
 public:
  virtual ~ExportRules() = default;
  // May `path` be sent to this group at all? (iBGP split rules, families)
  virtual bool GroupAccepts(const Path& path) const = 0;
  // May `path` be sent to `member`? (never back to its source, sender-side
  // AS loop detection)
  virtual bool MemberAccepts(const PeerInfo& member, const Path& path) const = 0;
  // The attributes as this group sends them (AS prepend, LOCAL_PREF, RR).
  virtual wire::PathAttrs Transform(const Path& path) const = 0;
};

struct UpdateGroupStats {
  size_t members = 0;
  size_t pending = 0;        // dirty keys not yet flushed
  uint64_t messages = 0;     // UPDATE messages encoded
  uint64_t prefixes = 0;     // prefix announcements + withdrawals encoded
  uint64_t unsendable = 0;   // announcements too big for a message, withdrawn
  uint64_t fell_behind = 0;  // times a member's queue went over the limit
  uint64_t caught_up = 0;    // times such a member was brought up to date
};

// The update group of one address family (rib/families.h).
template <typename Family>
class UpdateGroupT {
 public:
  using Key = typename Family::Key;
  using PathT = typename Family::PathT;
  using Rib = LocRib<Key, PathT>;
  using Post = std::function<void(std::function<void()>)>;

  UpdateGroupT(std::string key, std::shared_ptr<const ExportRules> rules, bool four_octet_as,
               size_t max_message_size, const Rib* rib, Post post);
  ~UpdateGroupT();

  const std::string& key() const { return key_; }

  // The member gets the whole current table, then End-of-RIB, then every
  // later change. Safe from any thread.
  void AddMember(std::shared_ptr<OutMember> member);
  // No further messages after this returns.
  void RemoveMember(const OutMember* member);
  bool empty() const;

  // Keys whose paths changed; coalesced and flushed asynchronously.
  // `cause` is the peer whose own paths changed (0: unknown). A member's
  // view of a key never includes its own paths, so the flush skips that
  // member for keys only it changed: no redundant announcement, and no
  // withdrawal of a route it was never sent.
  void MarkDirty(std::span<const Key> keys, PeerId cause = 0);

  // Posts `done` to run once the Flush or Dump in progress (if any) has
  // finished; runs it even if the group is destroyed first. See PeerInfo
  // lifetime above.
  void RunAfterWork(std::function<void()> done);

  UpdateGroupStats stats() const;

  // The member queue limit (bytes); see Backpressure above.
  static constexpr size_t kDefaultMemberQueueLimit = 4 << 20;
  void set_member_queue_limit(size_t bytes) { member_queue_limit_ = bytes; }

 private:
  struct MemberSlot;  // a member and the lock that orders its Sends
  struct Lifeline;    // what posted tasks hold instead of `this`
  using Slots = std::vector<std::shared_ptr<MemberSlot>>;

  void Flush();
  void Dump(const std::shared_ptr<MemberSlot>& slot);
  // Backpressure (update_group_catch_up.cc); all under the work lock.
  bool Congested(const MemberSlot& slot) const;
  void FallBehind(const std::shared_ptr<MemberSlot>& slot);
  void WaitForDrain(const std::shared_ptr<MemberSlot>& slot);
  void Resume(const std::shared_ptr<MemberSlot>& slot);
  void CatchUp(const std::shared_ptr<MemberSlot>& slot);
  // Adds the message, prefix and unsendable counts of finished work.
  void AddCounters(const UpdateGroupStats& work);
  // Flushes on the calling thread, waiting for a flush in progress first
  // (update_group_pacing.cc).
  void FlushNow();

  const std::string key_;
  const std::shared_ptr<const ExportRules> rules_;
  const bool four_octet_as_;
  const size_t max_message_size_;
  const Rib* const rib_;
  const Post post_;
  size_t member_queue_limit_ = kDefaultMemberQueueLimit;

  // Holds the mutex that serialises Flush and Dump (a key's messages reach
  // every member in the order the group read the RIB).
  const std::shared_ptr<Lifeline> life_;
  mutable std::mutex mu_;  // guards the fields below
  Slots members_;
  absl::flat_hash_map<Key, PeerId> dirty_;  // key -> cause (0: several)
  bool flush_scheduled_ = false;
  UpdateGroupStats stats_;
};

using UpdateGroup = UpdateGroupT<Ipv4Family>;
using EvpnUpdateGroup = UpdateGroupT<EvpnFamily>;

}  // namespace meshbgp::rib
