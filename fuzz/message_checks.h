// The properties every decoded BGP message must have, shared by the
// per-message fuzz targets and the framing target that feeds whole byte
// streams: decoding never crashes, and whatever decodes re-encodes to
// bytes that decode to the same value (exactly the received bytes where
// the codec promises that, e.g. for well-formed UPDATEs).
#pragma once

#include <cstdint>
#include <span>

#include "bgpd/wire/attrs_codec.h"

namespace meshbgp::fuzz {

void CheckOpen(std::span<const uint8_t> body);
// `evpn_nlri_checked`: the caller already ran CheckEvpnNlri on the exact
// NLRI field the UPDATE carries (MP_REACH keeps it raw), so it is not
// checked twice.
void CheckUpdate(std::span<const uint8_t> body, const wire::DecodeOptions& opts,
                 bool evpn_nlri_checked = false);
void CheckNotification(std::span<const uint8_t> body);
void CheckRouteRefresh(std::span<const uint8_t> body);
// The NLRI field of an L2VPN EVPN MP_REACH/MP_UNREACH.
void CheckEvpnNlri(std::span<const uint8_t> field);

// The largest body a message can carry (RFC 8654 extended messages).
inline constexpr size_t kMaxBody = 65535 - 19;

}  // namespace meshbgp::fuzz
