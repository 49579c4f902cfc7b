#include "bgpd/config/duration.h"
#include "bgpd/config/absl_compat.h"

#include <charconv>
#include <cstdint>

#include <absl/status/status.h>
#include <absl/strings/str_cat.h>

#include "bgpd/config/source_map.h"

namespace meshbgp::config {
namespace {

struct Unit {
  std::string_view suffix;
  int64_t ms;
};
// Longest suffix first so that "ms" is not read as "m".
constexpr Unit kUnits[] = {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}};
// A day is far beyond any timer here; the bound keeps arithmetic in range.
constexpr int64_t kMaxMs = int64_t{24} * 3'600'000;

}  // namespace

absl::StatusOr<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const std::string_view number = text.substr(0, digits);
  const std::string_view suffix = text.substr(digits);
  int64_t scale = suffix.empty() ? 1000 : 0;
  for (const Unit& u : kUnits) {
    if (suffix == u.suffix) scale = u.ms;
  }
  int64_t n = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
  if (number.empty() || scale == 0 || ec != std::errc() || end != number.data() + number.size()) {
    return absl::InvalidArgumentError(
        Expected("a duration (500ms, 5s, 1m, 1h; a plain number is seconds)", text));
  }
  if (n > kMaxMs / scale) {
    return absl::InvalidArgumentError(Expected("a duration of at most 24h", text));
  }
  return std::chrono::milliseconds(n * scale);
}

std::string DurationToString(std::chrono::milliseconds d) {
  const int64_t ms = d.count();
  if (ms == 0) return "0s";
  for (auto it = std::rbegin(kUnits); it != std::rend(kUnits); ++it) {
    if (ms % it->ms == 0) return absl::StrCat(ms / it->ms, ToAbsl(it->suffix));
  }
  return absl::StrCat(ms, "ms");  // not reached: every count is whole ms
}

}  // namespace meshbgp::config
