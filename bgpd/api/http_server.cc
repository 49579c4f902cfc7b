#include "bgpd/api/http_server.h"

#include <sys/stat.h>

#include <absl/strings/str_cat.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/strand.hpp>
#include <spdlog/spdlog.h>

#include "bgpd/api/connection_registry.h"
#include "bgpd/api/http_listener.h"

namespace meshbgp::api {
namespace {

namespace net = boost::asio;

absl::Status SocketError(const std::string& what, const std::string& where, const boost::system::error_code& ec) {
  return absl::UnavailableError(absl::StrCat("cannot ", what, " ", where, ": ", ec.message()));
}

boost::asio::ip::tcp::endpoint ToEndpoint(const config::HostPort& host_port) {
  const auto& bytes = host_port.address.bytes;
  if (host_port.address.v6) {
    return {net::ip::address_v6(bytes), host_port.port};
  }
  return {net::ip::address_v4(net::ip::address_v4::bytes_type{bytes[0], bytes[1], bytes[2], bytes[3]}),
          host_port.port};
}

}  // namespace

absl::StatusOr<HttpServerOptions> HttpServerOptionsFrom(const config::ApiConfig& api) {
  HttpServerOptions options;
  options.unix_socket = api.socket;
  if (!api.http.empty()) {
    auto host_port = config::ParseHostPort(api.http);
    if (!host_port.ok()) return host_port.status();
    options.tcp = *host_port;
  }
  return options;
}

HttpServer::HttpServer(net::io_context& ioc, ControlBackend& backend, HttpServerOptions options)
    : ioc_(ioc),
      backend_(backend),
      options_(std::move(options)),
      registry_(std::make_shared<ConnectionRegistry>(options_.max_connections)) {}

HttpServer::~HttpServer() { Stop(); }

absl::Status HttpServer::Start() {
  std::lock_guard lock(mu_);
  if (started_) return absl::FailedPreconditionError("API server already started");
  started_ = true;
  absl::Status status = options_.unix_socket.empty() ? absl::OkStatus() : StartUnix();
  if (status.ok() && options_.tcp) status = StartTcp();
  if (!status.ok()) {
    for (auto& listener : listeners_) listener->Close();
    listeners_.clear();
    if (socket_identity_) UnlinkIfSame(options_.unix_socket, *socket_identity_);
    socket_identity_.reset();
    started_ = false;
    return status;
  }
  std::string tcp_text;
  if (options_.tcp) {
    config::HostPort bound = *options_.tcp;
    bound.port = tcp_port_;
    tcp_text = " and " + config::HostPortToString(bound) + " (read-only)";
  }
  spdlog::info("api: listening on {}{}", options_.unix_socket, tcp_text);
  return absl::OkStatus();
}

absl::Status HttpServer::StartUnix() {
  const std::string& path = options_.unix_socket;
  if (auto status = PrepareSocketDirectory(path); !status.ok()) return status;
  if (auto status = RemoveStaleSocket(path); !status.ok()) return status;

  net::local::stream_protocol::acceptor acceptor(net::make_strand(ioc_));
  boost::system::error_code ec;
  acceptor.open(net::local::stream_protocol(), ec);
  if (ec) return SocketError("open API socket", path, ec);
  acceptor.bind(net::local::stream_protocol::endpoint(path), ec);
  if (ec) return SocketError("bind API socket", path, ec);
  socket_identity_ = IdentityOf(path);
  // Before listen(): until then a connect is refused, so nobody gets in
  // through the umask's wider mode.
  if (chmod(path.c_str(), 0600) != 0) {
    return SocketError("chmod API socket", path, boost::system::error_code(errno, boost::system::system_category()));
  }
  acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return SocketError("listen on API socket", path, ec);

  ConnectionLimits limits = options_.limits;
  limits.read_only = false;
  listeners_.push_back(StartListener(ioc_, std::move(acceptor), backend_, limits, registry_));
  return absl::OkStatus();
}

absl::Status HttpServer::StartTcp() {
  const auto endpoint = ToEndpoint(*options_.tcp);
  const std::string where = config::HostPortToString(*options_.tcp);

  net::ip::tcp::acceptor acceptor(net::make_strand(ioc_));
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return SocketError("open API address", where, ec);
  acceptor.set_option(net::socket_base::reuse_address(true), ec);
  acceptor.bind(endpoint, ec);
  if (ec) return SocketError("bind API address", where, ec);
  acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return SocketError("listen on API address", where, ec);
  tcp_port_ = acceptor.local_endpoint(ec).port();

  ConnectionLimits limits = options_.limits;
  limits.read_only = true;
  listeners_.push_back(StartListener(ioc_, std::move(acceptor), backend_, limits, registry_));
  return absl::OkStatus();
}

void HttpServer::Stop() {
  std::lock_guard lock(mu_);
  for (auto& listener : listeners_) listener->Close();
  listeners_.clear();
  registry_->CloseAll();
  if (socket_identity_) UnlinkIfSame(options_.unix_socket, *socket_identity_);
  socket_identity_.reset();
}

}  // namespace meshbgp::api
