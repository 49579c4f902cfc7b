// One BGP session of the load generator, at either end of the wire:
//  - a client connects from its own source address, exchanges OPEN and
//    KEEPALIVE, writes its share of the workload once StartUpdates() is
//    called, and counts every workload prefix it receives;
//  - a sink end (--sink) is the route server's side of an accepted
//    connection: it answers the OPEN and counts the client's prefixes
//    without sending any on.
// Both send KEEPALIVEs so that no hold timer expires during long runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench/loadgen/event_loop.h"
#include "bench/loadgen/output_queue.h"
#include "bench/loadgen/prefix_counter.h"
#include "bench/loadgen/progress.h"
#include "bench/loadgen/workload.h"
#include "bgpd/wire/open.h"
#include "bgpd/wire/types.h"

namespace meshbgp::loadgen {

class Session : public Pollable {
 public:
  enum class Role : uint8_t { kClient, kSink };
  enum class State : uint8_t {
    kIdle,         // client: waiting to (re)connect
    kConnecting,   // client: TCP handshake in progress
    kOpenWait,     // TCP up, waiting for the peer's OPEN
    kOpenConfirm,  // OPENs exchanged, waiting for the peer's KEEPALIVE
    kEstablished,
    kClosed,
  };

  struct Config {
    Role role = Role::kClient;
    uint32_t index = 0;  // client number; the workload share it announces
    uint32_t local_addr = 0;  // host order; a sink end's is the route server's
    uint32_t local_as = 0;
    uint32_t remote_addr = 0;
    uint16_t remote_port = 179;
    uint32_t expected_remote_as = 0;  // 0: any
    uint16_t hold_time = 90;
    bool extended_message = false;
    bool verbose = false;
    uint32_t announcers = 0;  // clients 0..announcers-1 announce, the rest only listen; 0: all
  };

  struct Stats {
    Config config;
    State state = State::kIdle;
    uint32_t remote_as = 0;
    uint64_t expected = 0;    // prefixes this session must hold to be complete
    uint64_t received = 0;    // workload prefixes held (a client: others' only)
    uint64_t own_echoed = 0;  // a client's own prefixes sent back to it
    uint64_t foreign = 0;     // received prefixes that are not the workload's
    uint64_t withdrawn = 0;   // withdrawals received
    uint64_t updates_in = 0;
    uint64_t bytes_in = 0;
    uint64_t bytes_out = 0;
    uint64_t update_bytes = 0;  // size of the UPDATE stream a client sends
    size_t max_message_size = 0;
    uint32_t connect_attempts = 0;
    std::optional<Clock::time_point> established, first_write, all_written, complete;
    std::string error;  // why it went down, or the last failed attempt
    std::optional<Clock::time_point> watch_reached;  // see Watch
  };

  Session(const Config& config, const Workload& workload, Progress& progress);
  ~Session() override;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Connect(Clock::time_point now);        // client
  void Adopt(int fd, Clock::time_point now);  // sink end: an accepted socket
  void StartUpdates(Clock::time_point now);   // client, once Established
  void Close();                               // Cease, then close
  // churn.cc: a client writes `stream` (whole UPDATEs) once its earlier
  // stream is out; Watch records in Stats::watch_reached when the number of
  // workload prefixes held next equals `target`.
  void SendMore(std::vector<uint8_t> stream, Clock::time_point now);
  void Reannounce(Clock::time_point now);  // the announcements again
  void Watch(uint64_t target);
  bool Announces() const;  // a client with a share of the workload to send
  Stats GetStats() const { return stats_; }
  State state() const { return stats_.state; }

  int fd() const override { return fd_; }
  bool WantsWrite() const override;
  void OnEvent(uint32_t epoll_events, Clock::time_point now) override;
  void OnTick(Clock::time_point now) override;

 private:
  void FinishConnect(Clock::time_point now);
  // The OPEN we send, as a client first and as a sink in reply.
  wire::Open OurOpen() const;
  void Read(Clock::time_point now);
  void Write(Clock::time_point now);
  void HandleMessage(wire::MessageType type, std::span<const uint8_t> body,
                     Clock::time_point now);
  void HandleOpen(std::span<const uint8_t> body, Clock::time_point now);
  void CountEvpn(const wire::Update& u);
  void HandleUpdate(std::span<const uint8_t> body);
  void SendNotification(const wire::Notification& n);
  // Before Established a client retries; after it, the run has failed.
  void Fail(const std::string& why, Clock::time_point now);
  void CloseFd();
  std::string Name() const;

  Config config_;
  const Workload& workload_;
  Progress& progress_;
  Stats stats_;
  PrefixCounter counter_;

  int fd_ = -1;
  Clock::time_point retry_at_{};
  Clock::time_point next_keepalive_{};
  Clock::time_point last_received_{};
  Clock::duration keepalive_interval_{};  // zero: none
  Clock::duration hold_{};
  bool four_octet_as_ = true;
  bool sending_ = false;

  std::vector<uint8_t> stream_;  // a client's UPDATEs, encoded once negotiated
  std::vector<uint8_t> more_;    // SendMore's stream
  std::optional<uint64_t> watch_target_;
  void CheckWatch();
  OutputQueue out_;
  std::vector<uint8_t> in_;
  size_t in_begin_ = 0;
  size_t in_end_ = 0;
};

const char* StateName(Session::State s);

}  // namespace meshbgp::loadgen
