// Which file an MRT update log writes at a given time, and which old files
// it removes: the pure rules of rotation, so they can be tested without a
// clock or a disk. The file name is a strftime pattern expanded in UTC at
// the start of the current interval (periods are aligned to the Unix epoch,
// as OpenBGPD's and GoBGP's dumps are: a 300 s interval rotates at :00,
// :05, ...); interval 0 means one file named when the log opens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace meshbgp::mrt {

// The start of the interval holding `unix_seconds`; `unix_seconds` itself
// when interval_seconds is 0.
int64_t PeriodStart(int64_t unix_seconds, int64_t interval_seconds);
// When the interval holding `unix_seconds` ends (never with interval 0).
int64_t NextRotation(int64_t unix_seconds, int64_t interval_seconds);
// The pattern expanded with strftime in UTC at `unix_seconds`.
std::string ExpandFileName(const std::string& pattern, int64_t unix_seconds);

// The files a log wrote, oldest first; beyond `max_files` (0 = no limit)
// the oldest are to be removed. Only files this log wrote are ever named,
// never others that happen to match the pattern.
class RetainedFiles {
 public:
  explicit RetainedFiles(size_t max_files) : max_(max_files) {}
  // `name` is now being written; returns the files to remove. A name seen
  // last already (a pattern coarser than the interval) is not added again.
  std::vector<std::string> Opened(const std::string& name);
  void set_max(size_t max_files) { max_ = max_files; }

 private:
  size_t max_;
  std::deque<std::string> files_;
};

}  // namespace meshbgp::mrt
