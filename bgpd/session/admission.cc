#include "bgpd/session/admission.h"

namespace meshbgp::session {

bool Admission::AdmitConnection(const Address& source, uint32_t limit, Clock::time_point now) {
  if (limit == 0) return true;
  std::deque<Clock::time_point>& times = recent_[source];
  while (!times.empty() && now - times.front() >= kRateWindow) times.pop_front();
  if (times.size() >= limit) return false;
  times.push_back(now);
  return true;
}

void Admission::HoldDown(const Address& peer, Clock::time_point until) {
  Clock::time_point& t = held_[peer];
  if (until > t) t = until;
}

std::optional<Admission::Clock::duration> Admission::HeldDown(const Address& peer, Clock::time_point now) {
  auto it = held_.find(peer);
  if (it == held_.end()) return std::nullopt;
  if (it->second <= now) {
    held_.erase(it);
    return std::nullopt;
  }
  return it->second - now;
}

void Admission::Prune(Clock::time_point now) {
  for (auto it = recent_.begin(); it != recent_.end();) {
    if (it->second.empty() || now - it->second.back() >= kRateWindow) {
      it = recent_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = held_.begin(); it != held_.end();) {
    it = it->second <= now ? held_.erase(it) : std::next(it);
  }
}

}  // namespace meshbgp::session
