#include "bench/loadgen/progress.h"

namespace meshbgp::loadgen {

void Progress::Established(bool sink) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++(sink ? counts_.sink_established : counts_.established);
  }
  cv_.notify_all();
}

void Progress::Written() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++counts_.written;
  }
  cv_.notify_all();
}

void Progress::Complete() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++counts_.complete;
  }
  cv_.notify_all();
}

void Progress::Failed(std::string what) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    counts_.failures.push_back(std::move(what));
  }
  cv_.notify_all();
}

Progress::Counts Progress::Snapshot() {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

}  // namespace meshbgp::loadgen
