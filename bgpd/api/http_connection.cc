#include "bgpd/api/http_connection.h"

#include <optional>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "bgpd/api/request_router.h"

namespace meshbgp::api {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

// After an error answer the client may still be sending (a huge header);
// closing with unread input would reset the connection and lose the answer,
// so read and discard for a while first.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr size_t kLingerMaxBytes = 1 << 20;

bool IsParseError(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category();
}

template <typename Protocol>
class HttpConnection final : public Closable,
                             public std::enable_shared_from_this<HttpConnection<Protocol>> {
 public:
  using Socket = net::basic_stream_socket<Protocol, net::any_io_executor>;

  HttpConnection(Socket socket, ControlBackend& backend, const ConnectionLimits& limits,
                 std::shared_ptr<ConnectionRegistry> registry)
      : stream_(std::move(socket)), backend_(backend), limits_(limits), registry_(std::move(registry)) {}

  ~HttpConnection() override { registry_->Remove(this); }

  void Start() {
    if (!registry_->Add(this->shared_from_this())) {
      spdlog::warn("api: dropping a connection: server stopping or {} already open", registry_->size());
      beast::error_code ignored;
      stream_.socket().close(ignored);
      return;
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&HttpConnection::ReadRequest, this->shared_from_this()));
  }

  void Close() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->stream_.close(); });
  }

 private:
  void ReadRequest() {
    parser_.emplace();
    parser_->header_limit(limits_.max_header_bytes);
    parser_->body_limit(limits_.max_body_bytes);
    stream_.expires_after(limits_.timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpConnection::OnRead, this->shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream) return Linger();
    if (ec) {
      if (IsParseError(ec)) {
        const unsigned status = ec == http::error::body_limit ? 413 : 400;
        return Respond(ErrorResponse(status, "bad request: " + ec.message()), 11, false, false);
      }
      return stream_.close();  // timeout, reset, closed by Stop()
    }
    const auto& request = parser_->get();
    const bool head = request.method() == http::verb::head;
    Respond(RouteRequest(backend_, request.method(),
                         std::string_view(request.target().data(), request.target().size()),
                         limits_.read_only),
            request.version(), request.keep_alive(), head);
  }

  void Respond(ApiResponse answer, unsigned version, bool keep_alive, bool head) {
    response_.emplace(static_cast<http::status>(answer.status), version);
    response_->set(http::field::server, "meshbgp");
    response_->set(http::field::content_type, answer.content_type);
    if (!answer.allow.empty()) response_->set(http::field::allow, answer.allow);
    if (!answer.content_security_policy.empty())
      response_->set("Content-Security-Policy", answer.content_security_policy);
    response_->keep_alive(keep_alive);
    response_->body() = std::move(answer.body);
    response_->prepare_payload();
    if (head) response_->body().clear();  // Content-Length stays the GET's
    stream_.expires_after(limits_.timeout);
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&HttpConnection::OnWrite, this->shared_from_this(),
                                                keep_alive));
  }

  void OnWrite(bool keep_alive, beast::error_code ec, size_t) {
    response_.reset();
    if (ec) return stream_.close();
    if (keep_alive) return ReadRequest();
    Linger();
  }

  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::socket_base::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(drain_),
                            [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kLingerMaxBytes) return self->stream_.close();
                              self->Drain();
                            });
  }

  beast::basic_stream<Protocol, net::any_io_executor> stream_;
  ControlBackend& backend_;
  const ConnectionLimits limits_;
  const std::shared_ptr<ConnectionRegistry> registry_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  std::array<char, 4096> drain_;
  size_t drained_ = 0;
};

}  // namespace

template <typename Protocol>
void ServeConnection(net::basic_stream_socket<Protocol, net::any_io_executor> socket,
                     ControlBackend& backend, const ConnectionLimits& limits,
                     std::shared_ptr<ConnectionRegistry> registry) {
  std::make_shared<HttpConnection<Protocol>>(std::move(socket), backend, limits, std::move(registry))
      ->Start();
}

template void ServeConnection<net::ip::tcp>(net::basic_stream_socket<net::ip::tcp, net::any_io_executor>,
                                            ControlBackend&, const ConnectionLimits&,
                                            std::shared_ptr<ConnectionRegistry>);
template void ServeConnection<net::local::stream_protocol>(
    net::basic_stream_socket<net::local::stream_protocol, net::any_io_executor>, ControlBackend&,
    const ConnectionLimits&, std::shared_ptr<ConnectionRegistry>);

}  // namespace meshbgp::api
