#include "bgpd/session/peer_stats.h"

#include <algorithm>

#include "bgpd/session/session.h"

namespace meshbgp::session {

namespace {
constexpr auto kRelaxed = std::memory_order_relaxed;

void AddNotification(std::map<uint16_t, uint64_t>& into, const std::atomic<uint16_t>& code) {
  const uint16_t c = code.load(kRelaxed);
  if (c != 0) ++into[c];
}
}  // namespace

void PeerStats::Add(PeerTotals& into, Session& s) {
  SessionCounters& c = s.counters();
  into.group = s.settings().group;
  into.messages_in += c.messages_in.load(kRelaxed);
  into.messages_out += c.messages_out.load(kRelaxed);
  into.updates_in += c.updates_in.load(kRelaxed);
  into.updates_out += c.updates_out.load(kRelaxed);
  for (size_t f = 0; f < wire::kFamilyCount; ++f) {
    into.prefixes_received[f] += c.family[f].received.load(kRelaxed);
    into.prefixes_rejected[f] += c.family[f].rejected.load(kRelaxed);
  }
  AddNotification(into.notifications_sent, c.notification_sent);
  AddNotification(into.notifications_received, c.notification_received);
}

void PeerStats::Attach(const std::shared_ptr<Session>& s) {
  std::lock_guard l(mu_);
  if (!live_.emplace(s.get(), s).second) return;
  Entry& e = peers_[s->address_text()];
  e.totals.address = s->address_text();
  e.totals.group = s->settings().group;
  ++e.live;
}

void PeerStats::Detach(Session& s, bool was_established) {
  std::lock_guard l(mu_);
  if (live_.erase(&s) == 0) return;
  Entry& e = peers_[s.address_text()];
  Add(e.totals, s);
  if (was_established) ++e.totals.flaps;
  if (e.live > 0 && --e.live == 0) e.idle_since = std::chrono::steady_clock::now();
  EvictIdle();
}

void PeerStats::EvictIdle() {
  size_t idle = 0;
  for (const auto& [addr, e] : peers_) idle += e.live == 0;
  while (idle > max_idle_peers_) {
    auto oldest = peers_.end();
    for (auto it = peers_.begin(); it != peers_.end(); ++it) {
      if (it->second.live == 0 && (oldest == peers_.end() || it->second.idle_since < oldest->second.idle_since))
        oldest = it;
    }
    peers_.erase(oldest);
    --idle;
  }
}

std::vector<PeerTotals> PeerStats::Collect() const {
  std::lock_guard l(mu_);
  std::map<std::string, PeerTotals> out;
  for (const auto& [addr, e] : peers_) out.emplace(addr, e.totals);
  for (const auto& [ptr, weak] : live_) {
    if (auto s = weak.lock()) {
      PeerTotals& t = out[s->address_text()];
      t.address = s->address_text();
      Add(t, *s);
    }
  }
  std::vector<PeerTotals> v;
  v.reserve(out.size());
  for (auto& [addr, t] : out) v.push_back(std::move(t));
  return v;
}

}  // namespace meshbgp::session
