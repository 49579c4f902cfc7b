// One load-generator run from start to report: every session up, the
// UPDATE phase, the wait for completion, the report, and the teardown.
#pragma once

#include "bench/loadgen/options.h"

namespace meshbgp::loadgen {

// Prints the JSON report on stdout. Returns 0 when every session became
// complete, 1 on timeout or a session failure, 2 when the run could not
// start (the sink could not listen).
int Run(const Options& options);

}  // namespace meshbgp::loadgen
