#include "bgpd/session/fsm.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace meshbgp::session {
namespace {

bool Has(const std::vector<Action>& actions, ActionType t) {
  return std::any_of(actions.begin(), actions.end(), [t](const Action& a) { return a.type == t; });
}
const Action* Find(const std::vector<Action>& actions, ActionType t) {
  for (const Action& a : actions)
    if (a.type == t) return &a;
  return nullptr;
}
Event E(EventType t) { return Event{t, {}, {}}; }

// Brings a passive FSM to Established with a negotiated hold time.
Fsm EstablishedFsm(uint16_t hold = 90) {
  Fsm f(hold);
  f.Handle(E(EventType::kManualStartPassive));
  f.Handle(E(EventType::kTcpConnected));
  f.SetNegotiatedHoldTime(hold);
  f.Handle(E(EventType::kOpenReceived));
  f.Handle(E(EventType::kKeepaliveReceived));
  return f;
}

TEST(Fsm, ActiveStartConnectsAndArmsConnectRetry) {
  Fsm f(90);
  auto a = f.Handle(E(EventType::kManualStart));
  EXPECT_EQ(f.state(), State::kConnect);
  EXPECT_TRUE(Has(a, ActionType::kConnect));
  ASSERT_NE(Find(a, ActionType::kStartConnectRetryTimer), nullptr);
  EXPECT_GT(Find(a, ActionType::kStartConnectRetryTimer)->seconds, 0u);
}

TEST(Fsm, PassiveStartWaitsInActive) {
  Fsm f(90);
  auto a = f.Handle(E(EventType::kManualStartPassive));
  EXPECT_EQ(f.state(), State::kActive);
  EXPECT_TRUE(a.empty());
}

TEST(Fsm, ConnectFailureMovesToActiveAndRetryReconnects) {
  Fsm f(90);
  f.Handle(E(EventType::kManualStart));
  f.Handle(E(EventType::kTcpFailed));
  EXPECT_EQ(f.state(), State::kActive);
  auto a = f.Handle(E(EventType::kConnectRetryExpired));
  EXPECT_EQ(f.state(), State::kConnect);
  EXPECT_TRUE(Has(a, ActionType::kConnect));
}

TEST(Fsm, TcpConnectedSendsOpenWithLargeHoldTimer) {
  Fsm f(90);
  f.Handle(E(EventType::kManualStart));
  auto a = f.Handle(E(EventType::kTcpConnected));
  EXPECT_EQ(f.state(), State::kOpenSent);
  EXPECT_TRUE(Has(a, ActionType::kSendOpen));
  EXPECT_TRUE(Has(a, ActionType::kStopConnectRetryTimer));
  ASSERT_NE(Find(a, ActionType::kStartHoldTimer), nullptr);
  EXPECT_EQ(Find(a, ActionType::kStartHoldTimer)->seconds, Fsm::kOpenHoldTime);
}

TEST(Fsm, OpenReceivedSendsKeepaliveAndUsesNegotiatedHold) {
  Fsm f(90);
  f.Handle(E(EventType::kManualStartPassive));
  f.Handle(E(EventType::kTcpConnected));
  f.SetNegotiatedHoldTime(30);
  auto a = f.Handle(E(EventType::kOpenReceived));
  EXPECT_EQ(f.state(), State::kOpenConfirm);
  EXPECT_TRUE(Has(a, ActionType::kSendKeepalive));
  EXPECT_EQ(Find(a, ActionType::kStartHoldTimer)->seconds, 30u);
  EXPECT_EQ(Find(a, ActionType::kStartKeepaliveTimer)->seconds, 10u);
}

TEST(Fsm, KeepaliveInOpenConfirmEstablishes) {
  Fsm f = EstablishedFsm();
  EXPECT_EQ(f.state(), State::kEstablished);
}

TEST(Fsm, SessionUpReportedOnEstablish) {
  Fsm f(90);
  f.Handle(E(EventType::kManualStartPassive));
  f.Handle(E(EventType::kTcpConnected));
  f.SetNegotiatedHoldTime(90);
  f.Handle(E(EventType::kOpenReceived));
  auto a = f.Handle(E(EventType::kKeepaliveReceived));
  EXPECT_TRUE(Has(a, ActionType::kSessionUp));
}

TEST(Fsm, ZeroHoldTimeDisablesTimers) {
  Fsm f(0);
  f.Handle(E(EventType::kManualStartPassive));
  f.Handle(E(EventType::kTcpConnected));
  f.SetNegotiatedHoldTime(0);
  auto a = f.Handle(E(EventType::kOpenReceived));
  EXPECT_EQ(Find(a, ActionType::kStartHoldTimer)->seconds, 0u);
  EXPECT_EQ(Find(a, ActionType::kStartKeepaliveTimer)->seconds, 0u);
}

TEST(Fsm, UpdateAndKeepaliveRestartHoldTimer) {
  Fsm f = EstablishedFsm(60);
  for (EventType t : {EventType::kUpdateReceived, EventType::kKeepaliveReceived}) {
    auto a = f.Handle(E(t));
    ASSERT_NE(Find(a, ActionType::kStartHoldTimer), nullptr);
    EXPECT_EQ(Find(a, ActionType::kStartHoldTimer)->seconds, 60u);
    EXPECT_EQ(f.state(), State::kEstablished);
  }
}

TEST(Fsm, KeepaliveTimerSendsKeepalive) {
  Fsm f = EstablishedFsm(90);
  auto a = f.Handle(E(EventType::kKeepaliveTimerExpired));
  EXPECT_TRUE(Has(a, ActionType::kSendKeepalive));
  EXPECT_EQ(Find(a, ActionType::kStartKeepaliveTimer)->seconds, 30u);
}

TEST(Fsm, HoldTimerExpirySendsNotification4AndGoesDown) {
  Fsm f = EstablishedFsm();
  auto a = f.Handle(E(EventType::kHoldTimerExpired));
  EXPECT_EQ(f.state(), State::kIdle);
  const Action* n = Find(a, ActionType::kSendNotification);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->notification.code, 4);
  EXPECT_TRUE(Has(a, ActionType::kCloseConnection));
  EXPECT_TRUE(Has(a, ActionType::kSessionDown));
}

TEST(Fsm, MessageErrorSendsItsNotification) {
  Fsm f = EstablishedFsm();
  Event e{EventType::kMessageError, {3, 11, {}}, "malformed AS_PATH"};
  auto a = f.Handle(e);
  EXPECT_EQ(f.state(), State::kIdle);
  EXPECT_EQ(Find(a, ActionType::kSendNotification)->notification, (wire::Notification{3, 11, {}}));
  EXPECT_EQ(f.last_reason(), "malformed AS_PATH");
}

TEST(Fsm, NotificationReceivedClosesWithoutSending) {
  Fsm f = EstablishedFsm();
  auto a = f.Handle(Event{EventType::kNotificationReceived, {}, "received NOTIFICATION Cease"});
  EXPECT_EQ(f.state(), State::kIdle);
  EXPECT_FALSE(Has(a, ActionType::kSendNotification));
  EXPECT_TRUE(Has(a, ActionType::kSessionDown));
}

TEST(Fsm, TcpFailureInEstablishedReportsDown) {
  Fsm f = EstablishedFsm();
  auto a = f.Handle(E(EventType::kTcpFailed));
  EXPECT_EQ(f.state(), State::kIdle);
  EXPECT_TRUE(Has(a, ActionType::kSessionDown));
  EXPECT_FALSE(Has(a, ActionType::kSendNotification));
}

TEST(Fsm, UnexpectedMessageInOpenSentIsFsmError) {
  Fsm f(90);
  f.Handle(E(EventType::kManualStartPassive));
  f.Handle(E(EventType::kTcpConnected));
  auto a = f.Handle(E(EventType::kKeepaliveReceived));
  EXPECT_EQ(f.state(), State::kIdle);
  const Action* n = Find(a, ActionType::kSendNotification);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->notification.code, 5);     // FSM error
  EXPECT_EQ(n->notification.subcode, 1);  // RFC 6608: in OpenSent
}

TEST(Fsm, UpdateInOpenConfirmIsFsmErrorSubcode2) {
  Fsm f(90);
  f.Handle(E(EventType::kManualStartPassive));
  f.Handle(E(EventType::kTcpConnected));
  f.SetNegotiatedHoldTime(90);
  f.Handle(E(EventType::kOpenReceived));
  auto a = f.Handle(E(EventType::kUpdateReceived));
  const Action* n = Find(a, ActionType::kSendNotification);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->notification.code, 5);
  EXPECT_EQ(n->notification.subcode, 2);
}

TEST(Fsm, CollisionDumpSendsCease7) {
  Fsm f(90);
  f.Handle(E(EventType::kManualStartPassive));
  f.Handle(E(EventType::kTcpConnected));
  f.SetNegotiatedHoldTime(90);
  f.Handle(E(EventType::kOpenReceived));
  auto a = f.Handle(E(EventType::kCollisionDump));
  EXPECT_EQ(f.state(), State::kIdle);
  EXPECT_EQ(Find(a, ActionType::kSendNotification)->notification,
            (wire::Notification{6, wire::cease::kConnectionCollisionResolution, {}}));
}

TEST(Fsm, ManualStopInEstablishedSendsGivenCease) {
  Fsm f = EstablishedFsm();
  auto a = f.Handle(Event{EventType::kManualStop, {6, 2, {}}, "shutdown"});
  EXPECT_EQ(Find(a, ActionType::kSendNotification)->notification, (wire::Notification{6, 2, {}}));
  EXPECT_TRUE(Has(a, ActionType::kSessionDown));
}

TEST(Fsm, ManualStopBeforeConnectionSendsNothing) {
  Fsm f(90);
  f.Handle(E(EventType::kManualStart));
  auto a = f.Handle(Event{EventType::kManualStop, {6, 2, {}}, "shutdown"});
  EXPECT_EQ(f.state(), State::kIdle);
  EXPECT_FALSE(Has(a, ActionType::kSendNotification));
}

TEST(Fsm, IdleIgnoresStrayEvents) {
  Fsm f(90);
  for (EventType t : {EventType::kHoldTimerExpired, EventType::kKeepaliveReceived,
                      EventType::kUpdateReceived, EventType::kTcpFailed}) {
    EXPECT_TRUE(f.Handle(E(t)).empty());
    EXPECT_EQ(f.state(), State::kIdle);
  }
}

}  // namespace
}  // namespace meshbgp::session
