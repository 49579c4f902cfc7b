// Limits on who may open a session, decided before anything of the peer is
// parsed: a per-source connection rate (max_connects_per_minute), a
// per-group count of dynamic sessions (max_sessions), and the hold-down of
// a peer that broke max_prefixes (max_prefixes_restart). Pure bookkeeping
// with the time passed in, so that tests need no clock; the speaker calls
// it under its own lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>

#include <boost/asio/ip/address.hpp>

namespace meshbgp::session {

class Admission {
 public:
  using Clock = std::chrono::steady_clock;
  using Address = boost::asio::ip::address;
  static constexpr auto kRateWindow = std::chrono::seconds(60);

  // Records a connection from `source` unless `limit` (per kRateWindow; 0 =
  // none) is already used up. Refused connections are not recorded: a peer
  // that keeps retrying gets in once the window has moved on.
  bool AdmitConnection(const Address& source, uint32_t limit, Clock::time_point now);

  // Refuses `peer` until `until` (max_prefixes_restart).
  void HoldDown(const Address& peer, Clock::time_point until);
  // How long `peer` is still held down, if at all.
  std::optional<Clock::duration> HeldDown(const Address& peer, Clock::time_point now);
  void Release(const Address& peer) { held_.erase(peer); }

  // Forgets sources idle for a whole window, so that a scan from many
  // addresses does not keep memory.
  void Prune(Clock::time_point now);
  size_t tracked_sources() const { return recent_.size(); }

 private:
  std::map<Address, std::deque<Clock::time_point>> recent_;  // admitted, oldest first
  std::map<Address, Clock::time_point> held_;
};

// max_sessions: may one more dynamic session start in a group that has
// `live` of them (0 = no limit)?
inline bool UnderSessionLimit(size_t live, uint32_t limit) { return limit == 0 || live < limit; }

}  // namespace meshbgp::session
