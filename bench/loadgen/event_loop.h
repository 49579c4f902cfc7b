// One epoll thread serving a share of the sessions. Everything a session
// does happens on its loop's thread; other threads reach it only through
// Post(). Level-triggered: a session is polled for writing only while it
// has something to send.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <type_traits>
#include <thread>
#include <vector>

#include "bench/loadgen/progress.h"

namespace meshbgp::loadgen {

// Something with a file descriptor the loop watches.
class Pollable {
 public:
  virtual ~Pollable() = default;
  virtual int fd() const = 0;  // -1: nothing to watch right now
  virtual bool WantsWrite() const = 0;
  virtual void OnEvent(uint32_t epoll_events, Clock::time_point now) = 0;
  // Timers (keepalives, reconnects), about every 100 ms.
  virtual void OnTick(Clock::time_point now) = 0;

 protected:
  // Call right after closing fd(): the kernel dropped it from the epoll set,
  // and a new socket may reuse the number.
  void ForgetRegistration() {
    registered_fd_ = -1;
    registered_events_ = 0;
  }

 private:
  friend class EventLoop;
  int registered_fd_ = -1;
  uint32_t registered_events_ = 0;
};

class EventLoop {
 public:
  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs `task` on the loop's thread (soon, in posting order).
  void Post(std::function<void()> task);
  // Runs `fn` on the loop's thread; the future holds its result.
  template <typename F>
  std::future<std::invoke_result_t<F>> Submit(F fn) {
    using R = std::invoke_result_t<F>;
    auto task = std::make_shared<std::packaged_task<R()>>(std::move(fn));
    std::future<R> result = task->get_future();
    Post([task] { (*task)(); });
    return result;
  }
  // Loop thread only: start watching `p`, which outlives the loop's use of it.
  void Add(Pollable* p);
  // Loop thread only: stop watching `p` (before its fd closes for good).
  void Remove(Pollable* p);

  void Start();
  void Stop();  // returns once the thread has exited

 private:
  void Run();
  void Sync(Pollable* p);  // makes epoll's view match p's fd and interest
  void RunTasks();

  int epfd_ = -1;
  int wakefd_ = -1;
  std::vector<Pollable*> members_;
  std::mutex mu_;
  std::vector<std::function<void()>> tasks_;
  bool stop_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace meshbgp::loadgen
