// Where sessions meet the RIB: received UPDATEs pass the import checks and
// enter the Loc-RIB of their family (IPv4 unicast, EVPN); Established
// sessions join, for each family they negotiated, the update group for
// their export rules and encoding; a closed session's paths are withdrawn
// from everyone, or kept as stale through the peer's graceful restart
// (route_exchange_gr.cc). Policy comes from bgpd/policy, storage from rib/.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "bgpd/config/config.h"
#include "bgpd/policy/export_rules.h"
#include "bgpd/session/selection_deferral.h"
#include "bgpd/session/session.h"
#include "bgpd/session/stale_peer.h"
#include "rib/attr_store.h"
#include "rib/loc_rib.h"
#include "rib/update_group.h"

namespace meshbgp::session {

// Adds `delta` paths of `family` to the session's counts; true when the
// family's count now exceeds `limit` (max_prefixes is per session per family).
bool CountAccepted(SessionCounters& c, wire::Family family, ptrdiff_t delta, uint32_t limit);

class RouteExchange {
 public:
  explicit RouteExchange(boost::asio::io_context& io);
  ~RouteExchange();

  // Export settings per group name; sessions that join later use them.
  void SetConfig(const config::Config& cfg);

  void Join(const std::shared_ptr<Session>& s);
  // Applies one UPDATE; returns the NOTIFICATION to end the session with
  // when it breaches max_prefixes.
  std::optional<wire::Notification> Import(Session& s, wire::Update& u);
  // ROUTE-REFRESH: send the session our whole table of `family` again
  // (RFC 2918: only the AFI/SAFI asked for).
  void Refresh(Session& s, wire::Family family);
  void Leave(Session& s);

  const rib::LocRib<wire::Ipv4Prefix>& ipv4() const { return ipv4_; }
  const rib::LocRib<evpn::EvpnKey, rib::EvpnPath>& evpn() const { return evpn_; }
  const rib::AttrStore& attrs() const { return attrs_; }

  // Graceful restart. Restarting: inside our own restart window (from
  // start until our table is complete), OPENs carry the R bit and new
  // sessions wait for our table.
  bool Restarting() const { return restarting_.load(std::memory_order_relaxed); }
  struct StaleStatus {
    std::string address;
    std::string group;
    uint32_t asn = 0;
    bool back = false;     // the peer is back, its End-of-RIB is awaited
    size_t paths = 0;      // stale paths left
    int64_t seconds_left = 0;
  };
  std::vector<StaleStatus> StalePeers() const;
  // A peer removed from the configuration (a reload, or its mesh name no
  // longer resolving to it) is not coming back: its stale paths go now
  // rather than at the end of its restart time.
  void DropStale(const std::string& address);
  // The stale IPv4 keys of each peer, copied: show rib marks them, and
  // must not look them up from inside a RIB walk (shard lock held).
  using StaleIpv4 =
      std::vector<std::pair<const rib::PeerInfo*, absl::flat_hash_set<wire::Ipv4Prefix>>>;
  StaleIpv4 StaleIpv4Keys() const;
  // The export rules a member of `group` gets, for "show rib out".
  std::shared_ptr<const policy::GroupExportRules> RulesFor(const std::string& group) const;
  size_t GroupCount() const;
  std::vector<std::pair<std::string, rib::UpdateGroupStats>> GroupStats() const;

 private:
  // The groups of one family and what Join/Leave/MarkDirty do with them.
  template <typename Family>
  struct Groups {
    std::map<std::string, std::unique_ptr<rib::UpdateGroupT<Family>>> by_key;
    std::map<const Session*, rib::UpdateGroupT<Family>*> membership;
  };
  template <typename Family>
  void JoinGroup(Groups<Family>& groups, const rib::LocRib<typename Family::Key,
                 typename Family::PathT>& rib, const std::shared_ptr<Session>& s,
                 const std::string& key, std::shared_ptr<const policy::GroupExportRules> rules);
  template <typename Family>
  static void LeaveGroup(Groups<Family>& groups, Session& s);
  template <typename Family>
  void MarkDirty(Groups<Family>& groups, const std::vector<typename Family::Key>& keys,
                 rib::PeerId cause);
  void JoinGroups(const std::shared_ptr<Session>& s);

  // Graceful restart (route_exchange_gr.cc).
  void StartRestartWindow(const config::Config& cfg);
  void CloseRestartWindow(const char* why);
  // At Join: true when the session waits for the restart window to close.
  bool HoldDuringRestart(const std::shared_ptr<Session>& s);
  void OnEndOfRib(Session& s, wire::Family f);
  // At Leave: true when the session's paths stay, stale.
  bool RetainStale(Session& s, const std::shared_ptr<const rib::PeerInfo>& info);
  // At Join: the stale paths of the peer pass to its new session, or go.
  void ResumeStale(const std::shared_ptr<Session>& s);
  // The returning session's stale entry (locked by the caller), if any.
  std::shared_ptr<StalePeer> StaleOf(const Session& s) const;
  void ArmStaleTimer(const std::shared_ptr<StalePeer>& e, uint32_t seconds);  // stale_mu_ held
  void ExpireStale(const std::shared_ptr<StalePeer>& e, uint64_t generation);
  // Withdraws e's stale keys (of `only`, or all), counted off `counters`
  // when given; e.mu held. Returns how many.
  size_t FlushStale(StalePeer& e, std::optional<wire::Family> only, SessionCounters* counters);
  // Removes every path of `info`, counted off `counters` when given, and
  // frees it once no flush can read it.
  size_t RemoveAllPaths(const std::shared_ptr<const rib::PeerInfo>& info, SessionCounters* counters);
  void ReleaseAfterWork(std::shared_ptr<const rib::PeerInfo> info);

  boost::asio::io_context& io_;
  rib::AttrStore attrs_;  // must outlive every AttrRef: declared first
  rib::LocRib<wire::Ipv4Prefix> ipv4_;
  rib::LocRib<evpn::EvpnKey, rib::EvpnPath> evpn_;

  mutable std::shared_mutex mu_;  // guards the maps below
  std::map<std::string, std::shared_ptr<const policy::GroupExportRules>> rules_;
  Groups<rib::Ipv4Family> ipv4_groups_;
  Groups<rib::EvpnFamily> evpn_groups_;

  // Graceful restart state (route_exchange_gr.cc).
  mutable std::mutex stale_mu_;  // taken before any StalePeer::mu
  std::map<std::string, std::shared_ptr<StalePeer>> stale_;  // by peer address
  std::atomic<size_t> stale_count_{0};  // stale_.size(): Import's fast path
  std::mutex deferral_mu_;
  SelectionDeferral deferral_;
  std::atomic<bool> restarting_{false};
  bool window_started_ = false;  // guarded by deferral_mu_
  std::unique_ptr<boost::asio::steady_timer> defer_timer_;
};

}  // namespace meshbgp::session
