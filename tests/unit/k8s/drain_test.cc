#include "k8s/drain.h"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

namespace meshbgp::k8s {
namespace {

using namespace std::chrono_literals;

TEST(Drain, WaitsThenRunsOnce) {
  boost::asio::io_context io;
  Drain drain(io.get_executor());
  int ran = 0;
  const auto t0 = std::chrono::steady_clock::now();
  drain.Begin(200ms, [&] { ++ran; });
  io.run();
  EXPECT_EQ(ran, 1);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 200ms);
  drain.Cut();  // too late: nothing left to run
  io.restart();
  io.run();
  EXPECT_EQ(ran, 1);
}

TEST(Drain, ASecondSignalCutsItShort) {
  boost::asio::io_context io;
  Drain drain(io.get_executor());
  int ran = 0;
  const auto t0 = std::chrono::steady_clock::now();
  drain.Begin(1h, [&] { ++ran; });
  drain.Cut();
  io.run();
  EXPECT_EQ(ran, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
}

}  // namespace
}  // namespace meshbgp::k8s
