#include "bgpd/daemon/mrt_update_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include <spdlog/spdlog.h>

#include "bgpd/mrt/mrt_records.h"
#include "bgpd/mrt/rotation.h"

namespace meshbgp::daemon {
namespace {

using session::State;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

mrt::Address16 ToAddress16(const boost::asio::ip::address& a) {
  if (a.is_v4()) return boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, a.to_v4()).to_bytes();
  return a.to_v6().to_bytes();
}

// Peer AS, our AS and both addresses; the local address in the peer's
// family (unspecified before the connection exists).
mrt::Bgp4mpPeers PeersOf(const session::Session& s, bool negotiated) {
  mrt::Bgp4mpPeers p;
  p.peer_as = negotiated ? s.negotiated().peer_as : s.settings().expected_as;
  p.local_as = s.settings().local_as;
  p.as4 = !negotiated || s.negotiated().four_octet_as;
  p.peer_address = ToAddress16(s.remote().address());
  p.local_address = ToAddress16(s.local_ip());
  if (mrt::IsV4Mapped(p.peer_address) != mrt::IsV4Mapped(p.local_address)) {
    p.local_address = ToAddress16(s.remote().address().is_v4()
                                      ? boost::asio::ip::address(boost::asio::ip::address_v4())
                                      : boost::asio::ip::address(boost::asio::ip::address_v6()));
  }
  return p;
}

uint16_t Bgp4mpState(State s) {
  // RFC 6396 §4.4.1 numbers the states from Idle = 1 in FSM order.
  return static_cast<uint16_t>(static_cast<uint16_t>(mrt::bgp4mp::FsmState::kIdle) + static_cast<int>(s));
}

}  // namespace

MrtUpdateLog::MrtUpdateLog() : writer_([this] { Run(); }) {}

MrtUpdateLog::~MrtUpdateLog() {
  stopping_.store(true);
  queue_.Close();
  writer_.join();
}

void MrtUpdateLog::Configure(const config::MrtUpdatesConfig& cfg) {
  std::lock_guard lock(mu_);
  if (cfg == cfg_) return;
  if (cfg.file != cfg_.file) {
    spdlog::info("MRT update log: {}", cfg.file.empty() ? std::string("off") : "to " + cfg.file);
  }
  cfg_ = cfg;
  ++generation_;
  enabled_.store(!cfg.file.empty());
}

void MrtUpdateLog::OnUpdateReceived(session::Session& s, std::span<const uint8_t> whole) {
  if (!enabled_.load(std::memory_order_relaxed)) return;
  std::vector<uint8_t> record;
  record.reserve(mrt::kHeaderSize + 44 + whole.size());
  mrt::AppendBgp4mpMessage(record, static_cast<uint32_t>(NowSeconds()), PeersOf(s, true), whole);
  Queue(std::move(record));
}

void MrtUpdateLog::OnStateChange(session::Session& s, State from, State to) {
  if (!enabled_.load(std::memory_order_relaxed)) return;
  std::vector<uint8_t> record;
  mrt::AppendBgp4mpStateChange(record, static_cast<uint32_t>(NowSeconds()),
                               PeersOf(s, std::max(from, to) >= State::kOpenConfirm), Bgp4mpState(from),
                               Bgp4mpState(to));
  Queue(std::move(record));
}

void MrtUpdateLog::Queue(std::vector<uint8_t> record) {
  if (queue_.Push(std::move(record))) {
    records_.fetch_add(1, std::memory_order_relaxed);
  } else if (!drop_logged_.exchange(true)) {
    spdlog::warn("MRT update log: the disk does not keep up, records are dropped "
                 "(meshbgp_mrt_update_records_dropped_total counts them; logged once)");
  }
}

MrtUpdateLog::Stats MrtUpdateLog::stats() const {
  return {records_.load(), queue_.dropped(), bytes_written_.load(), files_.load(), write_errors_.load(),
          queue_.queued_bytes()};
}

void MrtUpdateLog::Run() {
  mrt::RetainedFiles retained(0);
  for (;;) {
    auto wait = std::chrono::milliseconds(1000);
    if (fd_ >= 0 && next_rotation_ != INT64_MAX) {
      const auto until = std::chrono::system_clock::time_point(std::chrono::seconds(next_rotation_)) -
                         std::chrono::system_clock::now();
      wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(until) +
                            std::chrono::milliseconds(1),
                        std::chrono::milliseconds(1), wait);
    }
    const std::vector<uint8_t> bytes = queue_.PopAll(wait);
    config::MrtUpdatesConfig cfg;
    uint64_t generation;
    {
      std::lock_guard lock(mu_);
      cfg = cfg_;
      generation = generation_;
    }
    const int64_t now = NowSeconds();
    if (cfg.file.empty()) {
      Close();
      file_.clear();
    } else if (fd_ < 0 || generation != open_generation_ || now >= next_rotation_) {
      open_generation_ = generation;
      retained.set_max(cfg.max_files);
      Open(cfg, now);
      if (fd_ >= 0) {
        for (const std::string& old : retained.Opened(file_)) {
          if (::unlink(old.c_str()) != 0 && errno != ENOENT) {
            spdlog::warn("MRT update log: removing {}: {}", old, std::strerror(errno));
          }
        }
      }
    }
    if (!bytes.empty() && fd_ >= 0) Write(bytes);
    if (stopping_.load() && bytes.empty()) break;
  }
  Close();
}

void MrtUpdateLog::Open(const config::MrtUpdatesConfig& cfg, int64_t now) {
  const int64_t interval = std::chrono::duration_cast<std::chrono::seconds>(cfg.interval).count();
  const std::string name = mrt::ExpandFileName(cfg.file, mrt::PeriodStart(now, interval));
  next_rotation_ = mrt::NextRotation(now, interval);
  if (fd_ >= 0 && name == file_) return;  // a pattern coarser than the interval
  Close();
  fd_ = ::open(name.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    // Retried every second (each attempt counted), logged once per name.
    write_errors_.fetch_add(1, std::memory_order_relaxed);
    if (name != file_) spdlog::error("MRT update log: cannot open {}: {}", name, std::strerror(errno));
    file_ = name;
    return;
  }
  file_ = name;
  write_error_logged_ = false;
  files_.fetch_add(1, std::memory_order_relaxed);
  spdlog::debug("MRT update log: writing {}", name);
}

void MrtUpdateLog::Write(const std::vector<uint8_t>& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      write_errors_.fetch_add(1, std::memory_order_relaxed);
      if (!write_error_logged_) {
        spdlog::error("MRT update log: writing {}: {}", file_, std::strerror(errno));
        write_error_logged_ = true;
      }
      return;
    }
    done += static_cast<size_t>(n);
    bytes_written_.fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
  }
}

void MrtUpdateLog::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace meshbgp::daemon
