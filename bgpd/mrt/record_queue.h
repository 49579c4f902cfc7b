// A bounded hand-off of encoded MRT records from session threads to the
// one thread that writes the update log. Push never blocks: when the bytes
// waiting would exceed the bound the record is dropped and counted, so a
// slow disk can never stall a BGP session.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace meshbgp::mrt {

class RecordQueue {
 public:
  explicit RecordQueue(size_t max_bytes) : max_bytes_(max_bytes) {}

  // False (and the record counted as dropped) when the queue is full or
  // closed.
  bool Push(std::vector<uint8_t> record);
  // Everything waiting, concatenated; waits at most `timeout` for the
  // first record. Empty on timeout or once closed and drained.
  std::vector<uint8_t> PopAll(std::chrono::milliseconds timeout);
  // Wakes the reader; later pushes are dropped.
  void Close();

  uint64_t dropped() const;
  size_t queued_bytes() const;

 private:
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<uint8_t> bytes_;
  bool closed_ = false;
  uint64_t dropped_ = 0;
};

}  // namespace meshbgp::mrt
