#include "mesh/resolver.h"

#include <ares.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <mutex>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>

namespace meshbgp::mesh {
namespace {

ResolveErrorKind KindOf(int status) {
  switch (status) {
    case ARES_ENOTFOUND:
      return ResolveErrorKind::kNxDomain;
    case ARES_ENODATA:
      return ResolveErrorKind::kNoData;
    case ARES_ETIMEOUT:
    case ARES_ECONNREFUSED:  // ICMP unreachable: nobody answers there
      return ResolveErrorKind::kTimeout;
    case ARES_ESERVFAIL:
    case ARES_EREFUSED:
    case ARES_EFORMERR:
    case ARES_EBADRESP:
    case ARES_ENOTIMP:
      return ResolveErrorKind::kServerFailure;
    case ARES_ECANCELLED:
    case ARES_EDESTRUCTION:
      return ResolveErrorKind::kCancelled;
    default:
      return ResolveErrorKind::kOther;
  }
}

}  // namespace

std::string_view ToString(ResolveErrorKind kind) {
  switch (kind) {
    case ResolveErrorKind::kNxDomain: return "NXDOMAIN";
    case ResolveErrorKind::kNoData: return "no data";
    case ResolveErrorKind::kTimeout: return "timeout";
    case ResolveErrorKind::kServerFailure: return "server failure";
    case ResolveErrorKind::kCancelled: return "cancelled";
    case ResolveErrorKind::kOther: return "error";
  }
  return "error";
}

// One c-ares socket. The descriptor never owns the fd (c-ares closes it);
// `closed` tells waits still in flight that the fd number may already be
// reused by another socket.
struct Resolver::Socket {
  Socket(boost::asio::strand<boost::asio::any_io_executor>& strand, int fd)
      : fd(fd), desc(strand, fd) {}
  int fd;
  boost::asio::posix::stream_descriptor desc;
  bool want_read = false, want_write = false;
  bool reading = false, writing = false;
  bool closed = false;
};

// Heap state of one query, owned by c-ares until its callback runs (c-ares
// always calls it: answer, error, ares_cancel or ares_destroy).
struct Resolver::Query {
  std::shared_ptr<Resolver> self;  // alive until c-ares is done with us
  Callback done;
};

Resolver::Resolver(boost::asio::any_io_executor executor)
    : strand_(boost::asio::make_strand(executor)), timer_(strand_) {}

absl::StatusOr<std::shared_ptr<Resolver>> Resolver::Create(
    boost::asio::any_io_executor executor, ResolverOptions options) {
  static std::once_flag once;
  static int init_status = ARES_SUCCESS;
  std::call_once(once, [] { init_status = ares_library_init(ARES_LIB_INIT_ALL); });
  if (init_status != ARES_SUCCESS) {
    return absl::InternalError(std::string("c-ares init: ") + ares_strerror(init_status));
  }
  std::shared_ptr<Resolver> r(new Resolver(std::move(executor)));
  ares_options opts{};
  int mask = ARES_OPT_SOCK_STATE_CB | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES;
  opts.sock_state_cb = [](void* data, ares_socket_t fd, int readable, int writable) {
    OnSocketState(data, fd, readable, writable);
  };
  opts.sock_state_cb_data = r.get();
  opts.timeout = static_cast<int>(std::clamp<int64_t>(options.timeout.count(), 1, 600000));
  opts.tries = std::max(1, options.tries);
  // DNS only: a mesh name is a (headless) Service, and /etc/hosts entries
  // carry no TTL to schedule the next resolution by.
  char lookups[] = "b";
  opts.lookups = lookups;
  mask |= ARES_OPT_LOOKUPS;
  std::vector<char*> domains;
  if (options.search) {
    for (auto& d : *options.search) domains.push_back(d.data());
    opts.domains = domains.data();
    opts.ndomains = static_cast<int>(domains.size());
    mask |= ARES_OPT_DOMAINS;
  }
  if (int st = ares_init_options(&r->channel_, &opts, mask); st != ARES_SUCCESS) {
    r->channel_ = nullptr;
    return absl::InternalError(std::string("c-ares init_options: ") + ares_strerror(st));
  }
  if (!options.servers.empty()) {
    if (int st = ares_set_servers_ports_csv(r->channel_, options.servers.c_str());
        st != ARES_SUCCESS) {
      return absl::InvalidArgumentError("DNS servers \"" + options.servers +
                                        "\": " + ares_strerror(st));
    }
  }
  return r;
}

Resolver::~Resolver() {
  // Only reached when no query, wait or timer holds us any more, so nothing
  // runs concurrently; ares_destroy closes what is left (state callback).
  if (channel_ != nullptr) ares_destroy(channel_);
  for (auto& [fd, s] : sockets_) {
    s->closed = true;
    s->desc.release();
  }
}

void Resolver::Resolve(std::string name, Callback done) {
  // post, not dispatch: a callback may resolve again, and c-ares must not
  // be re-entered from inside its own processing.
  boost::asio::post(strand_, [self = shared_from_this(), name = std::move(name),
                                  done = std::move(done)]() mutable {
    auto* q = new Query{self, std::move(done)};
    ares_addrinfo_hints hints{};
    hints.ai_family = AF_UNSPEC;  // A and AAAA
    hints.ai_flags = ARES_AI_NOSORT;  // we sort; RFC 6724 sorting connects sockets
    ares_getaddrinfo(self->channel_, name.c_str(), nullptr, &hints, &Resolver::OnAddrInfo, q);
    self->ArmTimer();
  });
}

void Resolver::Cancel() {
  boost::asio::post(strand_, [self = shared_from_this()] {
    ares_cancel(self->channel_);
    self->ArmTimer();
  });
}

void Resolver::OnAddrInfo(void* arg, int status, int timeouts, ares_addrinfo* res) {
  std::unique_ptr<Query> q(static_cast<Query*>(arg));
  ResolveResult result;
  if (status == ARES_SUCCESS && res != nullptr) {
    Resolution r;
    int min_ttl = std::numeric_limits<int>::max();
    for (ares_addrinfo_node* n = res->nodes; n != nullptr; n = n->ai_next) {
      if (n->ai_family == AF_INET && n->ai_addr != nullptr) {
        std::array<uint8_t, 4> b;
        std::memcpy(b.data(), &reinterpret_cast<sockaddr_in*>(n->ai_addr)->sin_addr, 4);
        r.addresses.emplace_back(boost::asio::ip::address_v4(b));
      } else if (n->ai_family == AF_INET6 && n->ai_addr != nullptr) {
        std::array<uint8_t, 16> b;
        std::memcpy(b.data(), &reinterpret_cast<sockaddr_in6*>(n->ai_addr)->sin6_addr, 16);
        r.addresses.emplace_back(boost::asio::ip::address_v6(b));
      } else {
        continue;
      }
      min_ttl = std::min(min_ttl, std::max(0, n->ai_ttl));
    }
    std::sort(r.addresses.begin(), r.addresses.end());
    r.addresses.erase(std::unique(r.addresses.begin(), r.addresses.end()), r.addresses.end());
    if (r.addresses.empty()) {
      result = ResolveError{ResolveErrorKind::kNoData, "no A or AAAA records"};
    } else {
      r.min_ttl = std::chrono::seconds(min_ttl);
      result = std::move(r);
    }
  } else {
    result = ResolveError{KindOf(status), ares_strerror(status)};
  }
  if (res != nullptr) ares_freeaddrinfo(res);
  // During ares_destroy the owner is gone: nobody to tell.
  if (status != ARES_EDESTRUCTION && q->done) q->done(std::move(result));
}

void Resolver::OnSocketState(void* data, int fd, int readable, int writable) {
  auto* self = static_cast<Resolver*>(data);
  auto it = self->sockets_.find(fd);
  if (!readable && !writable) {
    if (it == self->sockets_.end()) return;
    // c-ares is about to close the fd: stop watching it first.
    it->second->closed = true;
    boost::system::error_code ec;
    it->second->desc.cancel(ec);
    it->second->desc.release();
    self->sockets_.erase(it);
    return;
  }
  if (it == self->sockets_.end()) {
    it = self->sockets_.emplace(fd, std::make_shared<Socket>(self->strand_, fd)).first;
  }
  it->second->want_read = readable;
  it->second->want_write = writable;
  // Called from inside c-ares on the strand, except from ares_destroy in the
  // destructor, where no waits may be started.
  if (self->channel_ != nullptr && !self->weak_from_this().expired()) self->Watch(it->second);
}

void Resolver::Watch(const std::shared_ptr<Socket>& s) {
  using boost::asio::posix::stream_descriptor;
  auto on_ready = [self = shared_from_this(), s](bool read) {
    return [self, s, read](const boost::system::error_code& ec) {
      (read ? s->reading : s->writing) = false;
      if (s->closed || ec == boost::asio::error::operation_aborted) return;
      ares_process_fd(self->channel_, read ? s->fd : ARES_SOCKET_BAD,
                      read ? ARES_SOCKET_BAD : s->fd);
      if (!s->closed) self->Watch(s);
      self->ArmTimer();
    };
  };
  if (s->want_read && !s->reading) {
    s->reading = true;
    s->desc.async_wait(stream_descriptor::wait_read,
                       boost::asio::bind_executor(strand_, on_ready(true)));
  }
  if (s->want_write && !s->writing) {
    s->writing = true;
    s->desc.async_wait(stream_descriptor::wait_write,
                       boost::asio::bind_executor(strand_, on_ready(false)));
  }
}

void Resolver::ArmTimer() {
  timeval tv{};
  if (ares_timeout(channel_, nullptr, &tv) == nullptr) {
    timer_.cancel();
    return;
  }
  timer_.expires_after(std::chrono::seconds(tv.tv_sec) +
                       std::chrono::microseconds(tv.tv_usec));
  timer_.async_wait(boost::asio::bind_executor(
      strand_, [self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec == boost::asio::error::operation_aborted) return;
        ares_process_fd(self->channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
        self->ArmTimer();
      }));
}

}  // namespace meshbgp::mesh
