// Per-peer totals for monitoring (/metrics) that outlive connections: a
// session counts with relaxed atomics while it lives (SessionCounters); when
// it closes its counts are folded into its peer's totals here, keyed by the
// peer's address, with a flap counted if it had been Established. Collect()
// adds the live sessions' counts to the totals under one lock, so a counter
// never moves backwards while a session closes. Nothing here is on the
// UPDATE path: Attach and Detach run once per connection.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "bgpd/wire/types.h"

namespace meshbgp::session {

class Session;

struct PeerTotals {
  std::string address;
  std::string group;
  uint64_t flaps = 0;  // Established sessions that went down
  uint64_t messages_in = 0, messages_out = 0;
  uint64_t updates_in = 0, updates_out = 0;
  std::array<uint64_t, wire::kFamilyCount> prefixes_received{};  // announcements
  std::array<uint64_t, wire::kFamilyCount> prefixes_rejected{};
  // (code << 8 | subcode) -> count
  std::map<uint16_t, uint64_t> notifications_sent, notifications_received;
};

class PeerStats {
 public:
  // Peers with no live session are forgotten, oldest first, beyond this many
  // (dynamic peers come and go; their series then end).
  explicit PeerStats(size_t max_idle_peers = 4096) : max_idle_peers_(max_idle_peers) {}

  void Attach(const std::shared_ptr<Session>& s);
  // Folds the session's counters into its peer's totals. Idempotent.
  void Detach(Session& s, bool was_established);
  // One entry per peer address: totals plus live sessions, by address.
  std::vector<PeerTotals> Collect() const;

 private:
  struct Entry {
    PeerTotals totals;
    size_t live = 0;
    std::chrono::steady_clock::time_point idle_since;
  };
  static void Add(PeerTotals& into, Session& s);
  void EvictIdle();  // mu_ held

  const size_t max_idle_peers_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> peers_;
  std::map<const Session*, std::weak_ptr<Session>> live_;
};

}  // namespace meshbgp::session
