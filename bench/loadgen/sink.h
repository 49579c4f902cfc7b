// --sink: the load generator plays a do-nothing route server. It listens
// on the route server's address (optionally inside another network
// namespace, so the bytes cross the same veth a real route server's
// would), accepts the clients, answers their OPENs and counts what they
// send. The time to write everything is the harness floor.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <absl/status/statusor.h>

#include "bench/loadgen/event_loop.h"
#include "bench/loadgen/session.h"

namespace meshbgp::loadgen {

// A listening TCP socket on addr:port, created in network namespace
// `netns` (a name under /run/netns) when it is not empty. Call before
// starting other threads: it switches the calling thread's namespace.
absl::StatusOr<int> ListenTcp(uint32_t addr, uint16_t port, const std::string& netns);

class Sink : public Pollable {
 public:
  struct Config {
    uint32_t addr = 0;
    uint32_t asn = 0;
    uint16_t hold_time = 90;
    bool extended_message = false;
    bool verbose = false;
  };
  // Accepted connections are spread over `loops`; the Sink itself is
  // watched by loops[0].
  Sink(int listen_fd, const Config& config, const Workload& workload, Progress& progress,
       std::vector<EventLoop*> loops);
  ~Sink() override;

  // Stats of every sink end; each from its own loop's thread.
  std::vector<Session::Stats> CollectStats();
  // Closes every sink end, each on its own loop's thread.
  void CloseAll();

  int fd() const override { return fd_; }
  bool WantsWrite() const override { return false; }
  void OnEvent(uint32_t epoll_events, Clock::time_point now) override;
  void OnTick(Clock::time_point) override {}

 private:
  struct End {
    std::unique_ptr<Session> session;
    EventLoop* loop;
  };
  int fd_;
  Config config_;
  const Workload& workload_;
  Progress& progress_;
  std::vector<EventLoop*> loops_;
  size_t next_loop_ = 0;
  std::mutex mu_;
  std::vector<End> ends_;
};

}  // namespace meshbgp::loadgen
