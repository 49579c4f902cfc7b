// Retry delays after failed DNS resolutions: exponential, capped, with
// "equal jitter" (half the delay fixed, half random) so pods that failed
// together, say during a DNS outage, do not retry in lockstep.
#pragma once

#include <chrono>
#include <cstdint>

namespace meshbgp::mesh {

// Delay before retry number `attempt` (1 = after the first failure):
// d = min(max, initial * 2^(attempt-1)), returned as d/2 + jitter01 * d/2.
// `jitter01` is a uniform draw from [0, 1]; the caller owns the randomness
// so this stays a pure function.
std::chrono::milliseconds BackoffDelay(uint32_t attempt, std::chrono::milliseconds initial,
                                       std::chrono::milliseconds max, double jitter01);

}  // namespace meshbgp::mesh
