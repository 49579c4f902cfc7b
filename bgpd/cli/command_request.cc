#include "bgpd/cli/command_request.h"

#include <absl/strings/str_cat.h>

#include "bgpd/api/query_string.h"
#include "bgpd/api/rib_query.h"

namespace meshbgp::cli {

ApiRequest RequestFor(const Command& command) {
  using boost::beast::http::verb;
  switch (command.kind) {
    case Command::Kind::kShowSummary:
      return {verb::get, "/v1/summary"};
    case Command::Kind::kShowStatus:
      return {verb::get, "/v1/status"};
    case Command::Kind::kShowMesh:
      return {verb::get, "/v1/mesh"};
    case Command::Kind::kShowNeighbor:
      if (command.address) return {verb::get, absl::StrCat("/v1/neighbors/", api::PercentEncode(*command.address))};
      return {verb::get, "/v1/neighbors"};
    case Command::Kind::kShowRib:
      return {verb::get, api::RibQueryTarget(command.rib)};
    case Command::Kind::kNeighborAction:
      return {verb::post, absl::StrCat("/v1/neighbors/", api::PercentEncode(command.address.value_or("")),
                                       "/", command.action)};
    case Command::Kind::kReload:
      return {verb::post, "/v1/reload"};
    case Command::Kind::kHelp:
      break;
  }
  return {verb::get, "/"};
}

}  // namespace meshbgp::cli
