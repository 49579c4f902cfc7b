#include "bgpd/daemon/malloc_tunables.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace meshbgp::daemon {
namespace {

constexpr char kTunable[] = "glibc.malloc.tcache_count";
// Set across the one re-exec so a failure to take effect cannot loop.
constexpr char kReexecMarker[] = "MESHBGP_MALLOC_TUNED";

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kGlibcMalloc = false;
#else
constexpr bool kGlibcMalloc = true;
#endif

}  // namespace

void ApplyMallocTunables(char** argv) {
  if (getenv(kReexecMarker) != nullptr) {
    unsetenv(kReexecMarker);
    return;
  }
  if (!kGlibcMalloc) return;
  // Copied: setenv below may replace the string getenv points to.
  const char* env = getenv("GLIBC_TUNABLES");
  const bool had = env != nullptr;
  const std::string original = had ? env : "";
  std::string tunables = original;
  if (std::string_view(tunables).find(kTunable) != std::string_view::npos) return;
  if (!tunables.empty()) tunables += ':';
  tunables += std::string(kTunable) + "=0";
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0 || setenv(kReexecMarker, "1", 1) != 0) return;
  // The binary's own path, not /proc/self/exe, so the process keeps its
  // name (ps, pgrep, top show "bgpd", not "exe").
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n > 0) {
    self[n] = '\0';
    execv(self, argv);
  }
  // Not re-executed: run as we are, with the environment as it was.
  unsetenv(kReexecMarker);
  if (had) setenv("GLIBC_TUNABLES", original.c_str(), 1); else unsetenv("GLIBC_TUNABLES");
}

}  // namespace meshbgp::daemon
