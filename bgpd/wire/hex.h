// Hex text for bytes: how NOTIFICATION data is shown in logs and how golden
// test vectors are stored.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace meshbgp::wire {

std::string ToHex(std::span<const uint8_t> bytes);  // lower case, no separators
// Accepts upper or lower case; spaces, ':' and '-' between bytes are skipped.
std::optional<std::vector<uint8_t>> FromHex(std::string_view text);

}  // namespace meshbgp::wire
