// The MRT update log (docs/mrt.md, config `mrt.updates`): every UPDATE a
// session receives and every session state change, as BGP4MP_MESSAGE_AS4
// and BGP4MP_STATE_CHANGE_AS4 records (RFC 6396 §4.4), in files named by
// a strftime pattern and rotated every interval (bgpd/mrt/rotation.h).
// Sessions encode their record and hand it to a bounded queue, never
// waiting on the disk: when the queue is full the record is dropped and
// counted. One writer thread owns the files.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "bgpd/config/config.h"
#include "bgpd/mrt/record_queue.h"
#include "bgpd/session/session.h"

namespace meshbgp::daemon {

// Bytes that may wait for the disk before records are dropped.
inline constexpr size_t kMrtUpdateQueueBytes = 16 << 20;

class MrtUpdateLog : public session::MessageTap {
 public:
  MrtUpdateLog();
  ~MrtUpdateLog() override;  // writes what is queued, then closes

  // Starts, stops or retargets the log (start-up and SIGHUP). A changed
  // file pattern closes the current file and opens the new name at once.
  void Configure(const config::MrtUpdatesConfig& cfg);

  // session::MessageTap, on session strands.
  void OnUpdateReceived(session::Session& s, std::span<const uint8_t> whole) override;
  void OnStateChange(session::Session& s, session::State from, session::State to) override;

  struct Stats {
    uint64_t records = 0;       // handed to the writer
    uint64_t dropped = 0;       // the queue was full
    uint64_t bytes_written = 0;
    uint64_t files = 0;         // files opened
    uint64_t write_errors = 0;  // failed opens and writes
    uint64_t queued_bytes = 0;
  };
  Stats stats() const;

 private:
  void Queue(std::vector<uint8_t> record);
  void Run();  // the writer thread
  void Open(const config::MrtUpdatesConfig& cfg, int64_t now);  // writer thread
  void Write(const std::vector<uint8_t>& bytes);                 // writer thread
  void Close();                                                  // writer thread

  mrt::RecordQueue queue_{kMrtUpdateQueueBytes};
  std::atomic<bool> enabled_{false};
  std::atomic<bool> drop_logged_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> records_{0}, bytes_written_{0}, files_{0}, write_errors_{0};

  mutable std::mutex mu_;  // guards cfg_ and generation_
  config::MrtUpdatesConfig cfg_;
  uint64_t generation_ = 0;  // bumped by every Configure that changes cfg_

  // Writer thread only.
  int fd_ = -1;
  std::string file_;
  int64_t next_rotation_ = 0;
  uint64_t open_generation_ = 0;
  bool write_error_logged_ = false;
  std::thread writer_;  // last: starts after everything above exists
};

}  // namespace meshbgp::daemon
