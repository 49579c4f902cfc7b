// DesiredPeers: the pure bookkeeping between DNS answers and the iBGP peer
// set of one mesh group. Given each resolution outcome it says which peer
// addresses to add and which to remove. No sockets, no clocks of its own
// (the caller passes `now`), so every rule is testable exactly:
//  - local addresses (POD_IP, our interfaces) are never peers;
//  - a positive answer is authoritative: peers missing from it go at once;
//  - NXDOMAIN / an empty answer keeps the current peers for `grace`
//    (a Service briefly without Ready endpoints must not tear the mesh
//    down), then removes them;
//  - transient errors (timeout, SERVFAIL, ...) never remove peers;
//  - max_peers > 0 picks a deterministic subset by rendezvous hashing.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace meshbgp::mesh {

using Address = boost::asio::ip::address;
using Clock = std::chrono::steady_clock;

struct PeerDiff {
  std::vector<Address> add;     // sorted
  std::vector<Address> remove;  // sorted
  bool empty() const { return add.empty() && remove.empty(); }
};

struct DesiredPeersOptions {
  uint32_t router_id = 0;  // ours, host byte order; seeds rendezvous hashing
  uint32_t max_peers = 0;  // 0 = all
  Clock::duration grace = std::chrono::seconds(30);
};

// Rendezvous (highest-random-weight) score of `peer` as seen by router
// `router_id`. Every router ranks the candidates independently by this
// score and keeps the max_peers highest (ties: lower address first), so
// the choice is deterministic and needs no coordination, and adding or
// removing one candidate changes at most one chosen peer. The hash is our
// own (FNV-1a over router id + family + address bytes, then a splitmix64
// finaliser) so it is stable across builds, platforms and versions.
uint64_t RendezvousScore(uint32_t router_id, const Address& peer);

// The max_peers highest-scoring candidates (all when max_peers is 0),
// returned sorted by address. `candidates` must not contain duplicates.
std::vector<Address> RendezvousChoose(uint32_t router_id,
                                      std::span<const Address> candidates,
                                      uint32_t max_peers);

class DesiredPeers {
 public:
  explicit DesiredPeers(DesiredPeersOptions options) : options_(options) {}

  // A successful answer (duplicates allowed, order irrelevant). An empty
  // answer is OnEmpty; an answer holding only local addresses is positive
  // (we are the only member) and removes the peers at once.
  PeerDiff OnAnswer(std::span<const Address> answer,
                    std::span<const Address> local, Clock::time_point now);
  // NXDOMAIN or no data: keep the peers until `grace` has passed since the
  // first empty answer of this run, then remove them all.
  PeerDiff OnEmpty(Clock::time_point now);
  // Timeout, SERVFAIL, refused...: the peers stay; a pending grace period is
  // neither advanced nor reset (only answers decide).
  PeerDiff OnError(Clock::time_point now) { return {}; }

  const std::vector<Address>& peers() const { return peers_; }  // sorted
  // When the current run of empty answers started, if one is in progress.
  std::optional<Clock::time_point> empty_since() const { return empty_since_; }

 private:
  PeerDiff SetPeers(std::vector<Address> next);

  DesiredPeersOptions options_;
  std::vector<Address> peers_;
  std::optional<Clock::time_point> empty_since_;
};

}  // namespace meshbgp::mesh
