#include "bgpd/policy/import_check.h"

#include <algorithm>

namespace meshbgp::policy {

std::string ImportRejection(const wire::PathAttrs& attrs, const ImportContext& ctx) {
  if (!ctx.ibgp) {
    if (attrs.as_path && attrs.as_path->Contains(ctx.local_as)) return "AS path contains our AS";
    if (ctx.enforce_first_as && attrs.as_path && attrs.as_path->FirstAs() != ctx.peer_as)
      return "first AS in AS path is not the peer's AS";
    return {};
  }
  if (attrs.originator_id && *attrs.originator_id == ctx.router_id)
    return "ORIGINATOR_ID is our router id";
  if (std::find(attrs.cluster_list.begin(), attrs.cluster_list.end(), ctx.cluster_id) !=
      attrs.cluster_list.end())
    return "CLUSTER_LIST contains our cluster id";
  return {};
}

}  // namespace meshbgp::policy
