#include "bgpd/daemon/observability.h"

#include <chrono>

#include "bgpd/daemon/daemon.h"
#include "bgpd/daemon/metrics.h"
#include "bgpd/daemon/mrt_dump.h"

namespace meshbgp::daemon {

std::string Observability::Metrics() { return RenderMetrics(d_); }

absl::StatusOr<std::string> Observability::MrtRibDump() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return DumpRibMrt(d_.exchange(), d_.config().router_id,
                    static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count()));
}

}  // namespace meshbgp::daemon
