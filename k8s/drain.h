// The SIGTERM drain: /readyz already fails (ReadinessGate::StartDraining),
// and the sessions stay up for `drain_seconds` while the headless Service
// and MetalLB stop sending us clients; then `then` closes everything. A
// second signal cuts the wait short.
#pragma once

#include <chrono>
#include <functional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace meshbgp::k8s {

class Drain {
 public:
  explicit Drain(boost::asio::any_io_executor executor)
      : strand_(boost::asio::make_strand(std::move(executor))), timer_(strand_) {}

  // Runs `then` on the executor after `wait` (at once when zero). Call once.
  void Begin(std::chrono::milliseconds wait, std::function<void()> then);
  // Runs `then` now if the drain is still waiting. Any thread.
  void Cut();

 private:
  void Finish();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::steady_timer timer_;  // on strand_, as is everything touching then_
  std::function<void()> then_;
};

}  // namespace meshbgp::k8s
