#include "bench/loadgen/event_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace meshbgp::loadgen {
namespace {
constexpr auto kTick = std::chrono::milliseconds(100);
constexpr int kMaxEvents = 256;
}  // namespace

EventLoop::EventLoop() {
  epfd_ = epoll_create1(EPOLL_CLOEXEC);
  wakefd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epfd_ < 0 || wakefd_ < 0) {
    std::perror("meshbgp-loadgen: epoll/eventfd");
    std::abort();
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = nullptr;  // the wake-up fd
  epoll_ctl(epfd_, EPOLL_CTL_ADD, wakefd_, &ev);
}

EventLoop::~EventLoop() {
  Stop();
  close(wakefd_);
  close(epfd_);
}

void EventLoop::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    tasks_.push_back(std::move(task));
  }
  uint64_t one = 1;
  ssize_t ignored = write(wakefd_, &one, sizeof one);
  (void)ignored;
}

void EventLoop::Add(Pollable* p) {
  members_.push_back(p);
  Sync(p);
}

void EventLoop::Remove(Pollable* p) {
  if (p->registered_fd_ >= 0) epoll_ctl(epfd_, EPOLL_CTL_DEL, p->registered_fd_, nullptr);
  p->registered_fd_ = -1;
  p->registered_events_ = 0;
  members_.erase(std::remove(members_.begin(), members_.end(), p), members_.end());
}

void EventLoop::Sync(Pollable* p) {
  const int fd = p->fd();
  const uint32_t events = fd < 0 ? 0 : EPOLLIN | (p->WantsWrite() ? EPOLLOUT : 0u);
  if (fd != p->registered_fd_) {
    // A closed fd has already left the epoll set; DEL fails harmlessly then.
    if (p->registered_fd_ >= 0) epoll_ctl(epfd_, EPOLL_CTL_DEL, p->registered_fd_, nullptr);
    p->registered_fd_ = -1;
    p->registered_events_ = 0;
    if (fd < 0) return;
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = p;
    if (epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev) == 0) {
      p->registered_fd_ = fd;
      p->registered_events_ = events;
    }
    return;
  }
  if (fd >= 0 && events != p->registered_events_) {
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = p;
    epoll_ctl(epfd_, EPOLL_CTL_MOD, fd, &ev);
    p->registered_events_ = events;
  }
}

void EventLoop::Start() { thread_ = std::thread([this] { Run(); }); }

void EventLoop::Stop() {
  if (!thread_.joinable()) return;
  Post([this] {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  });
  thread_.join();
}

void EventLoop::RunTasks() {
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    tasks.swap(tasks_);
  }
  for (auto& t : tasks) t();
}

void EventLoop::Run() {
  epoll_event events[kMaxEvents];
  Clock::time_point next_tick = Clock::now() + kTick;
  for (;;) {
    const auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Clock::now());
    int n = epoll_wait(epfd_, events, kMaxEvents, std::max<int>(0, static_cast<int>(wait_ms.count())));
    const Clock::time_point now = Clock::now();
    for (int i = 0; i < n; ++i) {
      auto* p = static_cast<Pollable*>(events[i].data.ptr);
      if (p == nullptr) {
        uint64_t count;
        ssize_t ignored = read(wakefd_, &count, sizeof count);
        (void)ignored;
        RunTasks();
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (stop_) return;
        }
        // Tasks may have changed any member's interest.
        for (Pollable* m : members_) Sync(m);
        continue;
      }
      // A member removed by an earlier event or task of this round no
      // longer owns the registration it had.
      if (p->registered_fd_ < 0) continue;
      p->OnEvent(events[i].events, now);
      Sync(p);
    }
    if (now >= next_tick) {
      next_tick = now + kTick;
      for (size_t i = 0; i < members_.size(); ++i) {
        Pollable* m = members_[i];
        m->OnTick(now);
        Sync(m);
      }
    }
  }
}

}  // namespace meshbgp::loadgen
