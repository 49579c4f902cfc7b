#include "bgpd/policy/export_rules.h"

#include "bgpd/wire/as_path_codec.h"

namespace meshbgp::policy {

// RFC 4456 §6 and the mesh rule: routes learned over iBGP are not passed to
// other iBGP peers unless a reflector is involved. A route-reflector group's
// members (clients) receive everything; a plain internal group (the mesh)
// receives routes from eBGP clients and reflected routes of RR clients.
bool GroupAccepts(const ExportSettings& s, const rib::PeerInfo& source) {
  if (!s.ibgp) return true;
  if (!source.ibgp) return true;
  if (s.route_reflector) return true;
  return source.rr_client;
}

bool GroupExportRules::GroupAccepts(const rib::Path& path) const {
  return policy::GroupAccepts(s_, *path.peer);
}

bool GroupExportRules::MemberAccepts(const rib::PeerInfo& member, const rib::Path& path) const {
  if (path.peer->id == member.id) return false;  // never back to its source
  const wire::PathAttrs& a = path.attrs->attrs();
  if (!s_.ibgp) {
    // Sender-side loop detection: the client would drop it anyway.
    if (a.as_path && a.as_path->Contains(member.asn)) return false;
  } else if (a.originator_id && *a.originator_id == member.router_id) {
    return false;  // RFC 4456 §8: don't reflect a route to its originator
  }
  return true;
}

wire::PathAttrs GroupExportRules::Transform(const rib::Path& path) const {
  wire::PathAttrs out = path.attrs->attrs();
  if (!s_.ibgp) {
    // RFC 5065 §5.3: confederation segments never leave it (an iBGP
    // neighbour may send them); an external peer treats them as malformed.
    if (out.as_path) out.as_path = wire::WithoutConfedSegments(*out.as_path);
    if (!s_.route_server) {
      out.as_path = out.as_path ? out.as_path->Prepended(s_.local_as)
                                : wire::AsPath{}.Prepended(s_.local_as);
    }
    // LOCAL_PREF and the reflection attributes never leave the AS.
    out.local_pref.reset();
    out.originator_id.reset();
    out.cluster_list.clear();
    return out;
  }
  if (!out.local_pref) out.local_pref = 100;
  if (path.peer->ibgp) {
    // Reflecting an internal route (RFC 4456 §8).
    if (!out.originator_id) out.originator_id = path.peer->router_id;
    out.cluster_list.insert(out.cluster_list.begin(), s_.cluster_id);
  } else {
    out.originator_id.reset();
    out.cluster_list.clear();
  }
  return out;
}

}  // namespace meshbgp::policy
