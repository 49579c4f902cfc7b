// Graceful restart, helper side (RFC 4724 §4.2): one peer's routes kept
// through its restart. While the peer is away its paths stay in the RIB
// untouched (other peers see no change) until its restart time passes;
// once it is back they belong to its new session, and those it does not
// announce again go at its End-of-RIB or when stale_routes_time passes.
// The stale keys are kept here, not in the RIB, so a path costs nothing
// extra outside a restart.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <span>
#include <string>

#include <absl/container/flat_hash_set.h>
#include <boost/asio/steady_timer.hpp>

#include "bgpd/wire/types.h"
#include "evpn/route_key.h"
#include "rib/peer_info.h"

namespace meshbgp::session {

class Session;

struct StalePeer {
  // Held across the returning session's RIB updates and every flush, so a
  // flush never removes a route the peer has just announced again.
  std::mutex mu;
  std::string address;
  std::string group;
  // The session the stale paths point at: the lost one until the peer is
  // back, then its new one.
  std::shared_ptr<const rib::PeerInfo> info;
  std::weak_ptr<Session> session;  // the new session, once back
  absl::flat_hash_set<wire::Ipv4Prefix> ipv4;
  absl::flat_hash_set<evpn::EvpnKey> evpn;
  // Guarded by RouteExchange::stale_mu_: which timer arming is current.
  uint64_t generation = 0;
  std::unique_ptr<boost::asio::steady_timer> timer;
  std::chrono::steady_clock::time_point deadline;

  size_t size() const { return ipv4.size() + evpn.size(); }
  bool back() const { return !session.expired(); }
  // Keys the peer announced or withdrew again are no longer stale.
  template <typename Key>
  static void Forget(absl::flat_hash_set<Key>& stale, std::span<const Key> keys) {
    if (stale.empty()) return;
    for (const Key& k : keys) stale.erase(k);
  }
};

}  // namespace meshbgp::session
