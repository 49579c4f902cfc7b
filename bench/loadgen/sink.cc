#include "bench/loadgen/sink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <absl/status/status.h>
#include <absl/strings/str_cat.h>

namespace meshbgp::loadgen {
namespace {

absl::Status Errno(const std::string& what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

absl::StatusOr<int> ListenHere(uint32_t addr, uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return Errno("socket");
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(addr);
  sa.sin_port = htons(port);
  if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || listen(fd, 4096) != 0) {
    absl::Status s = Errno(absl::StrCat("listen on ", wire::Ipv4ToString(addr), ":", port));
    close(fd);
    return s;
  }
  return fd;
}

}  // namespace

absl::StatusOr<int> ListenTcp(uint32_t addr, uint16_t port, const std::string& netns) {
  if (netns.empty()) return ListenHere(addr, port);
  int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (home < 0) return Errno("open /proc/self/ns/net");
  const std::string path = "/run/netns/" + netns;
  int target = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (target < 0) {
    absl::Status s = Errno("open " + path);
    close(home);
    return s;
  }
  absl::StatusOr<int> fd = Errno("setns " + path);
  if (setns(target, CLONE_NEWNET) == 0) {
    fd = ListenHere(addr, port);  // the socket stays in `netns` for good
    if (setns(home, CLONE_NEWNET) != 0) {
      if (fd.ok()) close(*fd);
      fd = Errno("setns back to our own namespace");
    }
  }
  close(target);
  close(home);
  return fd;
}

Sink::Sink(int listen_fd, const Config& config, const Workload& workload, Progress& progress,
           std::vector<EventLoop*> loops)
    : fd_(listen_fd), config_(config), workload_(workload), progress_(progress),
      loops_(std::move(loops)) {}

Sink::~Sink() {
  if (fd_ >= 0) close(fd_);
}

void Sink::OnEvent(uint32_t, Clock::time_point now) {
  for (;;) {
    sockaddr_in peer{};
    socklen_t len = sizeof peer;
    int fd = accept4(fd_, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;  // EAGAIN, or a connection that died before we took it
    Session::Config c;
    c.role = Session::Role::kSink;
    c.local_addr = config_.addr;
    c.local_as = config_.asn;
    c.remote_addr = ntohl(peer.sin_addr.s_addr);
    c.remote_port = ntohs(peer.sin_port);
    c.hold_time = config_.hold_time;
    c.extended_message = config_.extended_message;
    c.verbose = config_.verbose;
    auto session = std::make_unique<Session>(c, workload_, progress_);
    Session* s = session.get();
    EventLoop* loop = loops_[next_loop_++ % loops_.size()];
    {
      std::lock_guard<std::mutex> lock(mu_);
      ends_.push_back({std::move(session), loop});
    }
    loop->Post([s, loop, fd, now] {
      s->Adopt(fd, now);
      loop->Add(s);
    });
  }
}

std::vector<Session::Stats> Sink::CollectStats() {
  std::vector<std::future<Session::Stats>> futures;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (End& e : ends_) {
      Session* s = e.session.get();
      futures.push_back(e.loop->Submit([s] { return s->GetStats(); }));
    }
  }
  std::vector<Session::Stats> out;
  for (auto& f : futures) out.push_back(f.get());
  return out;
}

void Sink::CloseAll() {
  std::vector<std::future<void>> done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (End& e : ends_) {
      Session* s = e.session.get();
      EventLoop* loop = e.loop;
      done.push_back(loop->Submit([s, loop] {
        loop->Remove(s);
        s->Close();
      }));
    }
  }
  for (auto& f : done) f.get();
}

}  // namespace meshbgp::loadgen
