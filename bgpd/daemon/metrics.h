// The daemon's Prometheus metrics (docs/metrics.md lists every name): what
// one scrape of GET /metrics reads from the speaker, the peer totals, the
// RIBs, the update groups and the process. Counters come from relaxed
// atomics kept by sessions; the per-peer route gauges from one RIB walk.
#pragma once

#include <string>

namespace meshbgp::daemon {

class Daemon;

std::string RenderMetrics(Daemon& d);

}  // namespace meshbgp::daemon
