#include "bgpd/session/route_exchange.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "bgpd/policy/import_check.h"
#include "bgpd/session/settings_from_config.h"
#include "bgpd/wire/ipv4_nlri.h"

namespace meshbgp::session {

namespace {

wire::Notification MaxPrefixNotification(uint32_t limit) {
  // RFC 4486 §4: AFI, SAFI and the upper bound.
  return {static_cast<uint8_t>(wire::ErrorCode::kCease), wire::cease::kMaxPrefixes,
          {0, 1, 1, static_cast<uint8_t>(limit >> 24), static_cast<uint8_t>(limit >> 16),
           static_cast<uint8_t>(limit >> 8), static_cast<uint8_t>(limit)}};
}
}  // namespace

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
  std::unique_lock lock(mu_);
  rules_ = std::move(rules);
}

std::shared_ptr<const policy::GroupExportRules> RouteExchange::RulesFor(const std::string& group) const {
  std::shared_lock lock(mu_);
  auto it = rules_.find(group);
  return it == rules_.end() ? nullptr : it->second;
}

void RouteExchange::Join(const std::shared_ptr<Session>& s) {
  const Negotiated& n = s->negotiated();
  if (!n.has(wire::Family::kIpv4Unicast)) return;
  std::unique_lock lock(mu_);
  auto rules_it = rules_.find(s->settings().group);
  if (rules_it == rules_.end()) {
    spdlog::error("{}: group {} has no export rules", s->Name(), s->settings().group);
    return;
  }
  // Members of one update group share export rules (same object) and
  // encoding options.
  const std::string key = s->settings().group + "|" +
                          std::to_string(reinterpret_cast<uintptr_t>(rules_it->second.get())) +
                          (n.four_octet_as ? "|as4" : "|as2") + "|" +
                          std::to_string(n.max_message_size);
  auto& group = groups_[key];
  if (!group) {
    group = std::make_unique<rib::UpdateGroup>(
        key, rules_it->second, n.four_octet_as, n.max_message_size, &ipv4_,
        [this](std::function<void()> fn) { boost::asio::post(io_, std::move(fn)); });
  }
  membership_[s.get()] = group.get();
  group->AddMember(s);
}

std::optional<wire::Notification> RouteExchange::Import(Session& s, wire::Update& u) {
  if (!s.negotiated().has(wire::Family::kIpv4Unicast)) {
    if (!u.nlri.empty() || !u.withdrawn.empty())
      spdlog::warn("{}: ignoring IPv4 routes: IPv4 unicast was not negotiated", s.Name());
    return std::nullopt;
  }
  thread_local std::vector<wire::Ipv4Prefix> withdraw, announce, changed;
  withdraw.assign(u.withdrawn.begin(), u.withdrawn.end());
  announce.assign(u.nlri.begin(), u.nlri.end());
  // IPv4 unicast may also arrive in MP_REACH/MP_UNREACH (RFC 4760).
  if (u.mp_unreach && u.mp_unreach->afi_safi == wire::AfiSafiOf(wire::Family::kIpv4Unicast)) {
    wire::DecodeIpv4Nlri(u.mp_unreach->nlri, withdraw);
  }
  if (u.mp_reach && u.mp_reach->afi_safi == wire::AfiSafiOf(wire::Family::kIpv4Unicast)) {
    wire::DecodeIpv4Nlri(u.mp_reach->nlri, announce);
  }
  SessionCounters& c = s.counters();
  c.prefixes_received.fetch_add(announce.size(), std::memory_order_relaxed);
  if (!announce.empty()) {
    std::string why;
    if (u.treat_as_withdraw) {
      why = "malformed attributes (RFC 7606 treat-as-withdraw)";
    } else {
      policy::ImportContext ctx;
      ctx.local_as = s.settings().local_as;
      ctx.router_id = s.settings().router_id;
      ctx.peer_as = s.negotiated().peer_as;
      ctx.ibgp = s.settings().ibgp;
      ctx.cluster_id = s.settings().router_id;
      why = policy::ImportRejection(u.attrs, ctx);
    }
    if (!why.empty()) {
      spdlog::debug("{}: {} prefixes treated as withdrawn: {}", s.Name(), announce.size(), why);
      c.prefixes_rejected.fetch_add(announce.size(), std::memory_order_relaxed);
      withdraw.insert(withdraw.end(), announce.begin(), announce.end());
      announce.clear();
    }
  }
  if (withdraw.empty() && announce.empty()) return std::nullopt;
  rib::AttrRef attrs;
  if (!announce.empty()) attrs = attrs_.Intern(std::move(u.attrs));
  changed.clear();
  const ptrdiff_t delta = ipv4_.Apply(&s.peer(), withdraw, announce, attrs, &changed);
  const int64_t total = c.prefixes_accepted.fetch_add(delta, std::memory_order_relaxed) + delta;
  MarkDirty(changed, s.peer().id);
  const uint32_t limit = s.settings().max_prefixes;
  if (limit != 0 && total > static_cast<int64_t>(limit)) {
    spdlog::warn("{}: {} prefixes exceed max_prefixes {}", s.Name(), total, limit);
    return MaxPrefixNotification(limit);
  }
  return std::nullopt;
}

void RouteExchange::MarkDirty(const std::vector<wire::Ipv4Prefix>& keys, rib::PeerId cause) {
  if (keys.empty()) return;
  std::shared_lock lock(mu_);
  for (auto& [key, group] : groups_) {
    if (!group->empty()) group->MarkDirty(keys, cause);
  }
}

void RouteExchange::Refresh(Session& s) {
  std::shared_lock lock(mu_);
  auto it = membership_.find(&s);
  if (it == membership_.end()) return;
  it->second->RemoveMember(&s);
  it->second->AddMember(s.shared_from_this());
}

void RouteExchange::Leave(Session& s) {
  {
    std::unique_lock lock(mu_);
    auto it = membership_.find(&s);
    if (it != membership_.end()) {
      it->second->RemoveMember(&s);
      membership_.erase(it);
    }
  }
  std::shared_ptr<const rib::PeerInfo> info = s.peer_info();
  if (!info) return;
  std::vector<wire::Ipv4Prefix> changed;
  const size_t removed = ipv4_.RemovePeer(info.get(), &changed);
  s.counters().prefixes_accepted.fetch_sub(static_cast<int64_t>(removed));
  if (removed) spdlog::info("{}: withdrew {} paths", s.Name(), removed);
  MarkDirty(changed, info->id);
  // A flush or dump in progress may hold copied paths that point at `info`:
  // it is freed once every group has finished the work it had started.
  std::shared_lock lock(mu_);
  for (auto& [key, group] : groups_) group->RunAfterWork([info] {});
}

size_t RouteExchange::GroupCount() const {
  std::shared_lock lock(mu_);
  return groups_.size();
}

std::vector<std::pair<std::string, rib::UpdateGroupStats>> RouteExchange::GroupStats() const {
  std::shared_lock lock(mu_);
  std::vector<std::pair<std::string, rib::UpdateGroupStats>> out;
  for (const auto& [key, g] : groups_) out.emplace_back(key, g->stats());
  return out;
}

}  // namespace meshbgp::session
