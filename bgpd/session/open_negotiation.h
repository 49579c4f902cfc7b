// The OPEN exchange as pure functions: what we offer, and whether the peer's
// OPEN is acceptable for this session's settings (peer AS, identifier, hold
// time), giving the negotiated parameters or the NOTIFICATION to send.
#pragma once

#include "bgpd/session/session_settings.h"
#include "bgpd/wire/open.h"
#include "bgpd/wire/result.h"

namespace meshbgp::session {

// `restarting`: we are inside our restart window (graceful restart R bit).
wire::Open BuildOpen(const SessionSettings& s, bool restarting = false);

wire::Result<Negotiated> Negotiate(const SessionSettings& s, const wire::Open& ours,
                                   const wire::Open& peer);

}  // namespace meshbgp::session
