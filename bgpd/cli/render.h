// bgpctl's human-readable views of the control API's JSON answers (shapes in
// docs/bgpctl.md), laid out like OpenBGPD's bgpctl. Pure: JSON in, text out,
// unit tested from fixtures. An answer of unexpected shape is an error
// (InvalidArgument), never a crash; absent optional fields are skipped.
#pragma once

#include <string>

#include <absl/status/statusor.h>
#include <nlohmann/json.hpp>

namespace meshbgp::cli {

absl::StatusOr<std::string> RenderSummary(const nlohmann::json& summary);      // GET /v1/summary
absl::StatusOr<std::string> RenderNeighbors(const nlohmann::json& neighbors);  // GET /v1/neighbors
absl::StatusOr<std::string> RenderRib(const nlohmann::json& rib);              // GET /v1/rib
absl::StatusOr<std::string> RenderEvpn(const nlohmann::json& rib);             // GET /v1/rib?family=evpn
absl::StatusOr<std::string> RenderStatus(const nlohmann::json& status);        // GET /v1/status
absl::StatusOr<std::string> RenderMesh(const nlohmann::json& mesh);            // GET /v1/mesh

}  // namespace meshbgp::cli
