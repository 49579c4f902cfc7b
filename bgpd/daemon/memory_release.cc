#include "bgpd/daemon/memory_release.h"

#include <malloc.h>

#include <spdlog/spdlog.h>

namespace meshbgp::daemon {

bool MemoryRelease::ReleaseIfWorthIt() {
  const struct mallinfo2 m = mallinfo2();
  const size_t free_bytes = m.fordblks;  // free chunks in every arena
  const size_t in_use = m.uordblks;
  if (free_bytes < (size_t{64} << 10) || free_bytes < in_use / 64) return false;
  malloc_trim(0);
  spdlog::debug("memory: returned free heap to the system ({} KiB free, {} KiB in use)", free_bytes >> 10,
                in_use >> 10);
  return true;
}

void MemoryRelease::Arm() {
  timer_.expires_after(kPeriod);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    ReleaseIfWorthIt();
    Arm();
  });
}

}  // namespace meshbgp::daemon
