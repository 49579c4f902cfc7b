// Gives memory back to the system after churn. glibc keeps freed chunks in
// its per-thread arenas, so after a table was withdrawn or a burst of
// UPDATEs was written, RSS stays at the high-water mark although the memory
// is free (measured by tests/soak: +50% RSS, all of it free). Every period
// this checks how much the allocator holds free and calls malloc_trim when
// it is a noticeable share of what is in use.
#pragma once

#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace meshbgp::daemon {

class MemoryRelease {
 public:
  static constexpr auto kPeriod = std::chrono::seconds(10);

  explicit MemoryRelease(boost::asio::io_context& io) : timer_(io) {}
  void Start() { Arm(); }
  void Stop() { timer_.cancel(); }

  // Trims when free bytes exceed max(1 MiB, in_use / 16); returns whether
  // it did.
  static bool ReleaseIfWorthIt();

 private:
  void Arm();
  boost::asio::steady_timer timer_;
};

}  // namespace meshbgp::daemon
