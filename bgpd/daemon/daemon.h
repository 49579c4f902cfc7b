// The running daemon: the io_context and its threads, the RIB exchange, the
// BGP speaker and the control API, plus signals (SIGHUP reloads, SIGTERM and
// SIGINT shut down with Cease / Administrative Shutdown).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <boost/asio.hpp>

#include "bgpd/api/http_server.h"
#include "bgpd/config/config.h"
#include "bgpd/daemon/memory_release.h"
#include "bgpd/session/route_exchange.h"
#include "bgpd/session/speaker.h"
#include "k8s/drain.h"
#include "k8s/readiness.h"

namespace meshbgp::daemon {

class Control;
class MeshLink;
class MrtUpdateLog;

// Where the configuration came from, so that a reload reads the same file
// the same way.
struct ConfigSource {
  enum class Format { kNative, kMeshrr };  // -c FILE | --meshrr-config FILE
  std::string path;                        // "" = the embedded default
  Format format = Format::kNative;
};

// Reads and validates `source.path` in its format, with the process
// environment (${VAR}, POD_IP).
absl::StatusOr<config::Config> LoadConfigSource(const ConfigSource& source);

class Daemon {
 public:
  // source.path "" = running on the embedded default.
  Daemon(config::Config cfg, ConfigSource source);
  ~Daemon();

  absl::Status Start();
  // Runs until shut down; returns the process exit code.
  int Run();
  // Re-reads the config file and applies it; the running config stays on
  // error.
  absl::Status Reload();
  void RequestShutdown(const std::string& why);

  config::Config config() const;
  const std::string& config_path() const { return source_.path; }
  std::chrono::steady_clock::time_point started() const { return started_; }
  unsigned threads() const { return threads_; }
  session::Speaker& speaker() { return *speaker_; }
  session::RouteExchange& exchange() { return *exchange_; }
  bool Healthy() const;
  // /readyz: listening, first mesh sync done (or ready_timeout passed),
  // not draining (k8s/readiness.h).
  bool Ready() const;
  MeshLink& mesh() { return *mesh_; }
  const MrtUpdateLog& update_log() const { return *update_log_; }

 private:
  absl::Status ApplyReload();
  void WaitSignals();
  void Heartbeat();
  void FinishShutdown(std::chrono::steady_clock::time_point deadline);

  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer heartbeat_timer_, shutdown_timer_;
  std::atomic<int64_t> last_beat_ms_{0};
  mutable k8s::ReadinessGate readiness_;
  k8s::Drain drain_;
  std::atomic<bool> shutting_down_{false};
  MemoryRelease memory_release_{io_};

  mutable std::mutex cfg_mu_;
  config::Config cfg_;
  const ConfigSource source_;
  const std::chrono::steady_clock::time_point started_;
  unsigned threads_ = 1;

  // Before speaker_: sessions tap it until they are gone.
  std::unique_ptr<MrtUpdateLog> update_log_;
  std::unique_ptr<session::RouteExchange> exchange_;
  std::unique_ptr<session::Speaker> speaker_;
  std::unique_ptr<MeshLink> mesh_;  // after speaker_: destroyed before it
  std::unique_ptr<Control> control_;
  std::unique_ptr<api::HttpServer> http_;
};

}  // namespace meshbgp::daemon
