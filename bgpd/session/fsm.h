// The RFC 4271 §8 finite state machine of one BGP connection, as a pure
// transition function: events in, actions out, no sockets or timers. The
// connection object performs the actions; tests drive the table directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgpd/wire/types.h"

namespace meshbgp::session {

enum class State { kIdle, kConnect, kActive, kOpenSent, kOpenConfirm, kEstablished };
const char* StateName(State s);

enum class EventType {
  kManualStart,          // 1: active open (static neighbor)
  kManualStartPassive,   // 4: wait for the peer to connect
  kManualStop,           // 2: administrative stop (carries a notification)
  kConnectRetryExpired,  // 9
  kHoldTimerExpired,     // 10
  kKeepaliveTimerExpired,  // 11
  kTcpConnected,         // 16/17: our connect succeeded or we accepted one
  kTcpFailed,            // 18: connect failed or the peer closed
  kOpenReceived,         // 19: a valid, acceptable OPEN
  kMessageError,         // 21/22/28: header, OPEN or UPDATE error (carries a notification)
  kCollisionDump,        // 23: collision detection chose to close this one
  kNotificationReceived,  // 24/25
  kKeepaliveReceived,    // 26
  kUpdateReceived,       // 27
};

struct Event {
  EventType type;
  wire::Notification notification;  // kManualStop, kMessageError
  std::string reason;
};

enum class ActionType {
  kConnect,               // open a TCP connection to the peer
  kSendOpen,
  kSendKeepalive,
  kSendNotification,      // notification field
  kCloseConnection,
  kStartConnectRetryTimer,
  kStopConnectRetryTimer,
  kStartHoldTimer,        // seconds field (0 = stop)
  kStartKeepaliveTimer,   // seconds field (0 = stop)
  kSessionUp,             // entered Established: join the RIB
  kSessionDown,           // left Established: withdraw this peer's routes
};

struct Action {
  ActionType type;
  uint32_t seconds = 0;
  wire::Notification notification;
  friend bool operator==(const Action&, const Action&) = default;
};

class Fsm {
 public:
  // hold_time: our configured hold time; the negotiated one is set by
  // SetNegotiatedHoldTime before kOpenReceived is fed.
  explicit Fsm(uint16_t hold_time) : configured_hold_(hold_time) {}

  State state() const { return state_; }
  uint16_t negotiated_hold_time() const { return negotiated_hold_; }
  void SetNegotiatedHoldTime(uint16_t t) { negotiated_hold_ = t; }
  // Why the last transition to Idle happened, for logs and bgpctl.
  const std::string& last_reason() const { return last_reason_; }

  std::vector<Action> Handle(const Event& e);

  // RFC 4271 §8.2.2: the "large value" for the hold timer before OPEN.
  static constexpr uint32_t kOpenHoldTime = 240;
  static constexpr uint32_t kConnectRetrySeconds = 5;

 private:
  std::vector<Action> ToIdle(std::vector<Action> out, const std::string& reason,
                             bool was_established);
  std::vector<Action> HandleIdle(const Event& e);
  std::vector<Action> HandleConnectOrActive(const Event& e);
  std::vector<Action> HandleOpenSent(const Event& e);
  std::vector<Action> HandleOpenConfirm(const Event& e);
  std::vector<Action> HandleEstablished(const Event& e);
  std::optional<std::vector<Action>> HandleOpeningFailure(const Event& e);
  std::vector<Action> ErrorWithNotification(const wire::Notification& n, const std::string& reason);

  State state_ = State::kIdle;
  const uint16_t configured_hold_;
  uint16_t negotiated_hold_ = 0;
  std::string last_reason_;
};

}  // namespace meshbgp::session
