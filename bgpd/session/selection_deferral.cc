#include "bgpd/session/selection_deferral.h"

#include <algorithm>

namespace meshbgp::session {

bool SelectionDeferral::Hold(std::shared_ptr<Session> s, const std::string& address,
                             std::vector<wire::Family> awaited) {
  if (!open_) return false;
  if (awaited.empty()) done_.insert(address);
  const Session* key = s.get();
  held_[key] = Held{std::move(s), address, std::move(awaited)};
  return true;
}

void SelectionDeferral::EndOfRib(const Session* s, wire::Family f) {
  auto it = held_.find(s);
  if (!open_ || it == held_.end()) return;
  auto& awaited = it->second.awaited;
  awaited.erase(std::remove(awaited.begin(), awaited.end(), f), awaited.end());
  if (awaited.empty()) done_.insert(it->second.address);
}

void SelectionDeferral::Forget(const Session* s) { held_.erase(s); }

bool SelectionDeferral::Complete() const {
  if (!open_ || held_.empty()) return false;  // nothing came up yet: keep waiting
  for (const auto& [key, h] : held_)
    if (!h.awaited.empty()) return false;
  return std::all_of(expected_.begin(), expected_.end(),
                     [&](const std::string& a) { return done_.count(a) != 0; });
}

std::vector<std::shared_ptr<Session>> SelectionDeferral::Close() {
  open_ = false;
  std::vector<std::shared_ptr<Session>> out;
  out.reserve(held_.size());
  for (auto& [key, h] : held_) out.push_back(std::move(h.session));
  held_.clear();
  return out;
}

}  // namespace meshbgp::session
