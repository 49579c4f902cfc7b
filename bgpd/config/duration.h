// Durations as operators write them: "5s", "500ms", "1m", "2h"; a plain
// integer means seconds. Used for mesh.interval.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>

namespace meshbgp::config {

// One non-negative integer and one unit (ms, s, m, h) or no unit (seconds).
absl::StatusOr<std::chrono::milliseconds> ParseDuration(std::string_view text);
// The largest unit that represents `d` exactly: 5000ms -> "5s", 90s -> "90s",
// 120s -> "2m".
std::string DurationToString(std::chrono::milliseconds d);

}  // namespace meshbgp::config
