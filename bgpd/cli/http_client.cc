#include "bgpd/cli/http_client.h"

#include <sys/un.h>

#include <absl/strings/str_cat.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace meshbgp::cli {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using Protocol = net::local::stream_protocol;

// The whole exchange is one chain of async operations on a basic_stream so
// that a single deadline covers connect, write and read.
class Exchange {
 public:
  Exchange(net::io_context& ioc, const std::string& socket_path, http::verb method,
           const std::string& target, std::chrono::milliseconds timeout)
      : stream_(ioc), path_(socket_path), timeout_(timeout) {
    request_.method(method);
    request_.target(target);
    request_.version(11);
    request_.set(http::field::host, "bgpd");
    request_.set(http::field::user_agent, "bgpctl");
    request_.keep_alive(false);
    request_.prepare_payload();
    parser_.body_limit(boost::none);  // a full RIB can be large
  }

  void Run() {
    stream_.expires_after(timeout_);
    stream_.async_connect(Protocol::endpoint(path_), [this](beast::error_code ec) {
      if (ec) return Fail("connect", ec);
      http::async_write(stream_, request_, [this](beast::error_code ec, size_t) {
        if (ec) return Fail("write", ec);
        http::async_read(stream_, buffer_, parser_, [this](beast::error_code ec, size_t) {
          if (ec) return Fail("read", ec);
          reply_ = HttpReply{parser_.get().result_int(), std::move(parser_.get().body())};
        });
      });
    });
  }

  absl::StatusOr<HttpReply> result() const {
    if (!error_.ok()) return error_;
    return reply_;
  }

 private:
  void Fail(const std::string& step, beast::error_code ec) {
    if (ec == beast::error::timeout) {
      error_ = absl::DeadlineExceededError(absl::StrCat(
          "no answer from bgpd on ", path_, " within ",
          std::chrono::duration_cast<std::chrono::seconds>(timeout_).count(), " s"));
    } else if (step == "connect") {
      error_ = absl::UnavailableError(
          absl::StrCat("cannot connect to ", path_, ": ", ec.message(), " — is bgpd running?"));
    } else {
      error_ = absl::UnavailableError(absl::StrCat(step, " on ", path_, " failed: ", ec.message()));
    }
  }

  beast::basic_stream<Protocol> stream_;
  const std::string path_;
  const std::chrono::milliseconds timeout_;
  http::request<http::empty_body> request_;
  beast::flat_buffer buffer_;
  http::response_parser<http::string_body> parser_;
  absl::Status error_;
  HttpReply reply_;
};

}  // namespace

absl::StatusOr<HttpReply> CallDaemon(const std::string& socket_path, http::verb method,
                                     const std::string& target, std::chrono::milliseconds timeout) {
  if (socket_path.size() >= sizeof(sockaddr_un{}.sun_path)) {
    return absl::InvalidArgumentError(absl::StrCat("socket path too long: ", socket_path));
  }
  net::io_context ioc;
  Exchange exchange(ioc, socket_path, method, target, timeout);
  exchange.Run();
  ioc.run();
  return exchange.result();
}

}  // namespace meshbgp::cli
