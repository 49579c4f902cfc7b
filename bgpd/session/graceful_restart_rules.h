// Graceful restart (RFC 4724) with RFC 8538's notification extension, as
// pure decisions: the capability we offer, whether a peer's routes outlive
// its session, which of them a returning peer keeps, and which
// NOTIFICATIONs travel as Hard Reset. The state that acts on them lives in
// route_exchange_gr.cc (helper) and selection_deferral.h (restarting).
#pragma once

#include <optional>
#include <vector>

#include "bgpd/session/session_settings.h"
#include "bgpd/wire/capabilities.h"
#include "bgpd/wire/types.h"

namespace meshbgp::session {

// Our capability for an OPEN, or nullopt when the group disabled graceful
// restart. `restarting`: we are inside our own restart window (R bit).
// Every family is marked forwarding-preserved: a route server is never in
// the forwarding path (next hops point at the clients), so its restart
// cannot break forwarding; FRR flushes our stale routes at once without it.
std::optional<wire::GracefulRestart> OurGracefulRestart(const SessionSettings& s, bool restarting);

// How an Established session ended: the NOTIFICATION each way, if any.
struct SessionEnd {
  std::optional<wire::Notification> sent;
  std::optional<wire::Notification> received;
};

// RFC 4724 §4.2: a session lost without NOTIFICATION (TCP reset, EOF)
// keeps the peer's routes as stale. RFC 8538 §4, when both sides set N:
// so does any NOTIFICATION (hold timer expiry included) but Hard Reset,
// except one we sent to end the session on purpose (Maximum Number of
// Prefixes, Administrative Shutdown, Peer De-configured): then the peer's
// routes go at once, as the operator meant.
bool KeepRoutesAfter(const Negotiated& n, const SessionEnd& end);

// Whether routes of `f` stay (stale) when a session with the peer ends:
// its capability listed the family and the session negotiated it.
bool RetainsFamily(const Negotiated& n, wire::Family f);

// Whether the stale routes of `f` survive the new session's OPEN (RFC 4724
// §4.2): it carries the capability, lists `f` with forwarding preserved,
// and negotiated `f`. Otherwise they go at once.
bool KeepsStaleFamily(const Negotiated& n, wire::Family f);

// `inner` wrapped in Cease / Hard Reset (RFC 8538 §3: the data is the
// inner error code, subcode and data).
wire::Notification HardReset(const wire::Notification& inner);

// The NOTIFICATION as it goes to this peer. With N negotiated, Peer
// De-configured becomes Hard Reset (RFC 8538 §5: a peer we no longer serve
// must drop our routes now). The other Cease subcodes stay graceful: a
// SIGTERM's Administrative Shutdown lets helpers keep our routes through a
// pod's reschedule, and routes kept after a Maximum Number of Prefixes are
// still valid ones (we drop the peer's at once, see KeepRoutesAfter).
// `bgpctl neighbor ADDR clear|down` ask for Hard Reset themselves. Without N, a Hard Reset is sent as its inner
// NOTIFICATION, which is what the peer can read.
wire::Notification AsSent(const Negotiated& n, wire::Notification note);

}  // namespace meshbgp::session
