#include "fuzz/message_checks.h"

#include <cstdio>
#include <vector>

#include "bgpd/wire/hex.h"
#include "bgpd/wire/header.h"
#include "bgpd/wire/notification.h"
#include "bgpd/wire/open.h"
#include "bgpd/wire/route_refresh.h"
#include "bgpd/wire/update.h"
#include "evpn/nlri_codec.h"
#include "evpn/route_key.h"
#include "evpn/route_text.h"
#include "fuzz/fuzz_check.h"

namespace meshbgp::fuzz {
namespace {

using Bytes = std::vector<uint8_t>;

// The body of an encoded message, after checking its header says what it is.
std::span<const uint8_t> BodyOf(const Bytes& whole, wire::MessageType type) {
  auto h = wire::DecodeHeader(whole, wire::kMaxExtendedMessageSize);
  FUZZ_CHECK(h.ok());
  FUZZ_CHECK(h->type == type);
  FUZZ_CHECK(h->length == whole.size());
  return std::span<const uint8_t>(whole).subspan(wire::kHeaderSize);
}

bool SameBytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

bool SameMpReach(const std::optional<wire::MpReach>& a, const std::optional<wire::MpReach>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->afi_safi == b->afi_safi && a->next_hop == b->next_hop && a->nlri == b->nlri);
}

bool SameMpUnreach(const std::optional<wire::MpUnreach>& a,
                   const std::optional<wire::MpUnreach>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->afi_safi == b->afi_safi && a->nlri == b->nlri);
}

// The routes and attributes: what the RIB would act on.
bool SameRoutes(const wire::Update& a, const wire::Update& b) {
  return a.withdrawn == b.withdrawn && a.nlri == b.nlri && SameMpReach(a.mp_reach, b.mp_reach) &&
         SameMpUnreach(a.mp_unreach, b.mp_unreach) && a.attrs == b.attrs &&
         a.treat_as_withdraw == b.treat_as_withdraw;
}

// What the failing invariant compared, for whoever reads the crash report.
void Explain(const char* what, std::span<const uint8_t> in, const Bytes& out, const wire::Update& u) {
  std::fprintf(stderr, "%s\n in:  %s\n out: %s\n", what, wire::ToHex(in).c_str(),
               wire::ToHex(out).c_str());
  for (const std::string& d : u.discarded) std::fprintf(stderr, " noted: %s\n", d.c_str());
}

void CheckEvpnFamily(const wire::Update& u) {
  if (u.mp_reach && wire::FamilyOf(u.mp_reach->afi_safi) == wire::Family::kEvpn) {
    CheckEvpnNlri(u.mp_reach->nlri);
  }
  if (u.mp_unreach && wire::FamilyOf(u.mp_unreach->afi_safi) == wire::Family::kEvpn) {
    CheckEvpnNlri(u.mp_unreach->nlri);
  }
}

}  // namespace

void CheckOpen(std::span<const uint8_t> body) {
  auto o = wire::DecodeOpen(body);
  if (!o.ok()) {
    // Shorter than the fixed fields is a length error (DecodeHeader already
    // refuses such a message; the decoder does not rely on it).
    const auto want = body.size() < 10 ? wire::ErrorCode::kMessageHeader : wire::ErrorCode::kOpenMessage;
    FUZZ_CHECK(o.error().notification.code == static_cast<uint8_t>(want));
    return;
  }
  // The layout makes the encoder follow what was received; only octets
  // that are reserved and ignored on receipt (e.g. in the multiprotocol
  // capability) come back as zero, so the first re-encoding is a fixpoint.
  const Bytes again = wire::EncodeOpen(*o);
  auto o2 = wire::DecodeOpen(BodyOf(again, wire::MessageType::kOpen));
  FUZZ_CHECK(o2.ok());
  FUZZ_CHECK(wire::EncodeOpen(*o2) == again);
  FUZZ_CHECK(o2->version == o->version && o2->my_as == o->my_as &&
             o2->hold_time == o->hold_time && o2->bgp_id == o->bgp_id &&
             o2->PeerAs() == o->PeerAs());
  FUZZ_CHECK(o2->caps.multiprotocol == o->caps.multiprotocol);
  FUZZ_CHECK(o2->caps.extended_message == o->caps.extended_message);
  FUZZ_CHECK(o2->caps.route_refresh == o->caps.route_refresh);
  FUZZ_CHECK(o2->caps.enhanced_route_refresh == o->caps.enhanced_route_refresh);
  FUZZ_CHECK(o2->caps.add_path.size() == o->caps.add_path.size());
  FUZZ_CHECK(o2->caps.unknown.size() == o->caps.unknown.size());
}

void CheckUpdate(std::span<const uint8_t> body, const wire::DecodeOptions& opts,
                 bool evpn_nlri_checked) {
  if (body.size() > kMaxBody) return;
  auto u = wire::DecodeUpdate(body, opts);
  if (!u.ok()) {
    FUZZ_CHECK(u.error().notification.code ==
               static_cast<uint8_t>(wire::ErrorCode::kUpdateMessage));
    return;
  }
  (void)wire::EndOfRib(*u);
  if (!evpn_nlri_checked) CheckEvpnFamily(*u);
  const wire::EncodeOptions eopts{opts.four_octet_as};
  const Bytes again = wire::EncodeUpdate(*u, eopts);
  const auto again_body = BodyOf(again, wire::MessageType::kUpdate);
  const bool clean = u->discarded.empty() && !u->treat_as_withdraw;
  // Whatever we accepted, we can write back without provoking a reset.
  auto u2 = wire::DecodeUpdate(again_body, opts);
  if (!u2.ok()) Explain("re-encoding does not decode", body, again, *u);
  FUZZ_CHECK(u2.ok());
  // A clean UPDATE comes back as received, but for octets that are
  // reserved and ignored on receipt (MP_REACH's after the next hop), which
  // come back as zero: the first re-encoding is a fixpoint.
  if (clean && wire::EncodeUpdate(*u2, eopts) != again) Explain("no fixpoint", body, again, *u);
  if (clean) FUZZ_CHECK(wire::EncodeUpdate(*u2, eopts) == again);
  // A treat-as-withdraw UPDATE installs nothing, so nothing of it is ever
  // relayed; its re-encoding may lose what made it malformed.
  if (u->treat_as_withdraw) return;
  if (!SameRoutes(*u, *u2)) Explain("re-encoding decodes differently", body, again, *u);
  FUZZ_CHECK(SameRoutes(*u, *u2));
  // The canonical encoding (what the Adj-RIB-Out sends every client)
  // carries the same routes and attributes, and nothing a receiver would
  // find wrong in it.
  wire::Update canonical = *u;
  canonical.layout = {};
  const Bytes packed = wire::EncodeUpdate(canonical, eopts);
  if (packed.size() > wire::kMaxExtendedMessageSize) return;
  auto u3 = wire::DecodeUpdate(BodyOf(packed, wire::MessageType::kUpdate), opts);
  if (!u3.ok() || !u3->discarded.empty() || !SameRoutes(*u, *u3)) {
    Explain("canonical encoding decodes differently", body, packed, *u);
  }
  FUZZ_CHECK(u3.ok());
  FUZZ_CHECK(u3->discarded.empty());
  FUZZ_CHECK(SameRoutes(*u, *u3));
}

void CheckNotification(std::span<const uint8_t> body) {
  auto n = wire::DecodeNotification(body);
  if (!n.ok()) return;
  (void)wire::DescribeNotification(*n);
  if (auto msg = wire::ShutdownMessage(*n)) {
    FUZZ_CHECK(msg->size() <= wire::kMaxShutdownMessage);
    // What we would send back for the same text says the same.
    auto ours = wire::ShutdownNotification(n->subcode, *msg);
    // (an empty communication is sent as no data at all)
    FUZZ_CHECK(wire::ShutdownMessage(ours).value_or("") == *msg);
  }
  const Bytes again = wire::EncodeNotification(*n);
  FUZZ_CHECK(SameBytes(BodyOf(again, wire::MessageType::kNotification), body));
}

void CheckRouteRefresh(std::span<const uint8_t> body) {
  auto rr = wire::DecodeRouteRefresh(body);
  if (!rr.ok()) {
    FUZZ_CHECK(rr.error().notification.code ==
               static_cast<uint8_t>(wire::ErrorCode::kRouteRefresh));
    return;
  }
  const Bytes again = wire::EncodeRouteRefresh(*rr);
  FUZZ_CHECK(SameBytes(BodyOf(again, wire::MessageType::kRouteRefresh), body));
}

void CheckEvpnNlri(std::span<const uint8_t> field) {
  auto routes = evpn::DecodeEvpnNlri(field);
  size_t seen = 0;
  auto err = evpn::ForEachEvpnNlri(field, [&](const evpn::EvpnNlriRef& r) {
    FUZZ_CHECK(routes.ok() && seen < routes->size());
    const evpn::EvpnRoute& same = (*routes)[seen++];
    FUZZ_CHECK(r.type == same.type && SameBytes(r.raw, same.raw));
    FUZZ_CHECK(r.malformed() == same.malformed);
  });
  FUZZ_CHECK(err.has_value() == !routes.ok());
  if (!routes.ok()) return;
  FUZZ_CHECK(seen == routes->size());
  Bytes again;
  evpn::AppendEvpnNlri(*routes, again);
  FUZZ_CHECK(SameBytes(again, field));
  for (const evpn::EvpnRoute& r : *routes) {
    (void)evpn::RouteToString(r);
    // The route we send to withdraw it has the same key: else a withdrawal
    // would leave the route in every client's table.
    const evpn::EvpnKey key = evpn::KeyOf(r);
    (void)evpn::ToString(key);
    FUZZ_CHECK(evpn::KeyOf(evpn::WithdrawalRoute(key)) == key);
    if (r.malformed) continue;
    // A well-formed known route rebuilt from its typed view is the same
    // route: the RIB keys and the text forms read the typed view.
    std::optional<evpn::EvpnRoute> rebuilt;
    if (auto v = evpn::AsEthernetAd(r)) rebuilt = evpn::MakeRoute(*v);
    if (auto v = evpn::AsMacIp(r)) rebuilt = evpn::MakeRoute(*v);
    if (auto v = evpn::AsInclusiveMulticast(r)) rebuilt = evpn::MakeRoute(*v);
    if (auto v = evpn::AsEthernetSegment(r)) rebuilt = evpn::MakeRoute(*v);
    if (auto v = evpn::AsIpPrefix(r)) rebuilt = evpn::MakeRoute(*v);
    FUZZ_CHECK(rebuilt.has_value() == evpn::IsKnownType(r.type));
    if (rebuilt) FUZZ_CHECK(*rebuilt == r);
  }
}

}  // namespace meshbgp::fuzz
