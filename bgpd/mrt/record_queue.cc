#include "bgpd/mrt/record_queue.h"

namespace meshbgp::mrt {

bool RecordQueue::Push(std::vector<uint8_t> record) {
  {
    std::lock_guard lock(mu_);
    if (closed_ || bytes_.size() + record.size() > max_bytes_) {
      ++dropped_;
      return false;
    }
    const bool was_empty = bytes_.empty();
    bytes_.insert(bytes_.end(), record.begin(), record.end());
    if (!was_empty) return true;  // the reader was woken already
  }
  cv_.notify_one();
  return true;
}

std::vector<uint8_t> RecordQueue::PopAll(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [&] { return !bytes_.empty() || closed_; });
  std::vector<uint8_t> out;
  out.swap(bytes_);
  return out;
}

void RecordQueue::Close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  cv_.notify_all();
}

uint64_t RecordQueue::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

size_t RecordQueue::queued_bytes() const {
  std::lock_guard lock(mu_);
  return bytes_.size();
}

}  // namespace meshbgp::mrt
