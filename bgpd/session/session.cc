#include "bgpd/session/session.h"

#include <cstring>
#include <random>

#include <spdlog/spdlog.h>

#include "bgpd/session/open_negotiation.h"
#include "bgpd/session/tcp_security.h"
#include "bgpd/wire/header.h"
#include "bgpd/wire/notification.h"

namespace meshbgp::session {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// Two standard messages, so a full message always fits after the partial one
// left from the previous read; grown to two of the negotiated size once
// RFC 8654 extended messages are on. Not two extended messages up front:
// that was 128 KiB of touched memory per session, most of it never used.
constexpr size_t kReadBufferSize = 2 * wire::kMaxMessageSize;
// Upper bounds on one gathered write.
constexpr size_t kMaxBuffersPerWrite = 256;
constexpr size_t kMaxBytesPerWrite = 4 << 20;
// How long a NOTIFICATION may take to leave before the socket is closed.
constexpr auto kNotificationLinger = std::chrono::seconds(2);

std::atomic<rib::PeerId> next_peer_id{1};

// RFC 4271 §10: timers are jittered by a random factor in [0.75, 1].
std::chrono::milliseconds Jittered(uint32_t seconds) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_real_distribution<double> d(0.75, 1.0);
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0 * d(rng)));
}

wire::Notification FsmErrorFor(State s) {
  uint8_t sub = s == State::kOpenSent ? 1 : s == State::kOpenConfirm ? 2 : 3;
  return {static_cast<uint8_t>(wire::ErrorCode::kFsm), sub, {}};
}

// Counts the messages in `buf`, and among them the UPDATEs in *updates.
size_t CountMessages(const std::vector<uint8_t>& buf, size_t* updates) {
  size_t n = 0;
  for (size_t off = 0; off + wire::kHeaderSize <= buf.size(); ++n) {
    size_t len = (size_t{buf[off + 16]} << 8) | buf[off + 17];
    if (len < wire::kHeaderSize) break;
    if (buf[off + 18] == static_cast<uint8_t>(wire::MessageType::kUpdate)) ++*updates;
    off += len;
  }
  return n;
}

}  // namespace

Session::Session(asio::io_context& io, SessionHost& host, SessionSettings settings,
                 tcp::endpoint remote, bool outbound)
    : io_(io),
      strand_(asio::make_strand(io)),
      host_(host),
      settings_(std::move(settings)),
      remote_(remote),
      outbound_(outbound),
      address_text_(remote.address().to_string()),
      socket_(io),
      hold_timer_(io),
      keepalive_timer_(io),
      connect_retry_timer_(io),
      close_timer_(io),
      fsm_(settings_.hold_time),
      state_since_(std::chrono::steady_clock::now()),
      rbuf_(kReadBufferSize) {}

Session::~Session() = default;

std::string Session::Name() const {
  std::string n = "peer " + address_text_;
  uint32_t as = negotiated_.peer_as ? negotiated_.peer_as : settings_.expected_as;
  if (as) n += " AS" + config::AsnToString(as);
  return n;
}

void Session::StartPassive(tcp::socket socket) {
  asio::post(strand_, [self = shared_from_this(), s = std::move(socket)]() mutable {
    self->socket_ = std::move(s);
    if (self->settings_.ttl_security) {
      // Before anything of the peer's is read (tcp_security.h).
      absl::Status st = CheckSynTtl(self->socket_.native_handle(), self->settings_.ttl);
      if (!st.ok()) {
        spdlog::warn("{}: connection refused: {}", self->Name(), std::string(st.message()));
        self->Feed({EventType::kManualStartPassive, {}, {}});
        self->Feed({EventType::kTcpFailed, {}, std::string(st.message())});
        self->CloseSocket();
        return;
      }
    }
    self->ApplySocketOptions();
    self->Feed({EventType::kManualStartPassive, {}, {}});
    self->Feed({EventType::kTcpConnected, {}, {}});
    self->ReadMore();
  });
}

void Session::StartActive() {
  asio::post(strand_, [self = shared_from_this()] { self->Feed({EventType::kManualStart, {}, {}}); });
}

void Session::Stop(wire::Notification n, std::string reason) {
  asio::post(strand_, [self = shared_from_this(), n = std::move(n), r = std::move(reason)] {
    if (self->state() == State::kIdle) return;
    self->Feed({EventType::kManualStop, n, r});
  });
}

void Session::SetState(State s) {
  if (state_.load() == s) return;
  state_.store(s);
  state_since_ = std::chrono::steady_clock::now();
}

void Session::Feed(const Event& e) {
  const State before = fsm_.state();
  std::vector<Action> actions = fsm_.Handle(e);
  bool went_down = false;
  for (const Action& a : actions) {
    if (a.type == ActionType::kSessionDown) went_down = true;
  }
  SetState(fsm_.state());
  if (before != fsm_.state()) {
    spdlog::debug("{}: {} -> {}", Name(), StateName(before), StateName(fsm_.state()));
    if (MessageTap* tap = host_.Tap()) tap->OnStateChange(*this, before, fsm_.state());
  }
  for (const Action& a : actions) Perform(a);
  if (fsm_.state() == State::kIdle && !closed_notified_ && before != State::kIdle) {
    closed_notified_ = true;
    {
      std::lock_guard<std::mutex> l(info_mu_);
      last_error_ = fsm_.last_reason();
    }
    if (went_down || before >= State::kOpenSent) {
      spdlog::info("{} [{}]: session down ({}): {}", Name(), settings_.group, StateName(before),
                   fsm_.last_reason());
    }
    host_.OnClosed(*this, went_down);
  }
}

void Session::Perform(const Action& a) {
  switch (a.type) {
    case ActionType::kConnect:
      DoConnect();
      break;
    case ActionType::kSendOpen:
      our_open_ = BuildOpen(settings_, host_.Restarting());
      SendNow(wire::EncodeOpen(our_open_));
      break;
    case ActionType::kSendKeepalive:
      SendNow(wire::EncodeKeepalive());
      break;
    case ActionType::kSendNotification:
      SendNotification(AsSent(negotiated_, a.notification));
      break;
    case ActionType::kCloseConnection: {
      if (fsm_.state() == State::kConnect || fsm_.state() == State::kActive) {
        // A failed or abandoned connect attempt: the FSM keeps trying, so
        // only the socket goes; the ConnectRetry timer stays armed.
        error_code ec;
        socket_.close(ec);
        break;
      }
      std::unique_lock<std::mutex> l(wmu_);
      if (writing_ || !wqueue_.empty()) {
        close_after_write_ = true;
        l.unlock();
        close_timer_.expires_after(kNotificationLinger);
        close_timer_.async_wait(asio::bind_executor(
            strand_, [self = shared_from_this()](error_code ec) {
              if (!ec) self->CloseSocket();
            }));
      } else {
        l.unlock();
        CloseSocket();
      }
      break;
    }
    case ActionType::kStartConnectRetryTimer:
      ArmTimer(connect_retry_timer_, a.seconds, EventType::kConnectRetryExpired, connect_gen_);
      break;
    case ActionType::kStopConnectRetryTimer:
      ++connect_gen_;
      connect_retry_timer_.cancel();
      break;
    case ActionType::kStartHoldTimer:
      ArmTimer(hold_timer_, a.seconds, EventType::kHoldTimerExpired, hold_gen_);
      break;
    case ActionType::kStartKeepaliveTimer:
      ArmTimer(keepalive_timer_, a.seconds, EventType::kKeepaliveTimerExpired, keepalive_gen_);
      break;
    case ActionType::kSessionUp: {
      MakePeerInfo();
      std::string fams;
      for (size_t f = 0; f < wire::kFamilyCount; ++f) {
        if (!negotiated_.families[f]) continue;
        if (!fams.empty()) fams += ",";
        fams += wire::FamilyName(static_cast<wire::Family>(f));
      }
      spdlog::info("{} [{}]: session Established (router id {}, hold time {}s, families {}{})",
                   Name(), settings_.group, wire::Ipv4ToString(negotiated_.peer_router_id),
                   negotiated_.hold_time, fams.empty() ? "none" : fams,
                   negotiated_.extended_message ? ", extended messages" : "");
      host_.OnEstablished(*this);
      break;
    }
    case ActionType::kSessionDown:
      break;  // reported through OnClosed once the actions are done
  }
}

void Session::ArmTimer(asio::steady_timer& t, uint32_t seconds, EventType ev, uint64_t& gen) {
  const uint64_t my_gen = ++gen;
  t.cancel();
  if (seconds == 0) return;
  // Hold timers are exact (the peer counts on them); the others jitter.
  t.expires_after(ev == EventType::kHoldTimerExpired ? std::chrono::milliseconds(seconds * 1000)
                                                     : Jittered(seconds));
  t.async_wait(asio::bind_executor(strand_, [self = shared_from_this(), ev, &gen, my_gen](error_code ec) {
    if (ec || gen != my_gen) return;
    self->Feed({ev, {}, {}});
  }));
}

void Session::DoConnect() {
  error_code ec;
  socket_.close(ec);
  socket_.open(remote_.protocol(), ec);
  if (ec) {
    Feed({EventType::kTcpFailed, {}, "socket: " + ec.message()});
    return;
  }
  socket_.set_option(asio::ip::unicast::hops(settings_.ttl), ec);
  if (!settings_.password.empty()) {
    // Before connect: the SYN itself must be signed.
    absl::Status st = SetTcpMd5Key(socket_.native_handle(), remote_.address().is_v6(), remote_.address(),
                                   remote_.address().is_v4() ? 32 : 128, settings_.password);
    if (!st.ok()) {
      Feed({EventType::kTcpFailed, {}, std::string(st.message())});
      return;
    }
  }
  if (settings_.ttl_security) ApplyGtsm();
  socket_.async_connect(remote_, asio::bind_executor(strand_, [self = shared_from_this()](error_code ec) {
    if (self->fsm_.state() != State::kConnect) return;
    if (ec) {
      spdlog::debug("{}: connect failed: {}", self->Name(), ec.message());
      self->Feed({EventType::kTcpFailed, {}, "connect: " + ec.message()});
      return;
    }
    self->ApplySocketOptions();
    self->Feed({EventType::kTcpConnected, {}, {}});
    self->ReadMore();
  }));
}

void Session::ApplySocketOptions() {
  error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);
  socket_.set_option(asio::ip::unicast::hops(settings_.ttl), ec);
  if (settings_.ttl_security) ApplyGtsm();
  auto local = socket_.local_endpoint(ec);
  if (!ec) local_ip_ = local.address();
  std::lock_guard<std::mutex> l(info_mu_);
  if (!ec) local_address_ = local.address().to_string();
}

void Session::ApplyGtsm() {
  // multihop says how far the peer may be: that many hops may have
  // decremented its TTL 255.
  absl::Status st = SetGtsm(socket_.native_handle(), remote_.address().is_v6(), settings_.ttl);
  if (!st.ok()) spdlog::warn("{}: GTSM: {}", Name(), std::string(st.message()));
}

void Session::ReadMore() {
  if (closing_ || !socket_.is_open()) return;
  socket_.async_read_some(
      asio::buffer(rbuf_.data() + rlen_, rbuf_.size() - rlen_),
      asio::bind_executor(strand_, [self = shared_from_this()](error_code ec, size_t n) {
        self->OnRead(ec, n);
      }));
}

void Session::OnRead(const error_code& ec, size_t n) {
  if (closing_ || fsm_.state() == State::kIdle) return;
  if (ec) {
    std::string why = ec == asio::error::eof ? "connection closed by peer" : "read: " + ec.message();
    Feed({EventType::kTcpFailed, {}, why});
    return;
  }
  rlen_ += n;
  if (ProcessBuffer()) ReadMore();
}

bool Session::ProcessBuffer() {
  size_t off = 0;
  while (rlen_ - off >= wire::kHeaderSize) {
    const size_t max = fsm_.state() == State::kEstablished ? negotiated_.max_message_size
                                                           : wire::kMaxMessageSize;
    auto header = wire::DecodeHeader(std::span<const uint8_t>(rbuf_.data() + off, wire::kHeaderSize), max);
    if (!header.ok()) {
      Feed({EventType::kMessageError, header.error().notification, header.error().reason});
      return false;
    }
    if (rlen_ - off < header->length) break;
    HandleMessage(header->type, std::span<const uint8_t>(rbuf_.data() + off, header->length));
    if (closing_ || fsm_.state() == State::kIdle) return false;
    off += header->length;
  }
  if (off > 0) {
    std::memmove(rbuf_.data(), rbuf_.data() + off, rlen_ - off);
    rlen_ -= off;
  }
  if (rbuf_.size() < 2 * negotiated_.max_message_size) rbuf_.resize(2 * negotiated_.max_message_size);
  return true;
}

void Session::HandleMessage(wire::MessageType type, std::span<const uint8_t> whole) {
  counters_.messages_in.fetch_add(1, std::memory_order_relaxed);
  const std::span<const uint8_t> body = whole.subspan(wire::kHeaderSize);
  const State st = fsm_.state();
  switch (type) {
    case wire::MessageType::kOpen:
      if (st != State::kOpenSent) {
        Feed({EventType::kMessageError, FsmErrorFor(st), "OPEN received in " + std::string(StateName(st))});
        return;
      }
      HandleOpen(body);
      return;
    case wire::MessageType::kKeepalive:
      Feed({EventType::kKeepaliveReceived, {}, {}});
      return;
    case wire::MessageType::kUpdate:
      if (st != State::kEstablished) {
        Feed({EventType::kMessageError, FsmErrorFor(st), "UPDATE received in " + std::string(StateName(st))});
        return;
      }
      if (MessageTap* tap = host_.Tap()) tap->OnUpdateReceived(*this, whole);
      HandleUpdate(body);
      return;
    case wire::MessageType::kNotification:
      HandleNotification(body);
      return;
    case wire::MessageType::kRouteRefresh:
      if (st != State::kEstablished) {
        Feed({EventType::kMessageError, FsmErrorFor(st),
              "ROUTE-REFRESH received in " + std::string(StateName(st))});
        return;
      }
      HandleRouteRefresh(whole);
      return;
  }
}

void Session::HandleOpen(std::span<const uint8_t> body) {
  auto open = wire::DecodeOpen(body);
  if (!open.ok()) {
    Feed({EventType::kMessageError, open.error().notification, "bad OPEN: " + open.error().reason});
    return;
  }
  auto neg = Negotiate(settings_, our_open_, *open);
  if (!neg.ok()) {
    Feed({EventType::kMessageError, neg.error().notification, neg.error().reason});
    return;
  }
  negotiated_ = *neg;
  fsm_.SetNegotiatedHoldTime(negotiated_.hold_time);
  if (auto refuse = host_.AdmitOpen(*this)) {
    Feed({EventType::kMessageError, *refuse, wire::DescribeNotification(*refuse)});
    return;
  }
  Feed({EventType::kOpenReceived, {}, {}});
}

void Session::HandleUpdate(std::span<const uint8_t> body) {
  counters_.updates_in.fetch_add(1, std::memory_order_relaxed);
  wire::DecodeOptions opts;
  opts.four_octet_as = negotiated_.four_octet_as;
  opts.ibgp = settings_.ibgp;
  auto update = wire::DecodeUpdate(body, opts);
  if (!update.ok()) {
    Feed({EventType::kMessageError, update.error().notification,
          "malformed UPDATE: " + update.error().reason});
    return;
  }
  for (const std::string& note : update->discarded) {
    spdlog::warn("{}: UPDATE attribute discarded (RFC 7606): {}", Name(), note);
  }
  if (auto stop = host_.OnUpdate(*this, *update)) {
    Feed({EventType::kManualStop, *stop, wire::DescribeNotification(*stop)});
    return;
  }
  Feed({EventType::kUpdateReceived, {}, {}});
}

void Session::HandleNotification(std::span<const uint8_t> body) {
  auto n = wire::DecodeNotification(body);
  std::string text = n.ok() ? wire::DescribeNotification(*n) : "malformed NOTIFICATION";
  if (n.ok()) counters_.notification_received.store(static_cast<uint16_t>(n->code << 8 | n->subcode));
  end_.received = n.ok() ? *n : wire::Notification{};
  {
    std::lock_guard<std::mutex> l(info_mu_);
    last_received_ = text;
  }
  spdlog::warn("{} [{}]: received NOTIFICATION {}", Name(), settings_.group, text);
  Feed({EventType::kNotificationReceived, {}, "received NOTIFICATION " + text});
}

void Session::HandleRouteRefresh(std::span<const uint8_t> whole) {
  auto rr = wire::DecodeRouteRefresh(whole.subspan(wire::kHeaderSize));
  if (!rr.ok()) {
    Feed({EventType::kMessageError, rr.error().notification, "bad ROUTE-REFRESH: " + rr.error().reason});
    return;
  }
  Perform({ActionType::kStartHoldTimer, negotiated_.hold_time, {}});
  // BoRR/EoRR mark the peer's own re-advertisement; unknown subtypes are
  // ignored (RFC 7313 §4).
  if (rr->subtype == wire::refresh_subtype::kRequest) host_.OnRouteRefresh(*this, *rr);
}

void Session::SendNow(std::vector<uint8_t> bytes) {
  auto buf = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  {
    std::lock_guard<std::mutex> l(wmu_);
    if (close_after_write_) return;
    // Session-level messages go ahead of queued UPDATEs: they are whole
    // messages, and a KEEPALIVE stuck behind a table dump could let the
    // peer's hold timer expire.
    queued_bytes_.fetch_add(buf->size(), std::memory_order_relaxed);
    wqueue_.push_front(std::move(buf));
  }
  DoWrite();
}

void Session::SendNotification(const wire::Notification& n) {
  end_.sent = n;
  // A Hard Reset is logged as what it carries (RFC 8538 §3).
  const bool hard = n.code == static_cast<uint8_t>(wire::ErrorCode::kCease) &&
                    n.subcode == wire::cease::kHardReset && n.data.size() >= 2;
  const std::string text =
      hard ? wire::DescribeNotification({n.data[0], n.data[1], {n.data.begin() + 2, n.data.end()}}) +
                 " (as Cease / Hard Reset)"
           : wire::DescribeNotification(n);
  {
    std::lock_guard<std::mutex> l(info_mu_);
    last_sent_ = text;
  }
  spdlog::warn("{} [{}]: sending NOTIFICATION {}", Name(), settings_.group, text);
  counters_.notification_sent.store(static_cast<uint16_t>(n.code << 8 | n.subcode));
  {
    std::lock_guard<std::mutex> l(wmu_);
    ClearQueueLocked();  // nothing queued matters any more
    auto buf = std::make_shared<const std::vector<uint8_t>>(wire::EncodeNotification(n));
    queued_bytes_.fetch_add(buf->size(), std::memory_order_relaxed);
    wqueue_.push_back(std::move(buf));
  }
  closing_ = true;
  DoWrite();
}

void Session::Send(rib::Buffer messages) {
  std::lock_guard<std::mutex> l(wmu_);
  if (close_after_write_ || closing_) return;
  queued_bytes_.fetch_add(messages->size(), std::memory_order_relaxed);
  wqueue_.push_back(std::move(messages));
  if (!writing_ && !write_kick_posted_) {
    write_kick_posted_ = true;
    asio::post(strand_, [self = shared_from_this()] { self->DoWrite(); });
  }
}

void Session::ClearQueueLocked() {
  size_t bytes = 0;
  for (const auto& b : wqueue_) bytes += b->size();
  queued_bytes_.fetch_sub(bytes, std::memory_order_relaxed);
  wqueue_.clear();
}

void Session::NotifyWhenDrained(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> l(wmu_);
    if (queued_bytes_.load(std::memory_order_relaxed) != 0 && !close_after_write_) {
      drain_waiters_.push_back(std::move(fn));
      return;
    }
  }
  fn();  // already empty (or closing: the group will see the member leave)
}

void Session::InitialDumpDone() {
  spdlog::debug("{}: initial table sent, End-of-RIB queued", Name());
}

void Session::DoWrite() {
  std::vector<asio::const_buffer> bufs;
  {
    std::lock_guard<std::mutex> l(wmu_);
    write_kick_posted_ = false;
    if (writing_ || wqueue_.empty() || !socket_.is_open()) return;
    size_t bytes = 0;
    while (!wqueue_.empty() && inflight_.size() < kMaxBuffersPerWrite && bytes < kMaxBytesPerWrite) {
      bytes += wqueue_.front()->size();
      inflight_.push_back(std::move(wqueue_.front()));
      wqueue_.pop_front();
    }
    writing_ = true;
    bufs.reserve(inflight_.size());
    for (const auto& b : inflight_) bufs.emplace_back(asio::buffer(*b));
  }
  asio::async_write(socket_, bufs, asio::bind_executor(strand_, [self = shared_from_this()](error_code ec, size_t) {
    bool more, close_now;
    std::vector<std::function<void()>> drained;
    {
      std::lock_guard<std::mutex> l(self->wmu_);
      size_t msgs = 0, bytes = 0, updates = 0;
      for (const auto& b : self->inflight_) {
        msgs += CountMessages(*b, &updates);
        bytes += b->size();
      }
      self->counters_.messages_out.fetch_add(msgs, std::memory_order_relaxed);
      self->counters_.updates_out.fetch_add(updates, std::memory_order_relaxed);
      self->queued_bytes_.fetch_sub(bytes, std::memory_order_relaxed);
      self->inflight_.clear();
      self->writing_ = false;
      more = !self->wqueue_.empty();
      close_now = self->close_after_write_ && !more;
      if (!more) drained.swap(self->drain_waiters_);
    }
    for (auto& fn : drained) fn();
    if (ec) {
      if (self->fsm_.state() != State::kIdle)
        self->Feed({EventType::kTcpFailed, {}, "write: " + ec.message()});
      else
        self->CloseSocket();
      return;
    }
    if (close_now) {
      self->CloseSocket();
    } else if (more) {
      self->DoWrite();
    }
  }));
}

void Session::CloseSocket() {
  closing_ = true;
  ++hold_gen_;
  ++keepalive_gen_;
  ++connect_gen_;
  error_code ec;
  hold_timer_.cancel();
  keepalive_timer_.cancel();
  connect_retry_timer_.cancel();
  close_timer_.cancel();
  if (socket_.is_open()) {
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }
  std::vector<std::function<void()>> waiters;
  {
    std::lock_guard<std::mutex> l(wmu_);
    ClearQueueLocked();
    close_after_write_ = true;  // refuse further Sends
    waiters.swap(drain_waiters_);  // the groups let the member go
  }
}

void Session::MakePeerInfo() {
  auto info = std::make_shared<rib::PeerInfo>();
  info->id = next_peer_id.fetch_add(1);
  info->asn = negotiated_.peer_as;
  info->router_id = negotiated_.peer_router_id;
  info->ibgp = settings_.ibgp;
  info->rr_client = settings_.rr_client;
  const auto addr = remote_.address();
  if (addr.is_v4()) {
    auto v4 = asio::ip::make_address_v6(asio::ip::v4_mapped, addr.to_v4()).to_bytes();
    std::copy(v4.begin(), v4.end(), info->address.begin());
  } else {
    auto v6 = addr.to_v6().to_bytes();
    std::copy(v6.begin(), v6.end(), info->address.begin());
  }
  info->address_text = address_text_;
  info->group = settings_.group;
  peer_info_ = std::move(info);
}

SessionSnapshot Session::Snapshot() const {
  SessionSnapshot s;
  s.remote_address = address_text_;
  s.remote_port = remote_.port();
  s.group = settings_.group;
  s.dynamic = settings_.dynamic;
  s.outbound = outbound_;
  s.state = state_.load();
  s.configured_hold_time = settings_.hold_time;
  s.state_since = state_since_;
  if (s.state >= State::kOpenConfirm) {
    s.negotiated = negotiated_;
    s.peer_as = negotiated_.peer_as;
    s.peer_router_id = negotiated_.peer_router_id;
  } else {
    s.peer_as = settings_.expected_as;
  }
  s.messages_in = counters_.messages_in.load();
  s.messages_out = counters_.messages_out.load();
  s.prefixes_accepted = counters_.prefixes_accepted.load();
  s.prefixes_received = counters_.prefixes_received.load();
  s.prefixes_rejected = counters_.prefixes_rejected.load();
  s.out_queue_bytes = queued_bytes_.load(std::memory_order_relaxed);
  s.md5 = !settings_.password.empty();
  s.ttl_security = settings_.ttl_security;
  for (size_t f = 0; f < wire::kFamilyCount; ++f) {
    s.family[f] = {counters_.family[f].accepted.load(), counters_.family[f].received.load(),
                   counters_.family[f].rejected.load()};
  }
  std::lock_guard<std::mutex> l(info_mu_);
  s.local_address = local_address_;
  s.last_error = last_error_;
  s.last_notification_sent = last_sent_;
  s.last_notification_received = last_received_;
  return s;
}

}  // namespace meshbgp::session
