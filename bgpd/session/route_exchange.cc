#include "bgpd/session/route_exchange.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "bgpd/policy/update_import.h"
#include "bgpd/session/graceful_restart_rules.h"
#include "bgpd/session/settings_from_config.h"
#include "evpn/route_key.h"

namespace meshbgp::session {

namespace {

wire::Notification MaxPrefixNotification(wire::Family family, uint32_t limit) {
  // RFC 4486 §4: AFI, SAFI and the upper bound, of the family that overflowed.
  const wire::AfiSafi as = wire::AfiSafiOf(family);
  return {static_cast<uint8_t>(wire::ErrorCode::kCease), wire::cease::kMaxPrefixes,
          {static_cast<uint8_t>(as.afi >> 8), static_cast<uint8_t>(as.afi), as.safi,
           static_cast<uint8_t>(limit >> 24), static_cast<uint8_t>(limit >> 16),
           static_cast<uint8_t>(limit >> 8), static_cast<uint8_t>(limit)}};
}

}  // namespace

bool CountAccepted(SessionCounters& c, wire::Family family, ptrdiff_t delta, uint32_t limit) {
  c.prefixes_accepted.fetch_add(delta, std::memory_order_relaxed);
  const int64_t total =
      c.family[static_cast<size_t>(family)].accepted.fetch_add(delta, std::memory_order_relaxed) + delta;
  return limit != 0 && total > static_cast<int64_t>(limit);
}

RouteExchange::RouteExchange(boost::asio::io_context& io) : io_(io) {}

RouteExchange::~RouteExchange() = default;

void RouteExchange::SetConfig(const config::Config& cfg) {
  std::map<std::string, std::shared_ptr<const policy::GroupExportRules>> rules;
  for (const config::Group& g : cfg.groups) {
    policy::ExportSettings s;
    s.local_as = cfg.asn;
    s.ibgp = g.type == config::GroupType::kInternal;
    s.route_server = g.route_server;
    s.route_reflector = g.route_reflector;
    s.cluster_id = ClusterIdOf(cfg, g);
    auto it = rules_.find(g.name);
    // Keep the old object when nothing changed: its update groups stay.
    if (it != rules_.end() && it->second->settings() == s) {
      rules[g.name] = it->second;
    } else {
      rules[g.name] = std::make_shared<policy::GroupExportRules>(s);
    }
  }
  {
    std::unique_lock lock(mu_);
    rules_ = std::move(rules);
  }
  StartRestartWindow(cfg);
}

std::shared_ptr<const policy::GroupExportRules> RouteExchange::RulesFor(const std::string& group) const {
  std::shared_lock lock(mu_);
  auto it = rules_.find(group);
  return it == rules_.end() ? nullptr : it->second;
}

// Members of one update group share export rules (same object), encoding
// options and family.
void RouteExchange::Join(const std::shared_ptr<Session>& s) {
  ResumeStale(s);
  if (HoldDuringRestart(s)) return;
  JoinGroups(s);
}

void RouteExchange::JoinGroups(const std::shared_ptr<Session>& s) {
  const Negotiated& n = s->negotiated();
  const bool v4 = n.has(wire::Family::kIpv4Unicast), ev = n.has(wire::Family::kEvpn);
  if (!v4 && !ev) return;
  std::unique_lock lock(mu_);
  auto rules_it = rules_.find(s->settings().group);
  if (rules_it == rules_.end()) {
    spdlog::error("{}: group {} has no export rules", s->Name(), s->settings().group);
    return;
  }
  const std::string key = s->settings().group + "|" +
                          std::to_string(reinterpret_cast<uintptr_t>(rules_it->second.get())) +
                          (n.four_octet_as ? "|as4" : "|as2") + "|" +
                          std::to_string(n.max_message_size);
  if (v4) JoinGroup(ipv4_groups_, ipv4_, s, key, rules_it->second);
  if (ev) JoinGroup(evpn_groups_, evpn_, s, key + "|evpn", rules_it->second);
}

template <typename Family>
void RouteExchange::JoinGroup(Groups<Family>& groups,
                              const rib::LocRib<typename Family::Key, typename Family::PathT>& rib,
                              const std::shared_ptr<Session>& s, const std::string& key,
                              std::shared_ptr<const policy::GroupExportRules> rules) {
  const Negotiated& n = s->negotiated();
  auto& group = groups.by_key[key];
  if (!group) {
    group = std::make_unique<rib::UpdateGroupT<Family>>(
        key, std::move(rules), n.four_octet_as, n.max_message_size, &rib,
        [this](std::function<void()> fn) { boost::asio::post(io_, std::move(fn)); });
  }
  groups.membership[s.get()] = group.get();
  group->AddMember(s);
}

std::optional<wire::Notification> RouteExchange::Import(Session& s, wire::Update& u) {
  if (const std::optional<wire::Family> eor = wire::EndOfRib(u)) {
    OnEndOfRib(s, *eor);
    return std::nullopt;
  }
  policy::ImportSession session;
  session.ipv4 = s.negotiated().has(wire::Family::kIpv4Unicast);
  session.evpn = s.negotiated().has(wire::Family::kEvpn);
  session.ctx.local_as = s.settings().local_as;
  session.ctx.router_id = s.settings().router_id;
  session.ctx.peer_as = s.negotiated().peer_as;
  session.ctx.ibgp = s.settings().ibgp;
  session.ctx.cluster_id = s.settings().router_id;
  thread_local policy::ImportedRoutes r;  // reused across UPDATEs of a thread
  policy::ReadUpdate(u, session, r);
  if (r.ipv4_not_negotiated)
    spdlog::warn("{}: ignoring IPv4 routes: IPv4 unicast was not negotiated", s.Name());
  if (r.evpn_not_negotiated)
    spdlog::warn("{}: ignoring EVPN routes: L2VPN EVPN was not negotiated", s.Name());
  if (r.evpn_unreadable) spdlog::warn("{}: EVPN routes not readable", s.Name());
  if (!r.evpn_malformed.empty()) spdlog::debug("{}: malformed EVPN route: {}", s.Name(), r.evpn_malformed);

  SessionCounters& c = s.counters();
  const size_t announced = r.ipv4_received + r.evpn_received;
  c.prefixes_received.fetch_add(announced, std::memory_order_relaxed);
  const auto kV4 = static_cast<size_t>(wire::Family::kIpv4Unicast), kEv = static_cast<size_t>(wire::Family::kEvpn);
  c.family[kV4].received.fetch_add(r.ipv4_received, std::memory_order_relaxed);
  c.family[kEv].received.fetch_add(r.evpn_received, std::memory_order_relaxed);
  if (!r.rejected.empty()) {
    spdlog::debug("{}: {} prefixes treated as withdrawn: {}", s.Name(), announced, r.rejected);
    c.prefixes_rejected.fetch_add(announced, std::memory_order_relaxed);
    c.family[kV4].rejected.fetch_add(r.ipv4_received, std::memory_order_relaxed);
    c.family[kEv].rejected.fetch_add(r.evpn_received, std::memory_order_relaxed);
  }
  if (r.empty()) return std::nullopt;
  // A peer back from a graceful restart: what it sends is no longer stale.
  std::shared_ptr<StalePeer> stale;
  std::unique_lock<std::mutex> stale_lock;
  if (stale_count_.load(std::memory_order_acquire) != 0 && (stale = StaleOf(s))) {
    stale_lock = std::unique_lock<std::mutex>(stale->mu);
    StalePeer::Forget<wire::Ipv4Prefix>(stale->ipv4, r.withdraw);
    StalePeer::Forget<wire::Ipv4Prefix>(stale->ipv4, r.announce);
    StalePeer::Forget<evpn::EvpnKey>(stale->evpn, r.evpn_withdraw);
    StalePeer::Forget<evpn::EvpnKey>(stale->evpn, r.evpn_announce);
  }
  rib::AttrRef attrs;
  if (!r.announce.empty() || !r.evpn_announce.empty()) attrs = attrs_.Intern(std::move(u.attrs));
  const uint32_t limit = s.settings().max_prefixes;
  std::optional<wire::Family> over;
  thread_local std::vector<wire::Ipv4Prefix> changed;
  thread_local std::vector<evpn::EvpnKey> evpn_changed;
  if (!r.withdraw.empty() || !r.announce.empty()) {
    changed.clear();
    const ptrdiff_t delta = ipv4_.Apply(&s.peer(), r.withdraw, r.announce, attrs, &changed);
    MarkDirty(ipv4_groups_, changed, s.peer().id);
    if (CountAccepted(c, wire::Family::kIpv4Unicast, delta, limit)) over = wire::Family::kIpv4Unicast;
  }
  if (!r.evpn_withdraw.empty() || !r.evpn_announce.empty()) {
    evpn_changed.clear();
    const ptrdiff_t delta =
        evpn_.Apply(&s.peer(), r.evpn_withdraw, r.evpn_announce, attrs, &evpn_changed, r.evpn_nlri);
    MarkDirty(evpn_groups_, evpn_changed, s.peer().id);
    if (CountAccepted(c, wire::Family::kEvpn, delta, limit)) over = wire::Family::kEvpn;
  }
  if (over) {
    spdlog::warn("{}: {} {} prefixes exceed max_prefixes {}", s.Name(),
                 c.family[static_cast<size_t>(*over)].accepted.load(), wire::FamilyName(*over), limit);
    return MaxPrefixNotification(*over, limit);
  }
  return std::nullopt;
}

template <typename Family>
void RouteExchange::MarkDirty(Groups<Family>& groups, const std::vector<typename Family::Key>& keys,
                              rib::PeerId cause) {
  if (keys.empty()) return;
  std::shared_lock lock(mu_);
  for (auto& [key, group] : groups.by_key) {
    if (!group->empty()) group->MarkDirty(keys, cause);
  }
}

void RouteExchange::Refresh(Session& s, wire::Family family) {
  std::shared_lock lock(mu_);
  auto redo = [&](auto& groups) {
    auto it = groups.membership.find(&s);
    if (it == groups.membership.end()) return;
    it->second->RemoveMember(&s);
    it->second->AddMember(s.shared_from_this());
  };
  switch (family) {
    case wire::Family::kIpv4Unicast: redo(ipv4_groups_); break;
    case wire::Family::kEvpn: redo(evpn_groups_); break;
  }
}

template <typename Family>
void RouteExchange::LeaveGroup(Groups<Family>& groups, Session& s) {
  auto it = groups.membership.find(&s);
  if (it == groups.membership.end()) return;
  it->second->RemoveMember(&s);
  groups.membership.erase(it);
}

void RouteExchange::Leave(Session& s) {
  {
    std::unique_lock lock(mu_);
    LeaveGroup(ipv4_groups_, s);
    LeaveGroup(evpn_groups_, s);
  }
  bool complete = false;
  {
    std::lock_guard lock(deferral_mu_);
    if (deferral_.open()) {
      deferral_.Forget(&s);
      // It may have been the last one whose End-of-RIB was awaited.
      complete = deferral_.Complete();
    }
  }
  if (complete) CloseRestartWindow("every remaining peer sent End-of-RIB");
  std::shared_ptr<const rib::PeerInfo> info = s.peer_info();
  if (!info) return;
  if (RetainStale(s, info)) return;
  const size_t removed = RemoveAllPaths(info, &s.counters());
  if (removed) spdlog::info("{}: withdrew {} paths", s.Name(), removed);
}

size_t RouteExchange::RemoveAllPaths(const std::shared_ptr<const rib::PeerInfo>& info,
                                     SessionCounters* counters) {
  std::vector<wire::Ipv4Prefix> changed;
  std::vector<evpn::EvpnKey> evpn_changed;
  const size_t removed_v4 = ipv4_.RemovePeer(info.get(), &changed);
  const size_t removed_ev = evpn_.RemovePeer(info.get(), &evpn_changed);
  const size_t removed = removed_v4 + removed_ev;
  if (counters) {
    CountAccepted(*counters, wire::Family::kIpv4Unicast, -static_cast<ptrdiff_t>(removed_v4), 0);
    CountAccepted(*counters, wire::Family::kEvpn, -static_cast<ptrdiff_t>(removed_ev), 0);
  }
  MarkDirty(ipv4_groups_, changed, info->id);
  MarkDirty(evpn_groups_, evpn_changed, info->id);
  ReleaseAfterWork(info);
  return removed;
}

void RouteExchange::ReleaseAfterWork(std::shared_ptr<const rib::PeerInfo> info) {
  // A flush or dump in progress may hold copied paths that point at `info`:
  // it is freed once every group has finished the work it had started.
  std::shared_lock lock(mu_);
  for (auto& [key, group] : ipv4_groups_.by_key) group->RunAfterWork([info] {});
  for (auto& [key, group] : evpn_groups_.by_key) group->RunAfterWork([info] {});
}

size_t RouteExchange::GroupCount() const {
  std::shared_lock lock(mu_);
  return ipv4_groups_.by_key.size() + evpn_groups_.by_key.size();
}

std::vector<std::pair<std::string, rib::UpdateGroupStats>> RouteExchange::GroupStats() const {
  std::shared_lock lock(mu_);
  std::vector<std::pair<std::string, rib::UpdateGroupStats>> out;
  for (const auto& [key, g] : ipv4_groups_.by_key) out.emplace_back(key, g->stats());
  for (const auto& [key, g] : evpn_groups_.by_key) out.emplace_back(key, g->stats());
  return out;
}

}  // namespace meshbgp::session
