// When the restart window closes: every held session's End-of-RIB and
// every static neighbor's.
#include "bgpd/session/selection_deferral.h"

#include <gtest/gtest.h>

namespace meshbgp::session {
namespace {

// The deferral never touches the sessions it holds: distinct addresses
// stand for them.
std::shared_ptr<Session> Fake(uintptr_t id) {
  return std::shared_ptr<Session>(reinterpret_cast<Session*>(id), [](Session*) {});
}

constexpr auto kV4 = wire::Family::kIpv4Unicast;
constexpr auto kEvpn = wire::Family::kEvpn;

TEST(SelectionDeferral, CompleteOnceEveryHeldSessionSentEndOfRib) {
  SelectionDeferral d;
  EXPECT_TRUE(d.open());
  EXPECT_FALSE(d.Complete());  // nobody yet
  auto a = Fake(0x10), b = Fake(0x20);
  EXPECT_TRUE(d.Hold(a, "10.0.0.1", {kV4, kEvpn}));
  EXPECT_TRUE(d.Hold(b, "10.0.0.2", {kV4}));
  d.EndOfRib(a.get(), kV4);
  d.EndOfRib(b.get(), kV4);
  EXPECT_FALSE(d.Complete());
  d.EndOfRib(a.get(), kEvpn);
  EXPECT_TRUE(d.Complete());
  auto released = d.Close();
  EXPECT_EQ(released.size(), 2u);
  EXPECT_FALSE(d.open());
  EXPECT_FALSE(d.Hold(Fake(0x30), "10.0.0.3", {kV4}));  // later sessions join at once
}

TEST(SelectionDeferral, StaticNeighborsAreWaitedFor) {
  SelectionDeferral d;
  d.SetExpected({"10.0.0.9"});
  auto a = Fake(0x10);
  d.Hold(a, "10.0.0.1", {});  // no graceful restart: nothing to wait for
  EXPECT_FALSE(d.Complete());
  auto s = Fake(0x90);
  d.Hold(s, "10.0.0.9", {kV4});
  EXPECT_FALSE(d.Complete());
  d.EndOfRib(s.get(), kV4);
  EXPECT_TRUE(d.Complete());
}

TEST(SelectionDeferral, ASessionThatLeftIsNotWaitedFor) {
  SelectionDeferral d;
  auto a = Fake(0x10), b = Fake(0x20);
  d.Hold(a, "10.0.0.1", {kV4});
  d.Hold(b, "10.0.0.2", {});
  EXPECT_FALSE(d.Complete());
  d.Forget(a.get());
  EXPECT_TRUE(d.Complete());
  EXPECT_EQ(d.Close().size(), 1u);
}

}  // namespace
}  // namespace meshbgp::session
