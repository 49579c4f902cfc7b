#include "bgpd/api/rib_query.h"

#include <absl/strings/numbers.h>
#include <absl/strings/str_cat.h>

#include "bgpd/api/query_string.h"

namespace meshbgp::api {

const char* DirectionName(RibQuery::Direction direction) {
  switch (direction) {
    case RibQuery::Direction::kLocRib: return "loc";
    case RibQuery::Direction::kIn: return "in";
    case RibQuery::Direction::kOut: return "out";
  }
  return "loc";
}

std::optional<RibQuery::Direction> ParseDirection(std::string_view text) {
  if (text.empty() || text == "loc") return RibQuery::Direction::kLocRib;
  if (text == "in") return RibQuery::Direction::kIn;
  if (text == "out") return RibQuery::Direction::kOut;
  return std::nullopt;
}

absl::StatusOr<RibQuery> RibQueryFromParams(
    const std::vector<std::pair<std::string, std::string>>& params) {
  RibQuery query;
  for (const auto& [name, value] : params) {
    if (name == "prefix") {
      if (!value.empty()) query.prefix = value;
    } else if (name == "neighbor") {
      if (!value.empty()) query.neighbor = value;
    } else if (name == "dir") {
      const auto direction = ParseDirection(value);
      if (!direction) {
        return absl::InvalidArgumentError(
            absl::StrCat("dir must be in, out or loc, not '", value, "'"));
      }
      query.direction = *direction;
    } else if (name == "family") {
      if (!value.empty()) query.family = value;
    } else if (name == "limit") {
      uint64_t limit = 0;
      if (value.empty() || value[0] == '-' || !absl::SimpleAtoi(value, &limit)) {
        return absl::InvalidArgumentError(
            absl::StrCat("limit must be a non-negative integer, not '", value, "'"));
      }
      query.limit = limit;
    } else if (name == "type") {
      uint32_t type = 0;
      if (!absl::SimpleAtoi(value, &type) || type == 0 || type > 255) {
        return absl::InvalidArgumentError(
            absl::StrCat("type must be an EVPN route type 1-255, not '", value, "'"));
      }
      query.evpn_type = static_cast<uint8_t>(type);
    } else if (name == "rd") {
      if (!value.empty()) query.rd = value;
    } else if (name == "mac") {
      if (!value.empty()) query.mac = value;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown parameter '", name, "' (known: prefix, neighbor, dir, family, limit, type, rd, mac)"));
    }
  }
  return query;
}

std::string RibQueryTarget(const RibQuery& query) {
  std::string target = absl::StrCat("/v1/rib?family=", PercentEncode(query.family));
  if (query.prefix) absl::StrAppend(&target, "&prefix=", PercentEncode(*query.prefix));
  if (query.neighbor) absl::StrAppend(&target, "&neighbor=", PercentEncode(*query.neighbor));
  if (query.direction != RibQuery::Direction::kLocRib) {
    absl::StrAppend(&target, "&dir=", DirectionName(query.direction));
  }
  if (query.limit != 0) absl::StrAppend(&target, "&limit=", query.limit);
  if (query.evpn_type) absl::StrAppend(&target, "&type=", *query.evpn_type);
  if (query.rd) absl::StrAppend(&target, "&rd=", PercentEncode(*query.rd));
  if (query.mac) absl::StrAppend(&target, "&mac=", PercentEncode(*query.mac));
  return target;
}

}  // namespace meshbgp::api
