#include "bgpd/session/fsm.h"

namespace meshbgp::session {

const char* StateName(State s) {
  switch (s) {
    case State::kIdle: return "Idle";
    case State::kConnect: return "Connect";
    case State::kActive: return "Active";
    case State::kOpenSent: return "OpenSent";
    case State::kOpenConfirm: return "OpenConfirm";
    case State::kEstablished: return "Established";
  }
  return "?";
}

namespace {
Action Do(ActionType t, uint32_t seconds = 0) { return Action{t, seconds, {}}; }
Action Notify(const wire::Notification& n) { return Action{ActionType::kSendNotification, 0, n}; }
wire::Notification FsmError(State s) {
  // RFC 6608 subcodes: 1 OpenSent, 2 OpenConfirm, 3 Established.
  uint8_t sub = s == State::kOpenSent ? 1 : s == State::kOpenConfirm ? 2 : 3;
  return {static_cast<uint8_t>(wire::ErrorCode::kFsm), sub, {}};
}
}  // namespace

std::vector<Action> Fsm::Handle(const Event& e) {
  switch (state_) {
    case State::kIdle: return HandleIdle(e);
    case State::kConnect:
    case State::kActive: return HandleConnectOrActive(e);
    case State::kOpenSent: return HandleOpenSent(e);
    case State::kOpenConfirm: return HandleOpenConfirm(e);
    case State::kEstablished: return HandleEstablished(e);
  }
  return {};
}

std::vector<Action> Fsm::ToIdle(std::vector<Action> out, const std::string& reason,
                                bool was_established) {
  out.push_back(Do(ActionType::kCloseConnection));
  out.push_back(Do(ActionType::kStartHoldTimer, 0));
  out.push_back(Do(ActionType::kStartKeepaliveTimer, 0));
  out.push_back(Do(ActionType::kStopConnectRetryTimer));
  if (was_established) out.push_back(Do(ActionType::kSessionDown));
  state_ = State::kIdle;
  last_reason_ = reason;
  return out;
}

std::vector<Action> Fsm::ErrorWithNotification(const wire::Notification& n,
                                               const std::string& reason) {
  bool was = state_ == State::kEstablished;
  return ToIdle({Notify(n)}, reason, was);
}

std::vector<Action> Fsm::HandleIdle(const Event& e) {
  switch (e.type) {
    case EventType::kManualStart:
      state_ = State::kConnect;
      return {Do(ActionType::kStartConnectRetryTimer, kConnectRetrySeconds),
              Do(ActionType::kConnect)};
    case EventType::kManualStartPassive:
      state_ = State::kActive;
      return {};
    default:
      return {};  // RFC 4271: other events are ignored in Idle
  }
}

std::vector<Action> Fsm::HandleConnectOrActive(const Event& e) {
  switch (e.type) {
    case EventType::kTcpConnected:
      state_ = State::kOpenSent;
      return {Do(ActionType::kStopConnectRetryTimer), Do(ActionType::kSendOpen),
              Do(ActionType::kStartHoldTimer, kOpenHoldTime)};
    case EventType::kConnectRetryExpired:
      // Connect: drop the attempt and try again. Active: start connecting.
      state_ = State::kConnect;
      return {Do(ActionType::kCloseConnection),
              Do(ActionType::kStartConnectRetryTimer, kConnectRetrySeconds),
              Do(ActionType::kConnect)};
    case EventType::kTcpFailed:
      if (state_ == State::kConnect) {
        // Keep the retry timer running; it reconnects when it fires.
        state_ = State::kActive;
        return {Do(ActionType::kCloseConnection)};
      }
      return ToIdle({}, e.reason.empty() ? "connection failed" : e.reason, false);
    case EventType::kManualStop:
      return ToIdle({}, e.reason.empty() ? "stopped" : e.reason, false);
    default:
      return ToIdle({}, "unexpected event before the connection was up", false);
  }
}

// Events that end a connection the same way in OpenSent and OpenConfirm.
std::optional<std::vector<Action>> Fsm::HandleOpeningFailure(const Event& e) {
  switch (e.type) {
    case EventType::kHoldTimerExpired:
      return ErrorWithNotification(
          {static_cast<uint8_t>(wire::ErrorCode::kHoldTimerExpired), 0, {}},
          state_ == State::kOpenSent ? "hold timer expired waiting for OPEN" : "hold timer expired");
    case EventType::kTcpFailed:
      return ToIdle({}, e.reason.empty() ? std::string("connection closed in ") + StateName(state_) : e.reason,
                    false);
    case EventType::kManualStop:
    case EventType::kMessageError:
      return ErrorWithNotification(e.notification, e.reason);
    case EventType::kCollisionDump:
      return ErrorWithNotification(
          {static_cast<uint8_t>(wire::ErrorCode::kCease), wire::cease::kConnectionCollisionResolution, {}},
          "connection collision resolution");
    case EventType::kNotificationReceived:
      return ToIdle({}, e.reason, false);
    default:
      return std::nullopt;
  }
}

std::vector<Action> Fsm::HandleOpenSent(const Event& e) {
  if (e.type == EventType::kOpenReceived) {
    state_ = State::kOpenConfirm;
    uint16_t hold = negotiated_hold_;
    return {Do(ActionType::kSendKeepalive), Do(ActionType::kStartHoldTimer, hold),
            Do(ActionType::kStartKeepaliveTimer, hold / 3)};
  }
  if (auto out = HandleOpeningFailure(e)) return *std::move(out);
  return ErrorWithNotification(FsmError(state_), "unexpected message in OpenSent");
}

std::vector<Action> Fsm::HandleOpenConfirm(const Event& e) {
  switch (e.type) {
    case EventType::kKeepaliveReceived:
      state_ = State::kEstablished;
      return {Do(ActionType::kSessionUp), Do(ActionType::kStartHoldTimer, negotiated_hold_)};
    case EventType::kKeepaliveTimerExpired:
      return {Do(ActionType::kSendKeepalive), Do(ActionType::kStartKeepaliveTimer, negotiated_hold_ / 3)};
    default:
      break;
  }
  if (auto out = HandleOpeningFailure(e)) return *std::move(out);
  return ErrorWithNotification(FsmError(state_), "unexpected message in OpenConfirm");
}

std::vector<Action> Fsm::HandleEstablished(const Event& e) {
  switch (e.type) {
    case EventType::kKeepaliveReceived:
    case EventType::kUpdateReceived:
      return {Do(ActionType::kStartHoldTimer, negotiated_hold_)};
    case EventType::kKeepaliveTimerExpired:
      return {Do(ActionType::kSendKeepalive), Do(ActionType::kStartKeepaliveTimer, negotiated_hold_ / 3)};
    case EventType::kHoldTimerExpired:
      return ErrorWithNotification(
          {static_cast<uint8_t>(wire::ErrorCode::kHoldTimerExpired), 0, {}}, "hold timer expired");
    case EventType::kTcpFailed:
      return ToIdle({}, e.reason.empty() ? "connection closed by peer" : e.reason, true);
    case EventType::kManualStop:
    case EventType::kMessageError:
      return ErrorWithNotification(e.notification, e.reason);
    case EventType::kCollisionDump:
      // RFC 4271 §6.8: an Established connection wins over a new one; the
      // caller never dumps it, but stay safe.
      return {};
    case EventType::kNotificationReceived:
      return ToIdle({}, e.reason, true);
    default:
      return ErrorWithNotification(FsmError(state_), "unexpected event in Established");
  }
}

}  // namespace meshbgp::session
