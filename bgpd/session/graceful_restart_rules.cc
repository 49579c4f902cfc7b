#include "bgpd/session/graceful_restart_rules.h"

#include <algorithm>

namespace meshbgp::session {

namespace {

bool IsHardReset(const wire::Notification& n) {
  return n.code == static_cast<uint8_t>(wire::ErrorCode::kCease) &&
         n.subcode == wire::cease::kHardReset;
}

const wire::GracefulRestart::Afi* FindFamily(const wire::GracefulRestart& gr, wire::Family f) {
  const wire::AfiSafi as = wire::AfiSafiOf(f);
  auto it = std::find_if(gr.families.begin(), gr.families.end(),
                         [&](const wire::GracefulRestart::Afi& a) { return a.afi_safi == as; });
  return it == gr.families.end() ? nullptr : &*it;
}

}  // namespace

std::optional<wire::GracefulRestart> OurGracefulRestart(const SessionSettings& s, bool restarting) {
  const config::GracefulRestartConfig& c = s.graceful_restart;
  if (!c.enabled) return std::nullopt;
  wire::GracefulRestart gr;
  gr.restart_state = restarting;
  gr.notification = c.notification;
  gr.restart_time = static_cast<uint16_t>(std::min<uint32_t>(c.restart_time, 0x0fff));
  for (wire::Family f : s.families) gr.families.push_back({wire::AfiSafiOf(f), true});
  return gr;
}

bool KeepRoutesAfter(const Negotiated& n, const SessionEnd& end) {
  if (!n.peer_gr) return false;
  if (!end.sent && !end.received) return true;
  if (!n.gr_notification) return false;
  if (end.received && IsHardReset(*end.received)) return false;
  if (end.sent && end.sent->code == static_cast<uint8_t>(wire::ErrorCode::kCease)) {
    // We ended it on purpose: the peer's routes go whatever the wire said.
    switch (end.sent->subcode) {
      case wire::cease::kMaxPrefixes:
      case wire::cease::kAdministrativeShutdown:
      case wire::cease::kPeerDeconfigured:
      case wire::cease::kHardReset:
        return false;
      default:
        break;
    }
  }
  return true;
}

bool RetainsFamily(const Negotiated& n, wire::Family f) {
  return n.peer_gr && n.has(f) && FindFamily(*n.peer_gr, f) != nullptr;
}

bool KeepsStaleFamily(const Negotiated& n, wire::Family f) {
  if (!n.peer_gr || !n.has(f)) return false;
  const wire::GracefulRestart::Afi* a = FindFamily(*n.peer_gr, f);
  return a != nullptr && a->forwarding_preserved;
}

wire::Notification HardReset(const wire::Notification& inner) {
  wire::Notification n{static_cast<uint8_t>(wire::ErrorCode::kCease), wire::cease::kHardReset, {}};
  n.data.reserve(2 + inner.data.size());
  n.data.push_back(inner.code);
  n.data.push_back(inner.subcode);
  n.data.insert(n.data.end(), inner.data.begin(), inner.data.end());
  return n;
}

wire::Notification AsSent(const Negotiated& n, wire::Notification note) {
  if (IsHardReset(note)) {
    if (n.gr_notification || note.data.size() < 2) return note;
    return {note.data[0], note.data[1], std::vector<uint8_t>(note.data.begin() + 2, note.data.end())};
  }
  const bool cease = note.code == static_cast<uint8_t>(wire::ErrorCode::kCease);
  if (n.gr_notification && cease && note.subcode == wire::cease::kPeerDeconfigured)
    return HardReset(note);
  return note;
}

}  // namespace meshbgp::session
