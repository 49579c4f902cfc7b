// RouteExchange's graceful restart (RFC 4724, RFC 8538), both roles.
// Helper: a peer that advertised graceful restart and lost its session
// without a NOTIFICATION (or, with N negotiated, with one but Hard Reset)
// keeps its paths, stale, for its restart time; back again, its paths pass
// to the new session and those it does not announce again go at its
// End-of-RIB or after stale_routes_time. Restarting speaker: from our start
// until our table is complete (selection_deferral.h) sessions that come up
// are held, then sent our table and End-of-RIB.
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "bgpd/session/graceful_restart_rules.h"
#include "bgpd/session/route_exchange.h"

namespace meshbgp::session {

namespace {

std::vector<wire::Family> AllFamilies() {
  std::vector<wire::Family> out;
  for (size_t f = 0; f < wire::kFamilyCount; ++f) out.push_back(static_cast<wire::Family>(f));
  return out;
}

}  // namespace

// ---- restarting speaker ----

void RouteExchange::StartRestartWindow(const config::Config& cfg) {
  std::set<std::string> expected;
  for (const config::Neighbor& n : cfg.neighbors) {
    const config::Group* g = cfg.FindGroup(n.group);
    if (g ? g->graceful_restart.enabled : cfg.graceful_restart.enabled) expected.insert(n.address);
  }
  std::lock_guard lock(deferral_mu_);
  deferral_.SetExpected(std::move(expected));
  if (window_started_) return;
  window_started_ = true;
  const uint32_t seconds = cfg.graceful_restart.enabled ? cfg.graceful_restart.select_defer_time : 0;
  if (seconds == 0) {
    deferral_.Close();
    return;
  }
  restarting_ = true;
  defer_timer_ = std::make_unique<boost::asio::steady_timer>(io_, std::chrono::seconds(seconds));
  defer_timer_->async_wait([this](boost::system::error_code ec) {
    if (!ec) CloseRestartWindow("select_defer_time passed");
  });
}

void RouteExchange::CloseRestartWindow(const char* why) {
  std::vector<std::shared_ptr<Session>> held;
  {
    std::lock_guard lock(deferral_mu_);
    if (!deferral_.open()) return;
    held = deferral_.Close();
    restarting_ = false;
    if (defer_timer_) defer_timer_->cancel();
  }
  spdlog::info("graceful restart: our table is complete ({}); sending it to {} sessions", why,
               held.size());
  for (const auto& s : held)
    if (s->state() == State::kEstablished) JoinGroups(s);
}

bool RouteExchange::HoldDuringRestart(const std::shared_ptr<Session>& s) {
  const Negotiated& n = s->negotiated();
  // End-of-RIB is awaited from every peer that advertised graceful restart,
  // helpers that list no family included: they send one as well. RFC 4724
  // §4.1 leaves out peers with the R bit, which may wait for ours; FRR 8.4
  // sets it for a while after its own start and still sends its routes and
  // End-of-RIB at once, so we wait for them too: select_defer_time bounds a
  // peer that really waits.
  std::vector<wire::Family> awaited;
  if (n.peer_gr)
    for (wire::Family f : AllFamilies())
      if (n.has(f)) awaited.push_back(f);
  spdlog::debug("{}: graceful restart capability: R bit {}, restart time {} s; awaiting {} End-of-RIB",
                s->Name(), n.peer_gr && n.peer_gr->restart_state, n.peer_gr ? n.peer_gr->restart_time : 0,
                awaited.size());
  bool complete = false;
  {
    std::lock_guard lock(deferral_mu_);
    if (!deferral_.Hold(s, s->address_text(), std::move(awaited))) return false;
    complete = deferral_.Complete();
  }
  spdlog::debug("{}: our table is sent once the restart window closes", s->Name());
  if (complete) CloseRestartWindow("every peer sent End-of-RIB");
  return true;
}

void RouteExchange::OnEndOfRib(Session& s, wire::Family f) {
  spdlog::debug("{}: End-of-RIB for {}", s.Name(), wire::FamilyName(f));
  bool complete = false;
  {
    std::lock_guard lock(deferral_mu_);
    if (deferral_.open()) {
      deferral_.EndOfRib(&s, f);
      complete = deferral_.Complete();
    }
  }
  if (complete) CloseRestartWindow("every peer sent End-of-RIB");

  if (stale_count_.load(std::memory_order_acquire) == 0) return;
  std::shared_ptr<StalePeer> e = StaleOf(s);
  if (!e) return;
  size_t flushed = 0, left = 0;
  {
    std::lock_guard lock(e->mu);
    flushed = FlushStale(*e, f, &s.counters());
    left = e->size();
  }
  spdlog::info("{}: End-of-RIB for {}: {} stale paths withdrawn", s.Name(), wire::FamilyName(f),
               flushed);
  if (left == 0) {
    std::lock_guard lock(stale_mu_);
    auto it = stale_.find(e->address);
    if (it != stale_.end() && it->second == e) {
      if (e->timer) e->timer->cancel();
      ++e->generation;
      stale_.erase(it);
      stale_count_ = stale_.size();
    }
  }
}

// ---- helper ----

std::shared_ptr<StalePeer> RouteExchange::StaleOf(const Session& s) const {
  std::lock_guard lock(stale_mu_);
  auto it = stale_.find(s.address_text());
  if (it == stale_.end() || it->second->info != s.peer_info()) return nullptr;
  return it->second;
}

bool RouteExchange::RetainStale(Session& s, const std::shared_ptr<const rib::PeerInfo>& info) {
  const Negotiated& n = s.negotiated();
  // An entry bound to this session (it went down again before its
  // End-of-RIB) is replaced: its paths are all the session's now.
  std::shared_ptr<StalePeer> old;
  {
    std::lock_guard lock(stale_mu_);
    auto it = stale_.find(s.address_text());
    if (it != stale_.end() && it->second->info == info) {
      old = it->second;
      if (old->timer) old->timer->cancel();
      ++old->generation;
      stale_.erase(it);
      stale_count_ = stale_.size();
    }
  }
  if (old) std::lock_guard wait(old->mu);  // waits out a flush in progress
  if (!KeepRoutesAfter(n, s.end()) || n.peer_gr->restart_time == 0) return false;

  auto e = std::make_shared<StalePeer>();
  e->address = s.address_text();
  e->group = s.settings().group;
  e->info = info;
  // Families the peer did not list in its capability go now.
  std::vector<wire::Ipv4Prefix> changed;
  std::vector<evpn::EvpnKey> evpn_changed;
  size_t removed = 0, removed_v4 = 0, removed_ev = 0;
  if (RetainsFamily(n, wire::Family::kIpv4Unicast)) {
    ipv4_.ForEach([&](const wire::Ipv4Prefix& k, std::span<const rib::Path> paths) {
      for (const rib::Path& p : paths)
        if (p.peer == info.get()) e->ipv4.insert(k);
    });
  } else {
    removed += removed_v4 = ipv4_.RemovePeer(info.get(), &changed);
  }
  if (RetainsFamily(n, wire::Family::kEvpn)) {
    evpn_.ForEach([&](const evpn::EvpnKey& k, std::span<const rib::EvpnPath> paths) {
      for (const rib::EvpnPath& p : paths)
        if (p.peer == info.get()) e->evpn.insert(k);
    });
  } else {
    removed += removed_ev = evpn_.RemovePeer(info.get(), &evpn_changed);
  }
  MarkDirty(ipv4_groups_, changed, info->id);
  MarkDirty(evpn_groups_, evpn_changed, info->id);
  CountAccepted(s.counters(), wire::Family::kIpv4Unicast, -static_cast<ptrdiff_t>(removed_v4), 0);
  CountAccepted(s.counters(), wire::Family::kEvpn, -static_cast<ptrdiff_t>(removed_ev), 0);
  if (e->size() == 0) {
    ReleaseAfterWork(info);
    return true;  // nothing left to keep
  }
  const uint32_t restart_time = n.peer_gr->restart_time;
  spdlog::info("{}: graceful restart: keeping {} paths as stale for up to {} s{}", s.Name(),
               e->size(), restart_time, removed ? fmt::format(" ({} withdrawn)", removed) : "");
  std::lock_guard lock(stale_mu_);
  auto& slot = stale_[e->address];
  std::shared_ptr<StalePeer> displaced = std::move(slot);
  slot = e;
  stale_count_ = stale_.size();
  ArmStaleTimer(e, restart_time);
  if (displaced) {
    // Another session's stale paths at this address (an unusual sequence
    // of reconnects): they go, rather than linger with no timer.
    if (displaced->timer) displaced->timer->cancel();
    ++displaced->generation;
    boost::asio::post(io_, [this, displaced] {
      std::lock_guard l(displaced->mu);
      RemoveAllPaths(displaced->info, nullptr);
    });
  }
  return true;
}

void RouteExchange::ArmStaleTimer(const std::shared_ptr<StalePeer>& e, uint32_t seconds) {
  const uint64_t gen = ++e->generation;
  e->deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  if (!e->timer) e->timer = std::make_unique<boost::asio::steady_timer>(io_);
  e->timer->expires_at(e->deadline);
  e->timer->async_wait([this, e, gen](boost::system::error_code ec) {
    if (!ec) ExpireStale(e, gen);
  });
}

void RouteExchange::ExpireStale(const std::shared_ptr<StalePeer>& e, uint64_t generation) {
  {
    std::lock_guard lock(stale_mu_);
    auto it = stale_.find(e->address);
    if (it == stale_.end() || it->second != e || e->generation != generation) return;
    stale_.erase(it);
    stale_count_ = stale_.size();
  }
  std::lock_guard lock(e->mu);
  if (std::shared_ptr<Session> s = e->session.lock()) {
    const size_t flushed = FlushStale(*e, std::nullopt, &s->counters());
    spdlog::info("{}: graceful restart: no End-of-RIB within stale_routes_time, {} stale paths withdrawn",
                 s->Name(), flushed);
    return;
  }
  const size_t removed = RemoveAllPaths(e->info, nullptr);
  spdlog::info("peer {}: graceful restart: not back within its restart time, {} stale paths withdrawn",
               e->address, removed);
}

void RouteExchange::DropStale(const std::string& address) {
  std::shared_ptr<StalePeer> e;
  {
    std::lock_guard lock(stale_mu_);
    auto it = stale_.find(address);
    if (it == stale_.end()) return;
    e = it->second;
    stale_.erase(it);
    stale_count_ = stale_.size();
  }
  std::lock_guard lock(e->mu);
  if (std::shared_ptr<Session> s = e->session.lock()) {
    FlushStale(*e, std::nullopt, &s->counters());
    return;
  }
  const size_t removed = RemoveAllPaths(e->info, nullptr);
  spdlog::info("peer {}: removed from the configuration, {} stale paths withdrawn", address, removed);
}

size_t RouteExchange::FlushStale(StalePeer& e, std::optional<wire::Family> only,
                                 SessionCounters* counters) {
  size_t flushed = 0;
  if ((!only || *only == wire::Family::kIpv4Unicast) && !e.ipv4.empty()) {
    std::vector<wire::Ipv4Prefix> keys(e.ipv4.begin(), e.ipv4.end()), changed;
    e.ipv4.clear();
    const ptrdiff_t delta = ipv4_.Apply(e.info.get(), keys, {}, rib::AttrRef{}, &changed);
    MarkDirty(ipv4_groups_, changed, e.info->id);
    if (counters) CountAccepted(*counters, wire::Family::kIpv4Unicast, delta, 0);
    flushed += static_cast<size_t>(-delta);
  }
  if ((!only || *only == wire::Family::kEvpn) && !e.evpn.empty()) {
    std::vector<evpn::EvpnKey> keys(e.evpn.begin(), e.evpn.end()), changed;
    e.evpn.clear();
    const ptrdiff_t delta = evpn_.Apply(e.info.get(), keys, {}, rib::AttrRef{}, &changed);
    MarkDirty(evpn_groups_, changed, e.info->id);
    if (counters) CountAccepted(*counters, wire::Family::kEvpn, delta, 0);
    flushed += static_cast<size_t>(-delta);
  }
  return flushed;
}

void RouteExchange::ResumeStale(const std::shared_ptr<Session>& s) {
  if (stale_count_.load(std::memory_order_acquire) == 0) return;
  std::shared_ptr<StalePeer> e;
  std::lock_guard lock(stale_mu_);
  auto it = stale_.find(s->address_text());
  if (it == stale_.end() || it->second->back()) return;
  e = it->second;
  if (e->timer) e->timer->cancel();
  ++e->generation;
  std::lock_guard entry_lock(e->mu);
  const Negotiated& n = s->negotiated();
  const std::shared_ptr<const rib::PeerInfo> info = s->peer_info();
  const bool same_peer = info && e->info->asn == info->asn && e->info->ibgp == info->ibgp &&
                         e->group == s->settings().group;
  if (!same_peer || !n.peer_gr) {
    const size_t removed = RemoveAllPaths(e->info, nullptr);
    stale_.erase(it);
    stale_count_ = stale_.size();
    spdlog::info("{}: back without graceful restart: {} stale paths withdrawn", s->Name(), removed);
    return;
  }
  // RFC 4724 §4.2: a family the new OPEN does not list with forwarding
  // preserved loses its stale routes now.
  size_t flushed = 0;
  for (wire::Family f : AllFamilies())
    if (!KeepsStaleFamily(n, f)) flushed += FlushStale(*e, f, nullptr);
  const size_t moved_v4 = ipv4_.RebindPeer(e->info.get(), info.get());
  const size_t moved_ev = evpn_.RebindPeer(e->info.get(), info.get());
  CountAccepted(s->counters(), wire::Family::kIpv4Unicast, static_cast<ptrdiff_t>(moved_v4), 0);
  CountAccepted(s->counters(), wire::Family::kEvpn, static_cast<ptrdiff_t>(moved_ev), 0);
  if (e->info->router_id != info->router_id) {
    // The tie-break between equal paths may change: let the groups decide again.
    std::vector<wire::Ipv4Prefix> v4(e->ipv4.begin(), e->ipv4.end());
    std::vector<evpn::EvpnKey> ev(e->evpn.begin(), e->evpn.end());
    MarkDirty(ipv4_groups_, v4, 0);
    MarkDirty(evpn_groups_, ev, 0);
  }
  ReleaseAfterWork(std::move(e->info));
  e->info = info;
  e->session = s;
  spdlog::info("{}: back from graceful restart: {} stale paths until its End-of-RIB ({} withdrawn)",
               s->Name(), e->size(), flushed);
  if (e->size() == 0) {
    stale_.erase(it);
    stale_count_ = stale_.size();
    return;
  }
  ArmStaleTimer(e, s->settings().graceful_restart.stale_routes_time);
}

std::vector<RouteExchange::StaleStatus> RouteExchange::StalePeers() const {
  std::vector<std::shared_ptr<StalePeer>> entries;
  {
    std::lock_guard lock(stale_mu_);
    for (const auto& [addr, e] : stale_) entries.push_back(e);
  }
  std::vector<StaleStatus> out;
  const auto now = std::chrono::steady_clock::now();
  for (const auto& e : entries) {
    std::lock_guard lock(e->mu);
    StaleStatus st;
    st.address = e->address;
    st.group = e->group;
    st.asn = e->info ? e->info->asn : 0;
    st.back = e->back();
    st.paths = e->size();
    st.seconds_left = std::max<int64_t>(
        0, std::chrono::duration_cast<std::chrono::seconds>(e->deadline - now).count());
    out.push_back(std::move(st));
  }
  return out;
}

RouteExchange::StaleIpv4 RouteExchange::StaleIpv4Keys() const {
  StaleIpv4 out;
  if (stale_count_.load(std::memory_order_acquire) == 0) return out;
  std::vector<std::shared_ptr<StalePeer>> entries;
  {
    std::lock_guard lock(stale_mu_);
    for (const auto& [addr, e] : stale_) entries.push_back(e);
  }
  for (const auto& e : entries) {
    std::lock_guard lock(e->mu);
    if (!e->ipv4.empty()) out.emplace_back(e->info.get(), e->ipv4);
  }
  return out;
}

}  // namespace meshbgp::session
