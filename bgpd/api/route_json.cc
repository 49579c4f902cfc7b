#include "bgpd/api/route_json.h"

#include <absl/strings/str_format.h>

#include "bgpd/api/attr_text.h"
#include "bgpd/api/community_text.h"
#include "bgpd/wire/hex.h"

namespace meshbgp::api {
namespace {

template <typename T, typename Format>
nlohmann::json TextArray(const std::vector<T>& values, Format format) {
  nlohmann::json out = nlohmann::json::array();
  for (const T& v : values) out.push_back(format(v));
  return out;
}

}  // namespace

void AppendPathAttrsJson(const wire::PathAttrs& attrs, nlohmann::json& route) {
  if (attrs.next_hop) {
    route["next_hop"] = wire::Ipv4ToString(*attrs.next_hop);
  } else if (!attrs.mp_next_hop.empty()) {
    route["next_hop"] = NextHopToString(attrs.mp_next_hop);
  }
  if (attrs.as_path) route["as_path"] = attrs.as_path->ToString();
  if (attrs.origin) route["origin"] = OriginName(*attrs.origin);
  if (attrs.med) route["med"] = *attrs.med;
  if (attrs.local_pref) route["local_pref"] = *attrs.local_pref;
  route["atomic_aggregate"] = attrs.atomic_aggregate;
  if (attrs.aggregator) route["aggregator"] = AggregatorToString(*attrs.aggregator);
  if (!attrs.communities.empty()) {
    route["communities"] = TextArray(attrs.communities, CommunityToString);
  }
  if (!attrs.ext_communities.empty()) {
    route["ext_communities"] = TextArray(attrs.ext_communities, ExtCommunityToString);
  }
  if (!attrs.large_communities.empty()) {
    route["large_communities"] = TextArray(attrs.large_communities, LargeCommunityToString);
  }
  if (attrs.originator_id) route["originator_id"] = wire::Ipv4ToString(*attrs.originator_id);
  if (!attrs.cluster_list.empty()) {
    route["cluster_list"] = TextArray(attrs.cluster_list, wire::Ipv4ToString);
  }
  if (!attrs.other.empty()) {
    route["unknown"] = TextArray(attrs.other, [](const wire::RawAttr& raw) {
      return nlohmann::json{{"type", raw.type},
                            {"flags", absl::StrFormat("0x%02x", raw.flags)},
                            {"hex", wire::ToHex(raw.value)}};
    });
  }
}

nlohmann::json PathAttrsToJson(const wire::PathAttrs& attrs) {
  nlohmann::json route = nlohmann::json::object();
  AppendPathAttrsJson(attrs, route);
  return route;
}

}  // namespace meshbgp::api
