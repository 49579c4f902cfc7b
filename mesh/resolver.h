// Asynchronous A + AAAA resolution on c-ares, driven by a Boost.Asio
// executor: c-ares' sockets are watched with posix::stream_descriptor waits
// and its retransmission timeouts with a steady_timer, so nothing ever
// blocks an io_context thread. resolv.conf applies (search domains, ndots,
// servers) unless `servers` overrides the servers (tests point it at a
// dnsmasq on 127.0.0.1:PORT). Outcomes are values, never exceptions.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <absl/status/statusor.h>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "mesh/peer_set.h"

typedef struct ares_channeldata* ares_channel;
struct ares_addrinfo;

namespace meshbgp::mesh {

enum class ResolveErrorKind {
  kNxDomain,       // the name does not exist
  kNoData,         // the name exists but has no A/AAAA record
  kTimeout,        // no answer in time (includes unreachable servers)
  kServerFailure,  // SERVFAIL, REFUSED, malformed answers
  kCancelled,      // Cancel() or shutdown
  kOther,          // bad name, out of memory, ...
};
std::string_view ToString(ResolveErrorKind kind);

// kNxDomain and kNoData are answers ("nobody is there"); everything else is
// a failure to learn anything, which must never cost us peers.
inline bool IsDefinitive(ResolveErrorKind k) {
  return k == ResolveErrorKind::kNxDomain || k == ResolveErrorKind::kNoData;
}

struct ResolveError {
  ResolveErrorKind kind = ResolveErrorKind::kOther;
  std::string message;  // c-ares' description, for logs and `show mesh`
};

struct Resolution {
  std::vector<Address> addresses;  // sorted, unique, never empty
  std::chrono::seconds min_ttl{0};
};

using ResolveResult = std::variant<Resolution, ResolveError>;

struct ResolverOptions {
  // "IP:PORT[,IP:PORT...]" (IPv6 as "[::1]:53"); empty = resolv.conf.
  std::string servers;
  // Search domains instead of resolv.conf's (unset = resolv.conf's).
  std::optional<std::vector<std::string>> search;
  std::chrono::milliseconds timeout{2000};  // first try; c-ares doubles it
  int tries = 3;                            // per server
};

class Resolver : public std::enable_shared_from_this<Resolver> {
 public:
  using Callback = std::function<void(ResolveResult)>;

  static absl::StatusOr<std::shared_ptr<Resolver>> Create(
      boost::asio::any_io_executor executor, ResolverOptions options = {});
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Resolves `name` (A and AAAA). Callable from any thread; `done` runs
  // exactly once, on the resolver's strand.
  void Resolve(std::string name, Callback done);
  // Ends every pending query; their callbacks get kCancelled.
  void Cancel();

 private:
  struct Socket;
  struct Query;

  explicit Resolver(boost::asio::any_io_executor executor);
  static void OnSocketState(void* self, int fd, int readable, int writable);
  static void OnAddrInfo(void* arg, int status, int timeouts, ::ares_addrinfo* res);
  void Watch(const std::shared_ptr<Socket>& s);
  void ArmTimer();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::steady_timer timer_;
  ares_channel channel_ = nullptr;
  std::unordered_map<int, std::shared_ptr<Socket>> sockets_;
};

}  // namespace meshbgp::mesh
