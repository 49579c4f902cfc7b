// Admission: the per-source connection rate, the max_prefixes hold-down and
// the per-group session limit, with the clock passed in.
#include "bgpd/session/admission.h"

#include <gtest/gtest.h>

namespace meshbgp::session {
namespace {

using namespace std::chrono_literals;
const auto kA = boost::asio::ip::make_address("10.0.0.2");
const auto kB = boost::asio::ip::make_address("10.0.0.3");

TEST(Admission, RateLimitIsPerSourceAndSlides) {
  Admission a;
  const auto t0 = Admission::Clock::time_point{} + 1h;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(a.AdmitConnection(kA, 3, t0 + i * 1s)) << i;
  EXPECT_FALSE(a.AdmitConnection(kA, 3, t0 + 10s));
  EXPECT_TRUE(a.AdmitConnection(kB, 3, t0 + 10s));  // another source is not affected
  // Refusals are not counted: once the first admission is a window old, one more fits.
  EXPECT_FALSE(a.AdmitConnection(kA, 3, t0 + 59s));
  EXPECT_TRUE(a.AdmitConnection(kA, 3, t0 + 60s));
  EXPECT_FALSE(a.AdmitConnection(kA, 3, t0 + 60s));
  EXPECT_TRUE(a.AdmitConnection(kA, 0, t0 + 60s));  // 0 = no limit
}

TEST(Admission, PruneForgetsIdleSources) {
  Admission a;
  const auto t0 = Admission::Clock::time_point{} + 1h;
  for (int i = 0; i < 100; ++i) {
    auto addr = boost::asio::ip::make_address_v4(0x0b000000u + i);  // 11.0.0.x: not kA
    EXPECT_TRUE(a.AdmitConnection(addr, 5, t0));
  }
  EXPECT_TRUE(a.AdmitConnection(kA, 5, t0 + 30s));
  EXPECT_EQ(a.tracked_sources(), 101u);
  a.Prune(t0 + 61s);
  EXPECT_EQ(a.tracked_sources(), 1u);  // kA was seen 31 s ago
}

TEST(Admission, HoldDownEndsOnTime) {
  Admission a;
  const auto t0 = Admission::Clock::time_point{} + 1h;
  EXPECT_FALSE(a.HeldDown(kA, t0));
  a.HoldDown(kA, t0 + 30s);
  a.HoldDown(kA, t0 + 10s);  // never shortened
  ASSERT_TRUE(a.HeldDown(kA, t0 + 5s));
  EXPECT_EQ(*a.HeldDown(kA, t0 + 5s), 25s);
  EXPECT_FALSE(a.HeldDown(kB, t0 + 5s));
  EXPECT_FALSE(a.HeldDown(kA, t0 + 30s));
  a.HoldDown(kA, t0 + 100s);
  a.Release(kA);
  EXPECT_FALSE(a.HeldDown(kA, t0 + 31s));
}

TEST(Admission, SessionLimit) {
  EXPECT_TRUE(UnderSessionLimit(0, 1));
  EXPECT_FALSE(UnderSessionLimit(1, 1));
  EXPECT_TRUE(UnderSessionLimit(100000, 0));
}

}  // namespace
}  // namespace meshbgp::session
