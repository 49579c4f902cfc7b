// The process's own resource use for /metrics, read from /proc (Linux) and
// getrusage: resident and virtual memory, CPU time, threads, open files.
#pragma once

#include <cstdint>

namespace meshbgp::daemon {

struct ProcessStats {
  uint64_t resident_bytes = 0;
  uint64_t virtual_bytes = 0;
  double cpu_seconds = 0;
  uint64_t threads = 0;
  uint64_t open_fds = 0;
};

ProcessStats ReadProcessStats();

}  // namespace meshbgp::daemon
