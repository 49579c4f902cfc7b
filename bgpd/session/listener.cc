#include "bgpd/session/listener.h"

#include <absl/status/statusor.h>
#include <spdlog/spdlog.h>

namespace meshbgp::session {

namespace asio = boost::asio;

absl::StatusOr<asio::ip::tcp::endpoint> ParseListenEntry(const std::string& entry) {
  std::string host, port;
  if (!entry.empty() && entry.front() == '[') {
    auto close = entry.find(']');
    if (close == std::string::npos || close + 1 >= entry.size() || entry[close + 1] != ':')
      return absl::InvalidArgumentError("listen entry '" + entry + "': expected [v6-address]:port");
    host = entry.substr(1, close - 1);
    port = entry.substr(close + 2);
  } else {
    auto colon = entry.rfind(':');
    if (colon == std::string::npos)
      return absl::InvalidArgumentError("listen entry '" + entry + "': expected address:port");
    host = entry.substr(0, colon);
    port = entry.substr(colon + 1);
  }
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(host, ec);
  if (ec) return absl::InvalidArgumentError("listen entry '" + entry + "': bad address '" + host + "'");
  char* end = nullptr;
  long p = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || p < 0 || p > 65535)
    return absl::InvalidArgumentError("listen entry '" + entry + "': bad port '" + port + "'");
  return asio::ip::tcp::endpoint(addr, static_cast<uint16_t>(p));
}

Listener::Listener(asio::io_context& io, AcceptFn on_accept) : io_(io), on_accept_(std::move(on_accept)) {}

Listener::~Listener() { Close(); }

absl::Status Listener::Listen(const std::vector<std::string>& entries) {
  std::vector<std::string> skipped;
  for (const std::string& entry : entries) {
    auto ep = ParseListenEntry(entry);
    if (!ep.ok()) return ep.status();
    auto acc = std::make_unique<tcp::acceptor>(io_);
    boost::system::error_code ec;
    acc->open(ep->protocol(), ec);
    if (ec == asio::error::address_family_not_supported) {
      skipped.push_back(entry);
      continue;
    }
    if (ec) return absl::InternalError("listen " + entry + ": " + ec.message());
    acc->set_option(tcp::acceptor::reuse_address(true), ec);
    // Separate IPv4 and IPv6 sockets so "0.0.0.0:179" and "[::]:179" can
    // both be bound.
    if (ep->address().is_v6()) acc->set_option(asio::ip::v6_only(true), ec);
    acc->bind(*ep, ec);
    if (ec == boost::system::errc::address_not_available && ep->address().is_v6()) {
      skipped.push_back(entry);
      continue;
    }
    if (ec == asio::error::access_denied) {
      return absl::PermissionDeniedError(
          "listen " + entry + ": permission denied: binding a port below 1024 needs root or the "
          "CAP_NET_BIND_SERVICE capability (or use a port >= 1024 in `listen`)");
    }
    if (ec) return absl::UnavailableError("listen " + entry + ": " + ec.message());
    acc->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return absl::UnavailableError("listen " + entry + ": " + ec.message());
    spdlog::info("listening on {}", entry);
    acceptors_.push_back(std::move(acc));
    Accept(*acceptors_.back());
  }
  for (const std::string& s : skipped) {
    spdlog::warn("listen {}: address family not available here, skipped", s);
  }
  if (acceptors_.empty() && !entries.empty())
    return absl::UnavailableError("no listen address could be bound");
  return absl::OkStatus();
}

void Listener::Accept(tcp::acceptor& a) {
  a.async_accept([this, &a](boost::system::error_code ec, tcp::socket s) {
    if (ec == asio::error::operation_aborted || !a.is_open()) return;
    if (!ec) on_accept_(std::move(s));
    else spdlog::warn("accept: {}", ec.message());
    Accept(a);
  });
}

void Listener::Close() {
  for (auto& a : acceptors_) {
    boost::system::error_code ec;
    a->close(ec);
  }
  acceptors_.clear();
}

std::vector<int> Listener::native_handles() {
  std::vector<int> out;
  for (auto& a : acceptors_) out.push_back(a->native_handle());
  return out;
}

std::vector<asio::ip::tcp::endpoint> Listener::endpoints() const {
  std::vector<tcp::endpoint> out;
  for (auto& a : acceptors_) {
    boost::system::error_code ec;
    auto ep = a->local_endpoint(ec);
    if (!ec) out.push_back(ep);
  }
  return out;
}

}  // namespace meshbgp::session
