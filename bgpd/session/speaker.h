// The BGP speaker: owns the listeners and every session, admits incoming
// connections (static neighbor, `allow` range, or closed before OPEN),
// starts and restarts static neighbors with jittered backoff, resolves
// connection collisions (RFC 4271 §6.8) and applies a new configuration to
// only the sessions it affects.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <absl/status/status.h>
#include <boost/asio.hpp>

#include "bgpd/config/config.h"
#include "bgpd/session/admission.h"
#include "bgpd/session/listener.h"
#include "bgpd/session/listener_md5.h"
#include "bgpd/session/peer_stats.h"
#include "bgpd/session/route_exchange.h"
#include "bgpd/session/session.h"

namespace meshbgp::session {

class Speaker : public SessionHost {
 public:
  Speaker(boost::asio::io_context& io, RouteExchange& exchange);
  ~Speaker() override;

  // First call starts everything; later calls apply a reload: sessions
  // whose settings are unchanged are not touched.
  absl::Status Configure(const config::Config& cfg);
  // Cease every session with `subcode` and an RFC 9003 message, stop
  // listening and reconnecting. Returns at once; sessions close async.
  void Shutdown(uint8_t subcode, const std::string& message);
  // Sessions that are not yet Idle.
  size_t LiveSessions() const;

  std::vector<SessionSnapshot> Snapshots() const;
  std::vector<std::shared_ptr<Session>> Sessions() const;
  // Established with `a`, and End-of-RIB received for every family it
  // negotiated: the peer's initial table is in (readiness, show mesh).
  bool InitialTableReceived(const boost::asio::ip::address& a) const;
  // bgpctl neighbor ADDR clear|down|up
  absl::Status NeighborAction(const std::string& address, const std::string& action);
  // Per-peer counters that outlive sessions (/metrics).
  const PeerStats& peer_stats() const { return peer_stats_; }

  // SessionHost
  std::optional<wire::Notification> AdmitOpen(Session& s) override;
  void OnEstablished(Session& s) override;
  std::optional<wire::Notification> OnUpdate(Session& s, wire::Update& u) override;
  void OnRouteRefresh(Session& s, const wire::RouteRefresh& rr) override;
  void OnClosed(Session& s, bool was_established) override;
  bool Restarting() const override { return exchange_.Restarting(); }
  MessageTap* Tap() const override { return tap_.load(std::memory_order_acquire); }
  // Set once before Configure; the tap outlives the sessions.
  void SetTap(MessageTap* tap) { tap_.store(tap, std::memory_order_release); }

 private:
  struct StaticPeer {
    config::Neighbor neighbor;
    SessionSettings settings;
    boost::asio::ip::tcp::endpoint endpoint;
    bool admin_down = false;
    uint32_t backoff_seconds = 1;
    // When it last had no session (for Up/Down of a peer without one).
    std::chrono::steady_clock::time_point down_since = std::chrono::steady_clock::now();
    std::unique_ptr<boost::asio::steady_timer> retry;
  };

  void OnAccept(boost::asio::ip::tcp::socket socket);
  bool HasLiveSession(const boost::asio::ip::address& a) const;  // mu_ held
  // Rate limit, session limit and hold-down (admission.h); false when the
  // connection must be closed before OPEN.  mu_ held.
  bool Admit(const boost::asio::ip::address& a, const SessionSettings& settings);
  void StartOutbound(StaticPeer& p);  // mu_ held
  void ScheduleReconnect(StaticPeer& p);  // mu_ held
  static void CancelRetry(StaticPeer& p);
  std::shared_ptr<Session> NewSession(SessionSettings settings, boost::asio::ip::tcp::endpoint remote,
                                      bool outbound);  // mu_ held

  boost::asio::io_context& io_;
  RouteExchange& exchange_;
  std::unique_ptr<Listener> listener_;

  mutable std::mutex mu_;
  bool configured_ = false;
  bool shutting_down_ = false;
  config::Config cfg_;
  std::map<std::string, StaticPeer> statics_;  // by address text
  // Dynamic peers an operator took down: refused until `up`.
  std::set<boost::asio::ip::address> dynamic_down_;
  std::vector<std::shared_ptr<Session>> sessions_;
  Admission admission_;
  ListenerMd5 listener_md5_;
  PeerStats peer_stats_;
  // Families (bit per wire::Family) whose End-of-RIB each session sent us.
  std::map<const Session*, uint32_t> end_of_rib_;
  std::atomic<MessageTap*> tap_{nullptr};
};

}  // namespace meshbgp::session
