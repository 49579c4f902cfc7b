// What one session has to send, in the order it may go on the wire: small
// control messages (OPEN, KEEPALIVE, NOTIFICATION) and one long stream of
// pre-encoded UPDATEs written in large chunks. A control message may only
// go between two UPDATEs, so the queue tracks where the UPDATE being
// written ends; a KEEPALIVE that falls due mid-stream goes out right after
// the current UPDATE instead of waiting for the whole stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace meshbgp::loadgen {

class OutputQueue {
 public:
  void PushControl(std::span<const uint8_t> message);
  // The UPDATE stream: whole BGP messages back to back, owned by the caller
  // and alive until the queue is reset or destroyed.
  void SetStream(std::span<const uint8_t> stream);
  void Reset();

  bool pending() const { return control_pos_ < control_.size() || pos_ < stream_.size(); }
  bool has_stream() const { return !stream_.empty(); }
  bool stream_done() const { return pos_ == stream_.size(); }

  struct WriteResult {
    size_t control_bytes = 0;
    size_t stream_bytes = 0;
    int error = 0;  // errno of a failed send other than EAGAIN
  };
  // Sends as much as the non-blocking socket `fd` takes.
  WriteResult WriteTo(int fd);

 private:
  std::vector<uint8_t> control_;
  size_t control_pos_ = 0;
  std::span<const uint8_t> stream_;
  size_t pos_ = 0;
  size_t next_boundary_ = 0;  // start of the first stream message at or after pos_
};

}  // namespace meshbgp::loadgen
