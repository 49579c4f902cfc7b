#include "bgpd/api/http_listener.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <spdlog/spdlog.h>

namespace meshbgp::api {
namespace {

namespace net = boost::asio;

// After an accept error such as EMFILE, wait before retrying instead of
// spinning on a listening socket that stays readable.
constexpr std::chrono::milliseconds kAcceptRetryDelay{200};

template <typename Acceptor>
class AcceptLoop final : public Listener, public std::enable_shared_from_this<AcceptLoop<Acceptor>> {
 public:
  using Protocol = typename Acceptor::protocol_type;
  using Socket = net::basic_stream_socket<Protocol, net::any_io_executor>;

  AcceptLoop(net::io_context& ioc, Acceptor acceptor, ControlBackend& backend,
             const ConnectionLimits& limits, std::shared_ptr<ConnectionRegistry> registry)
      : ioc_(ioc),
        acceptor_(std::move(acceptor)),
        retry_(acceptor_.get_executor()),
        backend_(backend),
        limits_(limits),
        registry_(std::move(registry)) {}

  void Run() {
    net::dispatch(acceptor_.get_executor(), [self = this->shared_from_this()] { self->Accept(); });
  }

  void Close() override {
    net::post(acceptor_.get_executor(), [self = this->shared_from_this()] {
      boost::system::error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_.cancel();
    });
  }

 private:
  void Accept() {
    if (!acceptor_.is_open()) return;
    acceptor_.async_accept(net::make_strand(ioc_),
                           [self = this->shared_from_this()](boost::system::error_code ec, Socket socket) {
                             self->OnAccept(ec, std::move(socket));
                           });
  }

  void OnAccept(boost::system::error_code ec, Socket socket) {
    if (!acceptor_.is_open() || ec == net::error::operation_aborted) return;
    if (ec) {
      spdlog::warn("api: accept failed: {}", ec.message());
      retry_.expires_after(kAcceptRetryDelay);
      retry_.async_wait([self = this->shared_from_this()](boost::system::error_code) { self->Accept(); });
      return;
    }
    ServeConnection<Protocol>(std::move(socket), backend_, limits_, registry_);
    Accept();
  }

  net::io_context& ioc_;
  Acceptor acceptor_;
  net::steady_timer retry_;
  ControlBackend& backend_;
  const ConnectionLimits limits_;
  const std::shared_ptr<ConnectionRegistry> registry_;
};

}  // namespace

template <typename Acceptor>
std::shared_ptr<Listener> StartListener(net::io_context& ioc, Acceptor acceptor, ControlBackend& backend,
                                        const ConnectionLimits& limits,
                                        std::shared_ptr<ConnectionRegistry> registry) {
  auto loop = std::make_shared<AcceptLoop<Acceptor>>(ioc, std::move(acceptor), backend, limits,
                                                     std::move(registry));
  loop->Run();
  return loop;
}

template std::shared_ptr<Listener> StartListener<net::ip::tcp::acceptor>(
    net::io_context&, net::ip::tcp::acceptor, ControlBackend&, const ConnectionLimits&,
    std::shared_ptr<ConnectionRegistry>);
template std::shared_ptr<Listener> StartListener<net::local::stream_protocol::acceptor>(
    net::io_context&, net::local::stream_protocol::acceptor, ControlBackend&, const ConnectionLimits&,
    std::shared_ptr<ConnectionRegistry>);

}  // namespace meshbgp::api
