#include "bgpd/mrt/rotation.h"

#include <algorithm>
#include <ctime>

namespace meshbgp::mrt {

int64_t PeriodStart(int64_t unix_seconds, int64_t interval_seconds) {
  if (interval_seconds <= 0) return unix_seconds;
  int64_t r = unix_seconds % interval_seconds;
  if (r < 0) r += interval_seconds;
  return unix_seconds - r;
}

int64_t NextRotation(int64_t unix_seconds, int64_t interval_seconds) {
  if (interval_seconds <= 0) return INT64_MAX;
  return PeriodStart(unix_seconds, interval_seconds) + interval_seconds;
}

std::string ExpandFileName(const std::string& pattern, int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  // strftime returns 0 both for "too small" and for an empty result: grow
  // until it fits, bounded by what a path can hold.
  for (size_t size = pattern.size() + 64; size <= 8192; size *= 2) {
    std::string out(size, '\0');
    const size_t n = std::strftime(out.data(), out.size(), pattern.c_str(), &tm);
    if (n > 0 || pattern.empty()) {
      out.resize(n);
      return out;
    }
  }
  return pattern;
}

std::vector<std::string> RetainedFiles::Opened(const std::string& name) {
  if (files_.empty() || files_.back() != name) {
    // A name that comes back (the clock stepped back) is moved to the end.
    files_.erase(std::remove(files_.begin(), files_.end(), name), files_.end());
    files_.push_back(name);
  }
  std::vector<std::string> remove;
  while (max_ > 0 && files_.size() > max_) {
    remove.push_back(files_.front());
    files_.pop_front();
  }
  return remove;
}

}  // namespace meshbgp::mrt
