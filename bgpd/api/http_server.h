// The control API server: HTTP/1.1 (Boost.Beast) on a unix socket for bgpctl
// (full access, mode 0600) and optionally on a TCP address for probes and
// monitoring (read-only: POST gets 403). Routes and JSON shapes are in
// docs/bgpctl.md. Runs on the daemon's io_context; each connection has its
// own strand, so the backend is called from several threads at once. After
// Stop() connections finish closing asynchronously: keep the backend alive
// until the io_context has run out of work (or is destroyed).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <absl/status/status.h>
#include <boost/asio/io_context.hpp>

#include "bgpd/api/control_backend.h"
#include "bgpd/config/config.h"
#include "bgpd/config/host_port.h"
#include "bgpd/api/http_connection.h"
#include "bgpd/api/unix_socket_file.h"

namespace meshbgp::api {

class ConnectionRegistry;
class Listener;

struct HttpServerOptions {
  std::string unix_socket;                // path; "" = no unix listener
  std::optional<config::HostPort> tcp;    // read-only listener; port 0 = any free port
  ConnectionLimits limits;                // timeout, header/body size (read_only is per listener)
  size_t max_connections = 64;            // over both listeners
};

// api.socket and api.http ("host:port", "" = none) of the configuration.
absl::StatusOr<HttpServerOptions> HttpServerOptionsFrom(const config::ApiConfig& api);

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& ioc, ControlBackend& backend, HttpServerOptions options);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting. Errors name the path or address and the
  // cause (directory not writable, another bgpd on the socket, port in use).
  // On error nothing is left listening.
  absl::Status Start();
  // Stops accepting, closes open connections, removes the socket file (if it
  // is still ours). Idempotent, callable from any thread.
  void Stop();

  // The bound TCP port (useful with port 0); 0 when there is no TCP listener.
  uint16_t tcp_port() const { return tcp_port_; }
  const std::string& unix_socket_path() const { return options_.unix_socket; }

 private:
  absl::Status StartUnix();
  absl::Status StartTcp();

  boost::asio::io_context& ioc_;
  ControlBackend& backend_;
  const HttpServerOptions options_;
  std::shared_ptr<ConnectionRegistry> registry_;
  std::mutex mu_;
  bool started_ = false;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::optional<FileIdentity> socket_identity_;
  uint16_t tcp_port_ = 0;
};

}  // namespace meshbgp::api
