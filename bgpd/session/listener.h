// TCP listeners for incoming BGP connections ("host:port" entries of
// `listen`). Accepted sockets go to a callback; admission is the owner's.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <boost/asio.hpp>

namespace meshbgp::session {

class Listener {
 public:
  using tcp = boost::asio::ip::tcp;
  using AcceptFn = std::function<void(tcp::socket)>;

  Listener(boost::asio::io_context& io, AcceptFn on_accept);
  ~Listener();

  // Binds every entry. Entries whose address family the host lacks are
  // skipped with a warning as long as one entry binds; any other failure
  // (port in use, no permission for port < 1024) is an error naming it.
  absl::Status Listen(const std::vector<std::string>& entries);
  void Close();
  std::vector<tcp::endpoint> endpoints() const;
  // The listening sockets, for socket options such as TCP MD5 keys.
  std::vector<int> native_handles();

 private:
  void Accept(tcp::acceptor& a);

  boost::asio::io_context& io_;
  AcceptFn on_accept_;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors_;
};

// Parses "0.0.0.0:179", "[::]:179", "10.0.0.1:1179".
absl::StatusOr<boost::asio::ip::tcp::endpoint> ParseListenEntry(const std::string& entry);

}  // namespace meshbgp::session
