#include "bench/loadgen/output_queue.h"

#include <sys/socket.h>

#include <cerrno>

namespace meshbgp::loadgen {
namespace {

// Bytes sent, 0 on EAGAIN, -errno on any other failure.
ssize_t Send(int fd, const uint8_t* data, size_t len) {
  for (;;) {
    ssize_t n = ::send(fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    return -errno;
  }
}

}  // namespace

void OutputQueue::PushControl(std::span<const uint8_t> message) {
  if (control_pos_ == control_.size()) {
    control_.clear();
    control_pos_ = 0;
  }
  control_.insert(control_.end(), message.begin(), message.end());
}

void OutputQueue::SetStream(std::span<const uint8_t> stream) {
  stream_ = stream;
  pos_ = 0;
  next_boundary_ = 0;
}

void OutputQueue::Reset() {
  control_.clear();
  control_pos_ = 0;
  SetStream({});
}

OutputQueue::WriteResult OutputQueue::WriteTo(int fd) {
  WriteResult r;
  for (;;) {
    const bool control_pending = control_pos_ < control_.size();
    if (control_pending && pos_ == next_boundary_) {
      ssize_t n = Send(fd, control_.data() + control_pos_, control_.size() - control_pos_);
      if (n < 0) r.error = static_cast<int>(-n);
      if (n <= 0) return r;
      control_pos_ += static_cast<size_t>(n);
      r.control_bytes += static_cast<size_t>(n);
      continue;
    }
    if (pos_ == stream_.size()) return r;
    // With a control message waiting, stop at the end of this UPDATE.
    const size_t limit = control_pending ? next_boundary_ : stream_.size();
    ssize_t n = Send(fd, stream_.data() + pos_, limit - pos_);
    if (n < 0) r.error = static_cast<int>(-n);
    if (n <= 0) return r;
    pos_ += static_cast<size_t>(n);
    r.stream_bytes += static_cast<size_t>(n);
    while (next_boundary_ < pos_) {
      const uint8_t* h = stream_.data() + next_boundary_;
      next_boundary_ += static_cast<size_t>(h[16]) << 8 | h[17];
    }
  }
}

}  // namespace meshbgp::loadgen
