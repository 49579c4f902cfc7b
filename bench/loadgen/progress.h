// The run's shared milestones: sessions report when they become
// Established, finish writing, hold every route they should, or fail; the
// main thread waits on these counts to move the run from phase to phase.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace meshbgp::loadgen {

using Clock = std::chrono::steady_clock;

class Progress {
 public:
  struct Counts {
    size_t established = 0;       // client sessions
    size_t written = 0;           // client sessions that sent their whole stream
    size_t complete = 0;          // sessions (clients, or sink ends) holding all they should
    size_t sink_established = 0;  // sink ends
    std::vector<std::string> failures;  // established sessions that went down
  };

  void Established(bool sink);
  void Written();
  void Complete();
  void Failed(std::string what);
  // The report is out: sessions going down from now on are the teardown.
  void Finish() { finished_.store(true, std::memory_order_relaxed); }
  bool finished() const { return finished_.load(std::memory_order_relaxed); }

  // Waits until done(counts) or `deadline`; returns the last counts seen.
  template <typename Pred>
  Counts WaitUntil(Pred done, Clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_until(lock, deadline, [&] { return done(counts_); });
    return counts_;
  }
  Counts Snapshot();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  Counts counts_;
  std::atomic<bool> finished_{false};
};

}  // namespace meshbgp::loadgen
