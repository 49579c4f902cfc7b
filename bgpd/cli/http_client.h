// bgpctl's side of the control API: one HTTP/1.1 request over the daemon's
// unix socket, with a deadline, and errors phrased for an operator.
#pragma once

#include <chrono>
#include <string>

#include <absl/status/statusor.h>
#include <boost/beast/http/verb.hpp>

namespace meshbgp::cli {

struct HttpReply {
  unsigned status = 0;
  std::string body;
};

// Unavailable when nothing listens on `socket_path` ("cannot connect to
// PATH: No such file or directory — is bgpd running?"), DeadlineExceeded
// when the whole exchange takes longer than `timeout`.
absl::StatusOr<HttpReply> CallDaemon(const std::string& socket_path, boost::beast::http::verb method,
                                     const std::string& target, std::chrono::milliseconds timeout);

}  // namespace meshbgp::cli
