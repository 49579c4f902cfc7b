#include "bgpd/session/speaker.h"

#include <algorithm>
#include <random>

#include <spdlog/spdlog.h>

#include "bgpd/session/graceful_restart_rules.h"
#include "bgpd/session/settings_from_config.h"
#include "bgpd/session/tcp_security.h"
#include "bgpd/wire/notification.h"
#include "bgpd/wire/update.h"

namespace meshbgp::session {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
constexpr uint32_t kMaxBackoffSeconds = 30;

wire::Notification Cease(uint8_t subcode, std::string_view message = {}) {
  if (!message.empty()) return wire::ShutdownNotification(subcode, message);
  return {static_cast<uint8_t>(wire::ErrorCode::kCease), subcode, {}};
}

std::chrono::milliseconds JitteredSeconds(uint32_t s) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_real_distribution<double> d(0.75, 1.0);
  return std::chrono::milliseconds(static_cast<int64_t>(s * 1000.0 * d(rng)));
}
}  // namespace

Speaker::Speaker(asio::io_context& io, RouteExchange& exchange) : io_(io), exchange_(exchange) {}

Speaker::~Speaker() = default;

std::shared_ptr<Session> Speaker::NewSession(SessionSettings settings, tcp::endpoint remote, bool outbound) {
  auto s = std::make_shared<Session>(io_, *this, std::move(settings), remote, outbound);
  sessions_.push_back(s);
  peer_stats_.Attach(s);
  return s;
}

absl::Status Speaker::Configure(const config::Config& cfg) {
  std::unique_lock lock(mu_);
  const bool first = !configured_;
  const bool identity_changed = !first && (cfg.asn != cfg_.asn || cfg.router_id != cfg_.router_id);
  const bool listen_changed = first || cfg.listen != cfg_.listen;

  if (listen_changed) {
    auto l = std::make_unique<Listener>(io_, [this](tcp::socket s) { OnAccept(std::move(s)); });
    if (listener_) listener_->Close();
    listener_.reset();
    absl::Status st = l->Listen(cfg.listen);
    if (!st.ok()) return st;
    listener_ = std::move(l);
    listener_md5_.Reset();
  }
  listener_md5_.Sync(listener_->native_handles(), ListenerMd5Entries(cfg));
  if (std::any_of(cfg.groups.begin(), cfg.groups.end(), [](const config::Group& g) { return g.ttl_security; })) {
    for (int fd : listener_->native_handles()) {
      absl::Status st = SetListenerTtl255(fd);
      if (st.ok()) st = SetListenerSaveSyn(fd);
      if (!st.ok()) spdlog::warn("GTSM: {}", std::string(st.message()));
    }
  }
  exchange_.SetConfig(cfg);
  cfg_ = cfg;
  configured_ = true;

  // Sessions: keep those whose settings are unchanged.
  for (const auto& s : sessions_) {
    if (s->state() == State::kIdle) continue;
    const auto addr = s->remote().address();
    std::optional<SessionSettings> want;
    if (const config::Neighbor* n = FindNeighbor(cfg_, addr)) {
      want = SettingsForNeighbor(cfg_, *n);
    } else if (const config::Group* g = GroupAllowing(cfg_, addr)) {
      want = SettingsForGroup(cfg_, *g);
    }
    if (!want) {
      s->Stop(Cease(wire::cease::kPeerDeconfigured), "peer removed from the configuration");
    } else if (identity_changed || !(*want == s->settings())) {
      s->Stop(Cease(wire::cease::kOtherConfigurationChange), "configuration changed");
    }
  }

  // Stale paths of peers that are no longer configured in the group they
  // restarted from go now (their session will not come back there).
  for (const auto& st : exchange_.StalePeers()) {
    boost::system::error_code ec;
    const auto addr = asio::ip::make_address(st.address, ec);
    if (ec) continue;
    const config::Neighbor* n = FindNeighbor(cfg_, addr);
    const config::Group* g = n ? nullptr : GroupAllowing(cfg_, addr);
    const std::string group = n ? n->group : g ? g->name : std::string();
    if (group != st.group) exchange_.DropStale(st.address);
  }

  // Static neighbors: drop removed ones, (re)create changed and new ones.
  std::map<std::string, StaticPeer> next;
  for (const config::Neighbor& n : cfg_.neighbors) {
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(n.address, ec);
    if (ec) continue;  // the loader validated addresses
    StaticPeer p;
    p.neighbor = n;
    p.settings = SettingsForNeighbor(cfg_, n);
    p.endpoint = tcp::endpoint(addr, n.port);
    auto old = statics_.find(n.address);
    if (old != statics_.end() && old->second.settings == p.settings && old->second.neighbor == n &&
        !identity_changed) {
      next.emplace(n.address, std::move(old->second));
      statics_.erase(old);
      continue;
    }
    next.emplace(n.address, std::move(p));
  }
  for (auto& [addr, p] : statics_) CancelRetry(p);  // removed or changed
  statics_ = std::move(next);
  for (auto& [addr, p] : statics_) {
    if (p.settings.passive || p.admin_down || p.retry) continue;
    // A live session with the same settings (either direction) serves.
    bool served = false;
    for (const auto& s : sessions_)
      if (s->remote().address() == p.endpoint.address() && s->state() != State::kIdle &&
          s->settings() == p.settings)
        served = true;
    if (!served) StartOutbound(p);
  }
  return absl::OkStatus();
}

void Speaker::StartOutbound(StaticPeer& p) {
  auto s = NewSession(p.settings, p.endpoint, /*outbound=*/true);
  spdlog::info("{} [{}]: connecting to {}:{}", s->Name(), p.settings.group, p.neighbor.address,
               p.neighbor.port);
  s->StartActive();
}

void Speaker::CancelRetry(StaticPeer& p) {
  if (!p.retry) return;
  p.retry->cancel();
  p.retry.reset();
}

void Speaker::ScheduleReconnect(StaticPeer& p) {
  if (!p.retry) p.retry = std::make_unique<asio::steady_timer>(io_);
  const uint32_t wait = p.backoff_seconds;
  p.backoff_seconds = std::min(p.backoff_seconds * 2, kMaxBackoffSeconds);
  p.retry->expires_after(JitteredSeconds(wait));
  if (auto held = admission_.HeldDown(p.endpoint.address(), Admission::Clock::now())) {
    p.retry->expires_after(*held + std::chrono::seconds(1));  // max_prefixes_restart
  }
  const std::string address = p.neighbor.address;
  p.retry->async_wait([this, address](boost::system::error_code ec) {
    if (ec) return;
    std::lock_guard lock(mu_);
    if (shutting_down_) return;
    auto it = statics_.find(address);
    if (it == statics_.end() || it->second.admin_down || it->second.settings.passive) return;
    it->second.retry.reset();
    if (HasLiveSession(it->second.endpoint.address())) return;  // the peer connected to us
    StartOutbound(it->second);
  });
}

void Speaker::OnAccept(tcp::socket socket) {
  boost::system::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (ec) return;
  std::lock_guard lock(mu_);
  if (shutting_down_) return;
  const auto addr = remote.address();
  std::optional<SessionSettings> settings;
  if (const config::Neighbor* n = FindNeighbor(cfg_, addr)) {
    auto it = statics_.find(n->address);
    if (it != statics_.end() && it->second.admin_down) {
      spdlog::info("connection from {} refused: neighbor is administratively down", addr.to_string());
      socket.close(ec);
      return;
    }
    settings = SettingsForNeighbor(cfg_, *n);
  } else if (const config::Group* g = GroupAllowing(cfg_, addr)) {
    if (dynamic_down_.count(addr)) {
      spdlog::info("connection from {} refused: peer is administratively down", addr.to_string());
      socket.close(ec);
      return;
    }
    settings = SettingsForGroup(cfg_, *g);
  }
  if (!settings) {
    // Closed before its OPEN is read: nothing of the peer's is parsed.
    spdlog::warn("connection from {} refused: not a configured neighbor and not in any allow range",
                 addr.to_string());
    socket.close(ec);
    return;
  }
  if (!Admit(addr, *settings)) {
    socket.close(ec);
    return;
  }
  auto s = NewSession(std::move(*settings), remote, /*outbound=*/false);
  spdlog::debug("{} [{}]: accepted connection", s->Name(), s->settings().group);
  s->StartPassive(std::move(socket));
}

bool Speaker::Admit(const asio::ip::address& a, const SessionSettings& settings) {
  const auto now = Admission::Clock::now();
  if (admission_.tracked_sources() > 4096) admission_.Prune(now);
  if (auto left = admission_.HeldDown(a, now)) {
    spdlog::info("connection from {} refused: held down {}s more after exceeding max_prefixes",
                 a.to_string(), std::chrono::duration_cast<std::chrono::seconds>(*left).count() + 1);
    return false;
  }
  const config::Group* g = cfg_.FindGroup(settings.group);
  if (g && settings.dynamic) {
    size_t live = 0;
    for (const auto& o : sessions_)
      if (o->settings().dynamic && o->settings().group == settings.group && o->state() != State::kIdle) ++live;
    if (!UnderSessionLimit(live, g->max_sessions)) {
      spdlog::warn("connection from {} refused: group {} has max_sessions {} sessions", a.to_string(),
                   settings.group, g->max_sessions);
      return false;
    }
  }
  if (g && !admission_.AdmitConnection(a, g->max_connects_per_minute, now)) {
    spdlog::warn("connection from {} refused: over max_connects_per_minute {} of group {}", a.to_string(),
                 g->max_connects_per_minute, settings.group);
    return false;
  }
  return true;
}

std::optional<wire::Notification> Speaker::AdmitOpen(Session& s) {
  std::lock_guard lock(mu_);
  const wire::Notification collision = Cease(wire::cease::kConnectionCollisionResolution);
  for (const auto& o : sessions_) {
    if (o.get() == &s || o->remote().address() != s.remote().address()) continue;
    const State st = o->state();
    if (st == State::kEstablished) {
      // RFC 4271 §6.8: the Established connection stays.
      return collision;
    }
    if (st != State::kOpenConfirm) continue;
    // RFC 4271 §6.8: the connection opened by the speaker with the higher
    // BGP identifier survives.
    const bool local_higher = s.settings().router_id > s.negotiated().peer_router_id;
    const bool keep_outbound = local_higher;
    Session* loser = (s.outbound() == keep_outbound) ? o.get() : &s;
    if (loser == &s) return collision;
    loser->Stop(collision, "connection collision resolution");
  }
  return std::nullopt;
}

void Speaker::OnEstablished(Session& s) {
  {
    std::lock_guard lock(mu_);
    auto it = statics_.find(s.address_text());
    if (it != statics_.end()) it->second.backoff_seconds = 1;
    // Our own connection attempts to this peer are moot now (RFC 4271
    // §6.8: the Established connection stays).
    for (const auto& o : sessions_) {
      if (o.get() == &s || o->remote().address() != s.remote().address()) continue;
      const State st = o->state();
      if (st == State::kConnect || st == State::kActive || st == State::kOpenSent) {
        o->Stop({static_cast<uint8_t>(wire::ErrorCode::kCease),
                 wire::cease::kConnectionCollisionResolution, {}},
                "another connection with this peer is Established");
      }
    }
  }
  exchange_.Join(s.shared_from_this());
}

std::optional<wire::Notification> Speaker::OnUpdate(Session& s, wire::Update& u) {
  if (auto f = wire::EndOfRib(u)) {
    std::lock_guard lock(mu_);
    end_of_rib_[&s] |= 1u << static_cast<unsigned>(*f);
  }
  auto stop = exchange_.Import(s, u);
  if (stop && stop->code == static_cast<uint8_t>(wire::ErrorCode::kCease) &&
      stop->subcode == wire::cease::kMaxPrefixes && s.settings().max_prefixes_restart_s != 0) {
    const uint32_t wait = s.settings().max_prefixes_restart_s;
    spdlog::warn("{}: refused for {}s (max_prefixes_restart)", s.Name(), wait);
    std::lock_guard lock(mu_);
    admission_.HoldDown(s.remote().address(), Admission::Clock::now() + std::chrono::seconds(wait));
  }
  return stop;
}

bool Speaker::InitialTableReceived(const asio::ip::address& a) const {
  std::lock_guard lock(mu_);
  for (const auto& s : sessions_) {
    if (s->remote().address() != a || s->state() != State::kEstablished) continue;
    auto it = end_of_rib_.find(s.get());
    const uint32_t got = it == end_of_rib_.end() ? 0 : it->second;
    bool all = true;
    for (size_t f = 0; f < wire::kFamilyCount; ++f) {
      if (s->negotiated().has(static_cast<wire::Family>(f)) && !(got & (1u << f))) all = false;
    }
    if (all) return true;
  }
  return false;
}

void Speaker::OnRouteRefresh(Session& s, const wire::RouteRefresh& rr) {
  // RFC 2918 §4: a request for an AFI/SAFI not negotiated is ignored.
  const auto family = wire::FamilyOf(rr.afi_safi);
  if (!family || !s.negotiated().has(*family)) {
    spdlog::warn("{}: ignoring route refresh for AFI {} SAFI {}: not negotiated", s.Name(), rr.afi_safi.afi,
                 rr.afi_safi.safi);
    return;
  }
  spdlog::info("{}: route refresh requested for {}", s.Name(), wire::FamilyName(*family));
  exchange_.Refresh(s, *family);
}

void Speaker::OnClosed(Session& s, bool was_established) {
  if (was_established) exchange_.Leave(s);
  peer_stats_.Detach(s, was_established);
  std::lock_guard lock(mu_);
  std::shared_ptr<Session> keep;
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->get() == &s) {
      keep = *it;  // destroyed after the lock is released
      sessions_.erase(it);
      end_of_rib_.erase(&s);
      break;
    }
  }
  if (shutting_down_) return;
  // A static neighbor we connect to gets a new attempt once none is left,
  // whichever side opened the connection that just ended.
  auto it = statics_.find(s.address_text());
  if (it == statics_.end()) return;
  if (!HasLiveSession(s.remote().address())) it->second.down_since = std::chrono::steady_clock::now();
  if (it->second.admin_down || it->second.settings.passive) return;
  if (!(it->second.settings == s.settings())) return;  // replaced by a reload
  if (HasLiveSession(s.remote().address()) || it->second.retry) return;
  ScheduleReconnect(it->second);
}

bool Speaker::HasLiveSession(const asio::ip::address& a) const {
  for (const auto& o : sessions_)
    if (o->remote().address() == a && o->state() != State::kIdle) return true;
  return false;
}

void Speaker::Shutdown(uint8_t subcode, const std::string& message) {
  std::lock_guard lock(mu_);
  shutting_down_ = true;
  if (listener_) listener_->Close();
  for (auto& [addr, p] : statics_) CancelRetry(p);
  for (const auto& s : sessions_) s->Stop(Cease(subcode, message), "shutting down: " + message);
}

size_t Speaker::LiveSessions() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& s : sessions_)
    if (s->state() != State::kIdle) ++n;
  return n;
}

std::vector<std::shared_ptr<Session>> Speaker::Sessions() const {
  std::lock_guard lock(mu_);
  return sessions_;
}

std::vector<SessionSnapshot> Speaker::Snapshots() const {
  // One entry per peer address: while two connections race (RFC 4271 §6.8)
  // the further one stands for the peer.
  std::vector<SessionSnapshot> out;
  for (const auto& s : Sessions()) {
    SessionSnapshot snap = s->Snapshot();
    auto same = std::find_if(out.begin(), out.end(), [&](const SessionSnapshot& o) {
      return o.remote_address == snap.remote_address;
    });
    if (same == out.end()) {
      out.push_back(std::move(snap));
    } else if (snap.state > same->state) {
      *same = std::move(snap);
    }
  }
  // Static neighbors with no session right now still show up.
  std::lock_guard lock(mu_);
  for (const auto& [addr, p] : statics_) {
    bool found = false;
    for (const auto& snap : out) found |= snap.remote_address == addr;
    if (found) continue;
    SessionSnapshot snap;
    snap.remote_address = addr;
    snap.remote_port = p.neighbor.port;
    snap.group = p.settings.group;
    snap.peer_as = p.neighbor.peer_as;
    snap.state = p.settings.passive ? State::kActive : State::kIdle;
    snap.state_since = p.down_since;
    snap.last_error = p.admin_down ? "administratively down" : "";
    out.push_back(std::move(snap));
  }
  return out;
}

absl::Status Speaker::NeighborAction(const std::string& address, const std::string& action) {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(address, ec);
  if (ec) return absl::InvalidArgumentError("'" + address + "' is not an IP address");
  std::lock_guard lock(mu_);
  auto st = statics_.find(addr.to_string());
  std::vector<std::shared_ptr<Session>> matching;
  for (const auto& s : sessions_)
    if (s->remote().address() == addr) matching.push_back(s);
  if (st == statics_.end() && matching.empty() && !dynamic_down_.count(addr))
    return absl::NotFoundError("no neighbor " + address);
  if (action == "clear") {
    for (const auto& s : matching)
      // Hard Reset (RFC 8538): the peer drops our routes as it would have
      // before graceful restart; sent as the plain Cease without the N bit.
      s->Stop(HardReset(Cease(wire::cease::kAdministrativeReset, "cleared by operator")),
              "cleared by operator");
    return absl::OkStatus();
  }
  if (action == "down") {
    if (st != statics_.end()) {
      st->second.admin_down = true;
      CancelRetry(st->second);
    } else {
      dynamic_down_.insert(addr);
    }
    for (const auto& s : matching)
      s->Stop(HardReset(Cease(wire::cease::kAdministrativeShutdown, "neighbor down by operator")),
              "administratively down");
    return absl::OkStatus();
  }
  if (action == "up") {
    if (st == statics_.end()) {
      // A dynamic peer comes back by connecting again.
      if (dynamic_down_.erase(addr) == 0 && !matching.empty())
        return absl::FailedPreconditionError(address + " is not down");
      return absl::OkStatus();
    }
    st->second.admin_down = false;
    bool live = false;
    for (const auto& s : matching) live |= s->state() != State::kIdle;
    if (!live && !st->second.settings.passive) StartOutbound(st->second);
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError("unknown action '" + action + "' (clear, down, up)");
}

}  // namespace meshbgp::session
