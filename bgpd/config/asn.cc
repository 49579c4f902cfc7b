#include "bgpd/config/asn.h"

#include <charconv>
#include <cstdint>

#include <absl/status/status.h>
#include <absl/strings/str_cat.h>

#include "bgpd/config/source_map.h"

namespace meshbgp::config {
namespace {

// Digits only (no sign, no spaces), at most `max`.
std::optional<uint64_t> ParseDecimal(std::string_view text, uint64_t max) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v > max) return std::nullopt;
  return v;
}

}  // namespace

std::optional<uint32_t> ParseAsn(std::string_view text) {
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) {
    auto v = ParseDecimal(text, UINT32_MAX);
    if (!v) return std::nullopt;
    return static_cast<uint32_t>(*v);
  }
  auto high = ParseDecimal(text.substr(0, dot), UINT16_MAX);
  auto low = ParseDecimal(text.substr(dot + 1), UINT16_MAX);
  if (!high || !low) return std::nullopt;
  return static_cast<uint32_t>((*high << 16) | *low);
}

std::string AsnToString(uint32_t asn) { return std::to_string(asn); }

absl::StatusOr<AsRange> ParseAsRange(std::string_view text) {
  const size_t dash = text.find('-');
  const std::string_view low_text = text.substr(0, dash);
  const std::string_view high_text =
      dash == std::string_view::npos ? low_text : text.substr(dash + 1);
  auto low = ParseAsn(low_text);
  auto high = ParseAsn(high_text);
  if (!low || !high) {
    return absl::InvalidArgumentError(Expected(
        "an AS number (65001 or 65000.1) or a range LOW-HIGH (65001-65535)", text));
  }
  if (*low > *high) {
    return absl::InvalidArgumentError(Expected("a range LOW-HIGH with LOW <= HIGH", text));
  }
  return AsRange{*low, *high};
}

std::string AsRangeToString(const AsRange& range) {
  if (range.low == range.high) return AsnToString(range.low);
  return absl::StrCat(range.low, "-", range.high);
}

}  // namespace meshbgp::config
