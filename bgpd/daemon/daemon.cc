#include "bgpd/daemon/daemon.h"

#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "bgpd/config/meshrr_config.h"
#include "bgpd/daemon/control.h"
#include "bgpd/daemon/logging.h"
#include "bgpd/daemon/mesh_link.h"
#include "bgpd/daemon/mrt_update_log.h"
#include "k8s/pod_identity.h"
#include "bgpd/wire/types.h"

namespace meshbgp::daemon {

namespace asio = boost::asio;

namespace {
constexpr auto kHeartbeat = std::chrono::seconds(1);
constexpr auto kUnhealthyAfter = std::chrono::seconds(10);
constexpr auto kShutdownGrace = std::chrono::seconds(3);

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Daemon::Daemon(config::Config cfg, ConfigSource source)
    : signals_(io_, SIGHUP, SIGTERM, SIGINT),
      heartbeat_timer_(io_),
      shutdown_timer_(io_),
      readiness_(std::chrono::steady_clock::now(), cfg.ready_timeout),
      drain_(io_.get_executor()),
      cfg_(std::move(cfg)),
      source_(std::move(source)),
      started_(std::chrono::steady_clock::now()) {
  threads_ = cfg_.threads ? cfg_.threads : std::max(1u, std::thread::hardware_concurrency());
  exchange_ = std::make_unique<session::RouteExchange>(io_);
  speaker_ = std::make_unique<session::Speaker>(io_, *exchange_);
  update_log_ = std::make_unique<MrtUpdateLog>();
  speaker_->SetTap(update_log_.get());
  mesh_ = std::make_unique<MeshLink>(io_, *speaker_);
  control_ = std::make_unique<Control>(*this);
}

Daemon::~Daemon() = default;

absl::StatusOr<config::Config> LoadConfigSource(const ConfigSource& source) {
  if (source.format == ConfigSource::Format::kMeshrr) {
    return config::LoadMeshrrConfigFile(source.path);
  }
  return config::LoadConfigFile(source.path);
}

config::Config Daemon::config() const {
  std::lock_guard l(cfg_mu_);
  return cfg_;
}

absl::Status Daemon::Start() {
  const config::Config cfg = config();
  spdlog::info("meshbgp {} starting: AS {}, router id {}, config {}, {} threads", PROJECT_VERSION,
               config::AsnToString(cfg.asn), wire::Ipv4ToString(cfg.router_id),
               source_.path.empty() ? "<embedded default>" : source_.path, threads_);
  if (const k8s::PodIdentity pod = k8s::PodIdentityFromEnv(); !pod.empty()) {
    spdlog::info("pod {}", pod.Describe());
  }
  if (!cfg.api.socket.empty() || !cfg.api.http.empty()) {
    auto opts = api::HttpServerOptionsFrom(cfg.api);
    if (!opts.ok()) return opts.status();
    http_ = std::make_unique<api::HttpServer>(io_, *control_, *opts);
    absl::Status st = http_->Start();
    if (!st.ok()) return st;
    if (!cfg.api.socket.empty()) spdlog::info("control socket {}", cfg.api.socket);
    if (!cfg.api.http.empty()) spdlog::info("HTTP endpoint {} (read-only)", cfg.api.http);
  }
  update_log_->Configure(cfg.mrt.updates);
  absl::Status st = mesh_->Configure(cfg);
  if (!st.ok()) return st;
  readiness_.SetListening();
  WaitSignals();
  Heartbeat();
  memory_release_.Start();
  return absl::OkStatus();
}

int Daemon::Run() {
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads_; ++i) pool.emplace_back([this] { io_.run(); });
  io_.run();
  for (auto& t : pool) t.join();
  spdlog::info("meshbgp stopped");
  return 0;
}

void Daemon::WaitSignals() {
  signals_.async_wait([this](boost::system::error_code ec, int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      Reload().IgnoreError();  // Reload logs the outcome
      WaitSignals();
      return;
    }
    RequestShutdown(sig == SIGTERM ? "SIGTERM" : "SIGINT");
  });
}

void Daemon::Heartbeat() {
  last_beat_ms_ = NowMs();
  heartbeat_timer_.expires_after(kHeartbeat);
  heartbeat_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) Heartbeat();
  });
}

bool Daemon::Ready() const {
  return readiness_.Evaluate(std::chrono::steady_clock::now(), [this] { return mesh_->Synced(); }) ==
         k8s::Readiness::kReady;
}

bool Daemon::Healthy() const {
  // Alive while draining too: a liveness failure would only restart us.
  return NowMs() - last_beat_ms_.load() <
             std::chrono::duration_cast<std::chrono::milliseconds>(kUnhealthyAfter).count();
}

absl::Status Daemon::Reload() {
  absl::Status st = ApplyReload();
  if (!st.ok()) {
    spdlog::error("reload refused, running configuration kept: {}", std::string(st.message()));
  }
  return st;
}

absl::Status Daemon::ApplyReload() {
  if (source_.path.empty()) {
    return absl::FailedPreconditionError("running on the embedded default: there is no file to reload");
  }
  auto next = LoadConfigSource(source_);
  if (!next.ok()) return next.status();
  const config::Config old = config();
  if (next->api != old.api) {
    spdlog::warn("reload: api settings changed; they take effect at the next restart");
    next->api = old.api;
  }
  if (next->threads != old.threads) {
    spdlog::warn("reload: threads changed; it takes effect at the next restart");
  }
  if (next->log != old.log) {
    absl::Status st = SetupLogging(next->log.level, next->log.format);
    if (!st.ok()) return st;
  }
  absl::Status st = mesh_->Configure(*next);
  if (!st.ok()) return st;
  update_log_->Configure(next->mrt.updates);
  {
    std::lock_guard l(cfg_mu_);
    cfg_ = *std::move(next);
  }
  spdlog::info("configuration reloaded from {}", source_.path);
  return absl::OkStatus();
}

void Daemon::RequestShutdown(const std::string& why) {
  if (shutting_down_.exchange(true)) {
    drain_.Cut();  // a second signal: no more waiting
    WaitSignals();
    return;
  }
  // /readyz fails first, so the Service and MetalLB stop sending clients
  // while every session still serves.
  readiness_.StartDraining();
  const auto drain = std::chrono::seconds(config().drain_seconds);
  if (drain.count() > 0) {
    spdlog::info("{}: draining for {} s (/readyz fails; sessions stay up; a second signal cuts it short)",
                 why, drain.count());
  }
  WaitSignals();
  drain_.Begin(drain, [this, why] {
    spdlog::info("{}: shutting down, closing every session (Cease / Administrative Shutdown)", why);
    mesh_->Stop();
    speaker_->Shutdown(wire::cease::kAdministrativeShutdown, "meshbgp shutting down");
    FinishShutdown(std::chrono::steady_clock::now() + kShutdownGrace);
  });
}

void Daemon::FinishShutdown(std::chrono::steady_clock::time_point deadline) {
  if (speaker_->LiveSessions() > 0 && std::chrono::steady_clock::now() < deadline) {
    shutdown_timer_.expires_after(std::chrono::milliseconds(50));
    shutdown_timer_.async_wait([this, deadline](boost::system::error_code ec) {
      if (!ec) FinishShutdown(deadline);
    });
    return;
  }
  if (http_) http_->Stop();
  signals_.cancel();
  heartbeat_timer_.cancel();
  memory_release_.Stop();
  io_.stop();
}

}  // namespace meshbgp::daemon
