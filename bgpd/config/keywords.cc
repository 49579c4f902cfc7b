#include "bgpd/config/keywords.h"

namespace meshbgp::config {

std::optional<wire::Family> ParseFamily(std::string_view word) {
  if (word == "ipv4") return wire::Family::kIpv4Unicast;
  if (word == "evpn") return wire::Family::kEvpn;
  return std::nullopt;
}

std::string_view FamilyKeyword(wire::Family f) {
  switch (f) {
    case wire::Family::kIpv4Unicast:
      return "ipv4";
    case wire::Family::kEvpn:
      return "evpn";
  }
  return "?";
}

std::optional<GroupType> ParseGroupType(std::string_view word) {
  if (word == "internal") return GroupType::kInternal;
  if (word == "external") return GroupType::kExternal;
  return std::nullopt;
}

std::string_view GroupTypeKeyword(GroupType t) {
  return t == GroupType::kInternal ? "internal" : "external";
}

}  // namespace meshbgp::config
