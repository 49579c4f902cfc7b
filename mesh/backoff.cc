#include "mesh/backoff.h"

#include <algorithm>

namespace meshbgp::mesh {

std::chrono::milliseconds BackoffDelay(uint32_t attempt, std::chrono::milliseconds initial,
                                       std::chrono::milliseconds max, double jitter01) {
  const int64_t base = std::max<int64_t>(1, initial.count());
  const int64_t cap = std::max<int64_t>(base, max.count());
  int64_t d = base;
  for (uint32_t i = 1; i < attempt && d < cap; ++i) d *= 2;
  d = std::min(d, cap);
  const double j = std::clamp(jitter01, 0.0, 1.0);
  const int64_t half = d / 2;
  return std::chrono::milliseconds(half + static_cast<int64_t>(j * static_cast<double>(d - half)));
}

}  // namespace meshbgp::mesh
