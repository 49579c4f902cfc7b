#include "mesh/backoff.h"

#include <gtest/gtest.h>

namespace meshbgp::mesh {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, DoublesFromInitialUpToTheCap) {
  const milliseconds init(1000), cap(60000);
  EXPECT_EQ(BackoffDelay(1, init, cap, 1.0), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(2, init, cap, 1.0), milliseconds(2000));
  EXPECT_EQ(BackoffDelay(3, init, cap, 1.0), milliseconds(4000));
  EXPECT_EQ(BackoffDelay(6, init, cap, 1.0), milliseconds(32000));
  EXPECT_EQ(BackoffDelay(7, init, cap, 1.0), milliseconds(60000));
  EXPECT_EQ(BackoffDelay(4000000000u, init, cap, 1.0), milliseconds(60000));
}

TEST(Backoff, JitterSpansTheUpperHalf) {
  const milliseconds init(1000), cap(60000);
  EXPECT_EQ(BackoffDelay(3, init, cap, 0.0), milliseconds(2000));
  EXPECT_EQ(BackoffDelay(3, init, cap, 0.5), milliseconds(3000));
  EXPECT_EQ(BackoffDelay(3, init, cap, 1.0), milliseconds(4000));
  EXPECT_EQ(BackoffDelay(20, init, cap, 0.0), milliseconds(30000));
  // Out-of-range draws are clamped rather than trusted.
  EXPECT_EQ(BackoffDelay(1, init, cap, -3.0), milliseconds(500));
  EXPECT_EQ(BackoffDelay(1, init, cap, 7.0), milliseconds(1000));
}

TEST(Backoff, DegenerateSettingsStayPositive) {
  EXPECT_GE(BackoffDelay(1, milliseconds(0), milliseconds(0), 1.0), milliseconds(1));
  // A cap below the initial delay is raised to it.
  EXPECT_EQ(BackoffDelay(5, milliseconds(800), milliseconds(100), 1.0), milliseconds(800));
}

}  // namespace
}  // namespace meshbgp::mesh
