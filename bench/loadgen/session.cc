#include "bench/loadgen/session.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "bgpd/wire/header.h"
#include "bgpd/wire/ipv4_nlri.h"
#include "evpn/nlri_codec.h"
#include "bgpd/wire/notification.h"
#include "bgpd/wire/open.h"
#include "bgpd/wire/update.h"

namespace meshbgp::loadgen {
namespace {

constexpr auto kRetryDelay = std::chrono::seconds(1);
constexpr size_t kReadChunk = 256 * 1024;
constexpr int kReadsPerEvent = 8;  // then let other sessions have a turn

sockaddr_in SockAddr(uint32_t addr, uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(addr);
  sa.sin_port = htons(port);
  return sa;
}

uint32_t ExpectedPrefixes(const Session::Config& c, const Workload& w) {
  // A client must hold everybody else's prefixes; a sink end its client's.
  if (c.role != Session::Role::kClient) return w.per_client();
  if (c.announcers != 0 && c.announcers < w.clients())  // only the first ones announce
    return (c.announcers - (c.index < c.announcers ? 1 : 0)) * w.per_client();
  return w.total() - w.per_client();
}

PrefixCounter MakeCounter(const Session::Config& c, const Workload& w) {
  if (c.role == Session::Role::kSink) return PrefixCounter(w.total(), 0, 0);
  const uint32_t own = w.FirstIndexOf(c.index);
  return PrefixCounter(w.total(), own, own + w.per_client());
}

}  // namespace

const char* StateName(Session::State s) {
  switch (s) {
    case Session::State::kIdle: return "Idle";
    case Session::State::kConnecting: return "Connect";
    case Session::State::kOpenWait: return "OpenSent";
    case Session::State::kOpenConfirm: return "OpenConfirm";
    case Session::State::kEstablished: return "Established";
    case Session::State::kClosed: return "Closed";
  }
  return "?";
}

Session::Session(const Config& config, const Workload& workload, Progress& progress)
    : config_(config),
      workload_(workload),
      progress_(progress),
      counter_(MakeCounter(config, workload)),
      in_(kReadChunk) {
  stats_.config = config;
  stats_.expected = ExpectedPrefixes(config, workload);
}

Session::~Session() { CloseFd(); }

std::string Session::Name() const {
  const bool client = config_.role == Role::kClient;
  return (client ? "client " : "sink end for ") +
         wire::Ipv4ToString(client ? config_.local_addr : config_.remote_addr);
}

bool Session::WantsWrite() const {
  if (fd_ < 0) return false;
  return stats_.state == State::kConnecting || out_.pending();
}

void Session::Connect(Clock::time_point now) {
  ++stats_.connect_attempts;
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return Fail(std::string("socket: ") + std::strerror(errno), now);
  int one = 1;
  setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in local = SockAddr(config_.local_addr, 0);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    return Fail("bind " + wire::Ipv4ToString(config_.local_addr) + ": " + std::strerror(errno),
                now);
  }
  sockaddr_in remote = SockAddr(config_.remote_addr, config_.remote_port);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) == 0) {
    stats_.state = State::kConnecting;
    return FinishConnect(now);
  }
  if (errno != EINPROGRESS) return Fail(std::string("connect: ") + std::strerror(errno), now);
  stats_.state = State::kConnecting;
}

void Session::Adopt(int fd, Clock::time_point now) {
  fd_ = fd;
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  stats_.state = State::kOpenWait;
  last_received_ = now;
}

void Session::FinishConnect(Clock::time_point now) {
  int err = 0;
  socklen_t len = sizeof err;
  getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &len);
  if (err != 0) return Fail(std::string("connect: ") + std::strerror(err), now);
  stats_.state = State::kOpenWait;
  last_received_ = now;
  out_.PushControl(wire::EncodeOpen(OurOpen()));
}

wire::Open Session::OurOpen() const {
  wire::Open open;
  open.my_as = wire::MyAsField(config_.local_as);
  open.hold_time = config_.hold_time;
  open.bgp_id = config_.local_addr;
  open.caps.multiprotocol = {wire::AfiSafiOf(workload_.family())};
  open.caps.four_octet_as = config_.local_as;
  open.caps.extended_message = config_.extended_message;
  return open;
}

void Session::OnEvent(uint32_t ev, Clock::time_point now) {
  if (stats_.state == State::kConnecting) {
    if (ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)) FinishConnect(now);
    if (fd_ < 0) return;
  }
  if (ev & (EPOLLIN | EPOLLERR | EPOLLHUP)) Read(now);
  if (fd_ >= 0 && (ev & EPOLLOUT)) Write(now);
}

void Session::OnTick(Clock::time_point now) {
  switch (stats_.state) {
    case State::kIdle:
      if (config_.role == Role::kClient && now >= retry_at_) Connect(now);
      return;
    case State::kOpenConfirm:
    case State::kEstablished:
      if (keepalive_interval_.count() > 0 && now >= next_keepalive_) {
        out_.PushControl(wire::EncodeKeepalive());
        next_keepalive_ = now + keepalive_interval_;
      }
      if (hold_.count() > 0 && now - last_received_ > hold_) {
        SendNotification({static_cast<uint8_t>(wire::ErrorCode::kHoldTimerExpired), 0, {}});
        Fail("hold timer expired: nothing received for " +
                 std::to_string(std::chrono::duration_cast<std::chrono::seconds>(hold_).count()) +
                 " s",
             now);
      }
      return;
    default:
      return;
  }
}

void Session::Read(Clock::time_point now) {
  for (int round = 0; round < kReadsPerEvent && fd_ >= 0; ++round) {
    if (in_end_ == in_.size()) {
      // Only a partial message is buffered: move it to the front.
      std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
      in_end_ -= in_begin_;
      in_begin_ = 0;
    }
    ssize_t n = recv(fd_, in_.data() + in_end_, in_.size() - in_end_, MSG_DONTWAIT);
    if (n == 0) return Fail("connection closed by the peer", now);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      return Fail(std::string("recv: ") + std::strerror(errno), now);
    }
    stats_.bytes_in += static_cast<uint64_t>(n);
    in_end_ += static_cast<size_t>(n);
    last_received_ = now;

    const size_t max_size =
        stats_.max_message_size ? stats_.max_message_size : wire::kMaxMessageSize;
    while (fd_ >= 0 && in_end_ - in_begin_ >= wire::kHeaderSize) {
      auto h = wire::DecodeHeader({in_.data() + in_begin_, wire::kHeaderSize}, max_size);
      if (!h.ok()) {
        SendNotification(h.error().notification);
        return Fail("bad message header: " + h.error().reason, now);
      }
      if (in_end_ - in_begin_ < h->length) break;
      std::span<const uint8_t> body(in_.data() + in_begin_ + wire::kHeaderSize,
                                    h->length - wire::kHeaderSize);
      in_begin_ += h->length;
      HandleMessage(h->type, body, now);
    }
    CheckWatch();
    if (in_begin_ == in_end_) in_begin_ = in_end_ = 0;
  }
}

void Session::HandleMessage(wire::MessageType type, std::span<const uint8_t> body,
                            Clock::time_point now) {
  switch (type) {
    case wire::MessageType::kOpen:
      return HandleOpen(body, now);
    case wire::MessageType::kKeepalive:
      if (stats_.state == State::kOpenConfirm) {
        stats_.state = State::kEstablished;
        stats_.established = Clock::now();
        if (config_.verbose) std::fprintf(stderr, "%s: Established\n", Name().c_str());
        progress_.Established(config_.role == Role::kSink);
      }
      return;
    case wire::MessageType::kUpdate:
      if (stats_.state != State::kEstablished) {
        SendNotification({static_cast<uint8_t>(wire::ErrorCode::kFsm), 0, {}});
        return Fail("UPDATE before the session was Established", now);
      }
      return HandleUpdate(body);
    case wire::MessageType::kNotification: {
      auto n = wire::DecodeNotification(body);
      return Fail(n.ok() ? "NOTIFICATION received: " + wire::DescribeNotification(*n)
                         : "malformed NOTIFICATION received",
                  now);
    }
    case wire::MessageType::kRouteRefresh:
      return;  // a route server has no reason to ask; nothing to resend anyway
  }
}

void Session::HandleOpen(std::span<const uint8_t> body, Clock::time_point now) {
  if (stats_.state != State::kOpenWait) {
    SendNotification({static_cast<uint8_t>(wire::ErrorCode::kFsm), 0, {}});
    return Fail("unexpected OPEN", now);
  }
  auto open = wire::DecodeOpen(body);
  if (!open.ok()) {
    SendNotification(open.error().notification);
    return Fail("bad OPEN: " + open.error().reason, now);
  }
  stats_.remote_as = open->PeerAs();
  if (config_.expected_remote_as != 0 && stats_.remote_as != config_.expected_remote_as) {
    SendNotification({static_cast<uint8_t>(wire::ErrorCode::kOpenMessage),
                      wire::open_error::kBadPeerAs,
                      {}});
    return Fail("route server is AS " + std::to_string(stats_.remote_as) + ", expected " +
                    std::to_string(config_.expected_remote_as),
                now);
  }
  const uint16_t hold = (open->hold_time == 0 || config_.hold_time == 0)
                            ? 0
                            : std::min(open->hold_time, config_.hold_time);
  hold_ = std::chrono::seconds(hold);
  keepalive_interval_ = std::chrono::seconds(hold / 3);
  next_keepalive_ = now + keepalive_interval_;
  four_octet_as_ = open->caps.four_octet_as.has_value();
  stats_.max_message_size = config_.extended_message && open->caps.extended_message
                                ? wire::kMaxExtendedMessageSize
                                : wire::kMaxMessageSize;
  if (in_.size() < stats_.max_message_size * 2) in_.resize(stats_.max_message_size * 2);

  if (config_.role == Role::kSink) {
    out_.PushControl(wire::EncodeOpen(OurOpen()));
  } else if (Announces()) {
    wire::EncodeOptions opts;
    opts.four_octet_as = four_octet_as_;
    stream_ = workload_.EncodeAnnouncements(config_.index, config_.local_as, config_.local_addr,
                                            opts, stats_.max_message_size);
    stats_.update_bytes = stream_.size();
  }
  out_.PushControl(wire::EncodeKeepalive());
  stats_.state = State::kOpenConfirm;
}

void Session::HandleUpdate(std::span<const uint8_t> body) {
  wire::DecodeOptions opts;
  opts.four_octet_as = four_octet_as_;
  auto u = wire::DecodeUpdate(body, opts);
  if (!u.ok()) {
    SendNotification(u.error().notification);
    return Fail("bad UPDATE: " + u.error().reason, Clock::now());
  }
  ++stats_.updates_in;
  auto remove = [&](const wire::Ipv4Prefix& p) {
    ++stats_.withdrawn;
    if (auto i = workload_.IndexOf(p)) counter_.Remove(*i);
  };
  auto add = [&](const wire::Ipv4Prefix& p) {
    if (auto i = workload_.IndexOf(p)) {
      counter_.Add(*i);
    } else {
      ++stats_.foreign;
    }
  };
  for (const auto& p : u->withdrawn) remove(p);
  for (const auto& p : u->nlri) u->treat_as_withdraw ? remove(p) : add(p);
  const wire::AfiSafi ipv4 = wire::AfiSafiOf(wire::Family::kIpv4Unicast);
  std::vector<wire::Ipv4Prefix> mp;
  if (u->mp_unreach && u->mp_unreach->afi_safi == ipv4) {
    wire::DecodeIpv4Nlri(u->mp_unreach->nlri, mp);
    for (const auto& p : mp) remove(p);
    mp.clear();
  }
  if (u->mp_reach && u->mp_reach->afi_safi == ipv4) {
    wire::DecodeIpv4Nlri(u->mp_reach->nlri, mp);
    for (const auto& p : mp) u->treat_as_withdraw ? remove(p) : add(p);
  }
  CountEvpn(*u);
  stats_.received = counter_.counted();
  stats_.own_echoed = counter_.excluded();
  if (!stats_.complete && stats_.received == stats_.expected) {
    stats_.complete = Clock::now();
    if (config_.verbose) std::fprintf(stderr, "%s: complete\n", Name().c_str());
    progress_.Complete();
  }
}

// The EVPN mode's routes, counted by number as the IPv4 prefixes are.
void Session::CountEvpn(const wire::Update& u) {
  const wire::AfiSafi evpn_family = wire::AfiSafiOf(wire::Family::kEvpn);
  if (u.mp_unreach && u.mp_unreach->afi_safi == evpn_family) {
    evpn::ForEachEvpnNlri(u.mp_unreach->nlri, [&](const evpn::EvpnNlriRef& r) {
      ++stats_.withdrawn;
      if (auto i = workload_.IndexOfEvpn(r.raw)) counter_.Remove(*i);
    });
  }
  if (u.mp_reach && u.mp_reach->afi_safi == evpn_family) {
    evpn::ForEachEvpnNlri(u.mp_reach->nlri, [&](const evpn::EvpnNlriRef& r) {
      const auto i = workload_.IndexOfEvpn(r.raw);
      if (!i) {
        ++stats_.foreign;
      } else if (u.treat_as_withdraw) {
        counter_.Remove(*i);
      } else {
        counter_.Add(*i);
      }
    });
  }
}

void Session::StartUpdates(Clock::time_point now) {
  if (config_.role != Role::kClient || stats_.state != State::kEstablished || sending_) return;
  sending_ = true;
  if (stats_.expected == 0 && !stats_.complete) {  // the only announcer: holds nothing
    stats_.complete = now;
    progress_.Complete();
  }
  out_.SetStream(stream_);
  Write(now);
}

void Session::Write(Clock::time_point now) {
  if (fd_ < 0 || stats_.state == State::kConnecting) return;
  OutputQueue::WriteResult r = out_.WriteTo(fd_);
  stats_.bytes_out += r.control_bytes + r.stream_bytes;
  if (r.stream_bytes > 0 && !stats_.first_write) stats_.first_write = now;
  if (sending_ && !stats_.all_written && out_.stream_done()) {
    stats_.all_written = Clock::now();
    progress_.Written();
  }
  if (r.error != 0) Fail(std::string("send: ") + std::strerror(r.error), now);
}

void Session::SendNotification(const wire::Notification& n) {
  if (fd_ < 0) return;
  // Best effort, straight to the socket: the session is about to close.
  std::vector<uint8_t> msg = wire::EncodeNotification(n);
  ssize_t ignored = send(fd_, msg.data(), msg.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  (void)ignored;
}

void Session::Fail(const std::string& why, Clock::time_point now) {
  const bool was_established = stats_.state == State::kEstablished;
  stats_.error = why;
  CloseFd();
  out_.Reset();
  in_begin_ = in_end_ = 0;
  if (config_.verbose || (was_established && !progress_.finished())) {
    std::fprintf(stderr, "%s: %s%s\n", Name().c_str(), why.c_str(),
                 was_established ? " (was Established)" : "");
  }
  if (was_established) {
    stats_.state = State::kClosed;
    progress_.Failed(Name() + ": " + why);
    return;
  }
  if (config_.role == Role::kClient) {
    stats_.state = State::kIdle;
    retry_at_ = now + kRetryDelay;
  } else {
    stats_.state = State::kClosed;
  }
}

void Session::Close() {
  if (fd_ >= 0 && stats_.state == State::kEstablished) {
    SendNotification(wire::ShutdownNotification(wire::cease::kAdministrativeShutdown,
                                                "meshbgp-loadgen run finished"));
  }
  CloseFd();
  stats_.state = State::kClosed;
}

void Session::CloseFd() {
  if (fd_ < 0) return;
  close(fd_);
  fd_ = -1;
  ForgetRegistration();
}

}  // namespace meshbgp::loadgen
