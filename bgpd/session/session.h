// One BGP connection: TCP framing, the FSM, timers and the write queue, all
// on one strand. Routes and admission decisions go to the SessionHost; the
// session itself never decides policy. A session lives from its TCP
// connection (or connect attempt) until it reaches Idle, then its host
// drops it; static neighbours start a new one.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <span>
#include <vector>

#include <boost/asio.hpp>

#include "bgpd/session/fsm.h"
#include "bgpd/session/graceful_restart_rules.h"
#include "bgpd/session/session_settings.h"
#include "bgpd/wire/open.h"
#include "bgpd/wire/route_refresh.h"
#include "bgpd/wire/update.h"
#include "rib/update_group.h"

namespace meshbgp::session {

class Session;

// Sees every UPDATE a session receives while Established (`whole`: header
// included, before it is decoded) and every FSM state change, on the
// session's strand: it must not block (the MRT update log queues).
class MessageTap {
 public:
  virtual ~MessageTap() = default;
  virtual void OnUpdateReceived(Session& s, std::span<const uint8_t> whole) = 0;
  virtual void OnStateChange(Session& s, State from, State to) = 0;
};

// The owner of sessions: admission, collisions and the RIB.
class SessionHost {
 public:
  virtual ~SessionHost() = default;
  // After the OPEN negotiated fine: may this session go on? (collision
  // detection). A notification closes it.
  virtual std::optional<wire::Notification> AdmitOpen(Session& s) = 0;
  virtual void OnEstablished(Session& s) = 0;
  // A decoded UPDATE from an Established session, on its strand. Returning
  // a notification tears the session down (max_prefixes).
  virtual std::optional<wire::Notification> OnUpdate(Session& s, wire::Update& u) = 0;
  virtual void OnRouteRefresh(Session& s, const wire::RouteRefresh& rr) = 0;
  // The session reached Idle; the host releases it. Called once.
  virtual void OnClosed(Session& s, bool was_established) = 0;
  // Inside our own graceful-restart window: OPENs carry the R bit.
  virtual bool Restarting() const { return false; }
  // Who records what sessions receive (the MRT update log), or nullptr.
  virtual MessageTap* Tap() const { return nullptr; }
};

struct SessionCounters {
  std::atomic<uint64_t> messages_in{0};
  std::atomic<uint64_t> messages_out{0};
  std::atomic<uint64_t> updates_in{0};
  std::atomic<uint64_t> updates_out{0};
  std::atomic<int64_t> prefixes_accepted{0};   // paths in the RIB from this session
  std::atomic<uint64_t> prefixes_received{0};  // announcements received
  std::atomic<uint64_t> prefixes_rejected{0};  // import-policy or RFC 7606 drops
  // The same per address family (index wire::Family): max_prefixes and the
  // summary count each family on its own.
  struct PerFamily {
    std::atomic<int64_t> accepted{0};
    std::atomic<uint64_t> received{0};
    std::atomic<uint64_t> rejected{0};
  };
  std::array<PerFamily, wire::kFamilyCount> family;
  // The NOTIFICATION sent and received on this connection as code << 8 |
  // subcode, 0 = none: a connection carries at most one each way.
  std::atomic<uint16_t> notification_sent{0};
  std::atomic<uint16_t> notification_received{0};
};

struct SessionSnapshot {
  std::string remote_address;
  uint16_t remote_port = 0;
  std::string local_address;
  std::string group;
  bool dynamic = false;
  bool outbound = false;
  State state = State::kIdle;
  uint32_t peer_as = 0;
  uint32_t peer_router_id = 0;
  std::optional<Negotiated> negotiated;
  uint16_t configured_hold_time = 0;
  std::chrono::steady_clock::time_point state_since;
  uint64_t messages_in = 0, messages_out = 0;
  int64_t prefixes_accepted = 0;
  uint64_t prefixes_received = 0, prefixes_rejected = 0;
  struct FamilyCounts {
    int64_t accepted = 0;
    uint64_t received = 0, rejected = 0;
  };
  std::array<FamilyCounts, wire::kFamilyCount> family{};
  std::string last_error;
  std::string last_notification_sent;
  std::string last_notification_received;
  uint64_t out_queue_bytes = 0;
  bool md5 = false;           // a TCP MD5 key protects the session (the key is never shown)
  bool ttl_security = false;  // GTSM
};

class Session : public rib::OutMember, public std::enable_shared_from_this<Session> {
 public:
  using tcp = boost::asio::ip::tcp;

  Session(boost::asio::io_context& io, SessionHost& host, SessionSettings settings,
          tcp::endpoint remote, bool outbound);
  ~Session() override;

  // Starts on an accepted socket.
  void StartPassive(tcp::socket socket);
  // Connects out, retrying every ConnectRetry interval until connected.
  void StartActive();
  // Administrative stop: sends `n` (if Established or opening) and closes.
  // Thread-safe.
  void Stop(wire::Notification n, std::string reason);

  // rib::OutMember
  const rib::PeerInfo& peer() const override { return *peer_info_; }
  void Send(rib::Buffer messages) override;
  void InitialDumpDone() override;
  size_t QueuedBytes() const override { return queued_bytes_.load(std::memory_order_relaxed); }
  void NotifyWhenDrained(std::function<void()> fn) override;

  std::shared_ptr<const rib::PeerInfo> peer_info() const { return peer_info_; }
  const SessionSettings& settings() const { return settings_; }
  const tcp::endpoint& remote() const { return remote_; }
  bool outbound() const { return outbound_; }
  // Valid from OpenConfirm on; read on the strand or after Established.
  const Negotiated& negotiated() const { return negotiated_; }
  State state() const { return state_.load(); }
  SessionCounters& counters() { return counters_; }
  SessionSnapshot Snapshot() const;
  // Logging prefix: "peer 10.0.0.2 AS65001".
  std::string Name() const;
  const std::string& address_text() const { return address_text_; }
  // Our end of the connection (unspecified before connected); read on the
  // strand.
  const boost::asio::ip::address& local_ip() const { return local_ip_; }
  // The NOTIFICATIONs sent and received; read on the strand (OnClosed).
  const SessionEnd& end() const { return end_; }

 private:
  void Feed(const Event& e);
  void Perform(const Action& a);
  void DoConnect();
  void ArmTimer(boost::asio::steady_timer& t, uint32_t seconds, EventType ev, uint64_t& gen);
  void ReadMore();
  void OnRead(const boost::system::error_code& ec, size_t n);
  // Handles every complete message in the read buffer; false when closing.
  bool ProcessBuffer();
  void HandleMessage(wire::MessageType type, std::span<const uint8_t> whole);
  void HandleOpen(std::span<const uint8_t> body);
  void HandleUpdate(std::span<const uint8_t> body);
  void HandleNotification(std::span<const uint8_t> body);
  void HandleRouteRefresh(std::span<const uint8_t> whole);
  void SendNow(std::vector<uint8_t> bytes);  // on the strand, ahead of nothing
  void SendNotification(const wire::Notification& n);
  void KickWrite();
  void DoWrite();
  void CloseSocket();
  void SetState(State s);
  void ApplySocketOptions();
  void ApplyGtsm();  // ttl_security (tcp_security.h)
  void MakePeerInfo();

  boost::asio::io_context& io_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  SessionHost& host_;
  const SessionSettings settings_;
  const tcp::endpoint remote_;
  const bool outbound_;
  const std::string address_text_;
  tcp::socket socket_;
  boost::asio::steady_timer hold_timer_, keepalive_timer_, connect_retry_timer_, close_timer_;
  uint64_t hold_gen_ = 0, keepalive_gen_ = 0, connect_gen_ = 0;

  Fsm fsm_;
  std::atomic<State> state_{State::kIdle};
  std::chrono::steady_clock::time_point state_since_;
  wire::Open our_open_;
  Negotiated negotiated_;
  std::shared_ptr<const rib::PeerInfo> peer_info_;
  bool closed_notified_ = false;
  bool closing_ = false;  // a NOTIFICATION is on its way; read nothing more
  SessionEnd end_;

  std::vector<uint8_t> rbuf_;
  size_t rlen_ = 0;

  // Write queue: filled from any thread, drained on the strand.
  mutable std::mutex wmu_;
  std::deque<rib::Buffer> wqueue_;
  std::vector<rib::Buffer> inflight_;
  bool writing_ = false;
  bool write_kick_posted_ = false;
  bool close_after_write_ = false;
  // Bytes in wqueue_ and inflight_ (written under wmu_), and who waits for
  // them to reach 0 (update groups holding back a slow reader).
  std::atomic<size_t> queued_bytes_{0};
  std::vector<std::function<void()>> drain_waiters_;
  void ClearQueueLocked();  // wmu_ held

  SessionCounters counters_;
  mutable std::mutex info_mu_;  // guards the strings below
  std::string last_error_, last_sent_, last_received_;
  std::string local_address_;
  boost::asio::ip::address local_ip_;  // strand only
};

}  // namespace meshbgp::session
