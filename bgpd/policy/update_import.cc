#include "bgpd/policy/update_import.h"

#include <memory>

#include "bgpd/wire/ipv4_nlri.h"
#include "evpn/nlri_codec.h"

namespace meshbgp::policy {
namespace {

void ReadIpv4(const wire::Update& u, const ImportSession& session, ImportedRoutes& out) {
  if (!session.ipv4) {
    out.ipv4_not_negotiated = !u.nlri.empty() || !u.withdrawn.empty();
    return;
  }
  out.withdraw.assign(u.withdrawn.begin(), u.withdrawn.end());
  out.announce.assign(u.nlri.begin(), u.nlri.end());
  // IPv4 unicast may also arrive in MP_REACH/MP_UNREACH (RFC 4760).
  const wire::AfiSafi v4 = wire::AfiSafiOf(wire::Family::kIpv4Unicast);
  if (u.mp_unreach && u.mp_unreach->afi_safi == v4) wire::DecodeIpv4Nlri(u.mp_unreach->nlri, out.withdraw);
  if (u.mp_reach && u.mp_reach->afi_safi == v4) wire::DecodeIpv4Nlri(u.mp_reach->nlri, out.announce);
}

// False when one of the EVPN routes is malformed (RFC 7606 treat-as-withdraw
// for the whole UPDATE).
bool ReadEvpn(const wire::Update& u, const ImportSession& session, ImportedRoutes& out) {
  const wire::AfiSafi evpn = wire::AfiSafiOf(wire::Family::kEvpn);
  const bool has_unreach = u.mp_unreach && u.mp_unreach->afi_safi == evpn;
  const bool has_reach = u.mp_reach && u.mp_reach->afi_safi == evpn;
  if (!session.evpn) {
    out.evpn_not_negotiated = has_unreach || has_reach;
    return true;
  }
  bool well_formed = true;
  if (has_unreach) {
    if (evpn::ForEachEvpnNlri(u.mp_unreach->nlri, [&](const evpn::EvpnNlriRef& r) {
          out.evpn_withdraw.push_back(evpn::KeyOf(r));
        }))
      out.evpn_unreadable = true;
  }
  if (has_reach) {
    if (evpn::ForEachEvpnNlri(u.mp_reach->nlri, [&](const evpn::EvpnNlriRef& r) {
          if (r.malformed() && well_formed) {
            well_formed = false;
            out.evpn_malformed = r.reason;
          }
          out.evpn_announce.push_back(evpn::KeyOf(r));
          out.evpn_nlri.push_back(std::make_shared<const std::vector<uint8_t>>(r.raw.begin(), r.raw.end()));
        })) {
      out.evpn_unreadable = true;
      out.evpn_announce.clear();
      out.evpn_nlri.clear();
    }
  }
  return well_formed;
}

}  // namespace

void ReadUpdate(const wire::Update& u, const ImportSession& session, ImportedRoutes& out) {
  out.withdraw.clear();
  out.announce.clear();
  out.evpn_withdraw.clear();
  out.evpn_announce.clear();
  out.evpn_nlri.clear();
  out.rejected.clear();
  out.evpn_malformed.clear();
  out.ipv4_not_negotiated = out.evpn_not_negotiated = out.evpn_unreadable = false;
  ReadIpv4(u, session, out);
  const bool evpn_ok = ReadEvpn(u, session, out);
  out.ipv4_received = out.announce.size();
  out.evpn_received = out.evpn_announce.size();
  if (out.ipv4_received + out.evpn_received == 0) return;
  if (u.treat_as_withdraw) {
    out.rejected = "malformed attributes (RFC 7606 treat-as-withdraw)";
  } else if (!evpn_ok) {
    out.rejected = "malformed EVPN route (RFC 7606 treat-as-withdraw)";
  } else {
    out.rejected = ImportRejection(u.attrs, session.ctx);
  }
  if (out.rejected.empty()) return;
  out.withdraw.insert(out.withdraw.end(), out.announce.begin(), out.announce.end());
  out.announce.clear();
  out.evpn_withdraw.insert(out.evpn_withdraw.end(), out.evpn_announce.begin(), out.evpn_announce.end());
  out.evpn_announce.clear();
  out.evpn_nlri.clear();
}

}  // namespace meshbgp::policy
