// The words the configuration uses for enumerations (families, group
// types, log levels and formats), in one place for the reader, the writer
// and the rules.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "bgpd/config/config.h"

namespace meshbgp::config {

std::optional<wire::Family> ParseFamily(std::string_view word);  // "ipv4", "evpn"
std::string_view FamilyKeyword(wire::Family f);
std::optional<GroupType> ParseGroupType(std::string_view word);  // "internal", "external"
std::string_view GroupTypeKeyword(GroupType t);

inline constexpr std::array<std::string_view, 7> kLogLevels = {
    "trace", "debug", "info", "warn", "error", "critical", "off"};  // spdlog's names
inline constexpr std::array<std::string_view, 2> kLogFormats = {"text", "json"};

}  // namespace meshbgp::config
