#include "bench/loadgen/run.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "bench/loadgen/event_loop.h"
#include "bench/loadgen/progress.h"
#include "bench/loadgen/report.h"
#include "bench/loadgen/session.h"
#include "bench/loadgen/sink.h"
#include "bench/loadgen/workload.h"

namespace meshbgp::loadgen {
namespace {

using Seconds = std::chrono::duration<double>;

struct Client {
  std::unique_ptr<Session> session;
  EventLoop* loop;
};

// Runs fn(session) for every client on its own loop's thread; waits for all.
template <typename F>
auto OnEveryClient(std::vector<Client>& clients, F fn) {
  using R = decltype(fn(std::declval<Session&>()));
  std::vector<std::future<R>> futures;
  for (Client& c : clients) {
    Session* s = c.session.get();
    futures.push_back(c.loop->Submit([s, fn] { return fn(*s); }));
  }
  if constexpr (std::is_void_v<R>) {
    for (auto& f : futures) f.get();
  } else {
    std::vector<R> out;
    for (auto& f : futures) out.push_back(f.get());
    return out;
  }
}

std::string FormatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

void WaitForStdinEof() {
  char buf[256];
  while (read(STDIN_FILENO, buf, sizeof buf) > 0) {
  }
}

}  // namespace

int Run(const Options& o) {
  std::signal(SIGPIPE, SIG_IGN);
  const size_t n = o.clients();
  const Workload workload(o.prefix_base, static_cast<uint32_t>(n), o.prefixes, o.family);
  Progress progress;
  RunResult result;

  std::vector<std::unique_ptr<EventLoop>> loops;
  std::vector<EventLoop*> loop_ptrs;
  for (unsigned i = 0; i < o.threads; ++i) {
    loops.push_back(std::make_unique<EventLoop>());
    loop_ptrs.push_back(loops.back().get());
  }

  std::unique_ptr<Sink> sink;
  if (o.sink) {
    // Before any thread starts: this may switch namespaces for a moment.
    auto fd = ListenTcp(o.rs_addr, o.rs_port, o.sink_netns);
    if (!fd.ok()) {
      std::fprintf(stderr, "meshbgp-loadgen: sink: %s\n", std::string(fd.status().message()).c_str());
      return 2;
    }
    Sink::Config sc{o.rs_addr, o.rs_as, o.hold_time, o.extended_message, o.verbose};
    sink = std::make_unique<Sink>(*fd, sc, workload, progress, loop_ptrs);
    Sink* s = sink.get();
    loops[0]->Post([s, l = loops[0].get()] { l->Add(s); });
  }

  std::vector<Client> clients;
  for (size_t i = 0; i < n; ++i) {
    Session::Config c;
    c.role = Session::Role::kClient;
    c.index = static_cast<uint32_t>(i);
    c.local_addr = o.sources[i];
    c.local_as = o.local_as_base + static_cast<uint32_t>(i);
    c.remote_addr = o.rs_addr;
    c.remote_port = o.rs_port;
    c.expected_remote_as = o.rs_as;
    c.hold_time = o.hold_time;
    c.extended_message = o.extended_message;
    c.verbose = o.verbose;
    clients.push_back({std::make_unique<Session>(c, workload, progress), loop_ptrs[i % loops.size()]});
  }

  result.start = Clock::now();
  for (auto& l : loops) l->Start();
  for (Client& c : clients) {
    Session* s = c.session.get();
    EventLoop* l = c.loop;
    l->Post([s, l] {
      s->Connect(Clock::now());
      l->Add(s);
    });
  }

  auto all_up = [&](const Progress::Counts& c) {
    return c.established == n && (!o.sink || c.sink_established == n);
  };
  Progress::Counts counts = progress.WaitUntil(
      all_up, result.start + std::chrono::duration_cast<Clock::duration>(Seconds(o.connect_timeout_s)));
  if (!all_up(counts)) {
    result.timeout = true;
    result.error = "only " + std::to_string(counts.established) + " of " + std::to_string(n) +
                   " sessions Established after " + FormatSeconds(o.connect_timeout_s);
  } else {
    result.established = Clock::now();
    std::fprintf(stderr, "meshbgp-loadgen: %zu sessions Established in %.3f s; sending %zu x %u prefixes\n",
                 n, Seconds(*result.established - result.start).count(), n, o.prefixes);
    for (Client& c : clients) {
      Session* s = c.session.get();
      c.loop->Post([s] { s->StartUpdates(Clock::now()); });
    }
    auto done = [&](const Progress::Counts& c) { return c.complete >= n || !c.failures.empty(); };
    counts = progress.WaitUntil(
        done, *result.established + std::chrono::duration_cast<Clock::duration>(Seconds(o.timeout_s)));
    if (!counts.failures.empty()) {
      result.error = counts.failures.front();
      if (counts.failures.size() > 1) {
        result.error += " (and " + std::to_string(counts.failures.size() - 1) + " more)";
      }
    } else if (counts.complete < n) {
      result.timeout = true;
      result.error = "only " + std::to_string(counts.complete) + " of " + std::to_string(n) +
                     " sessions complete after " + FormatSeconds(o.timeout_s);
    }
  }

  result.clients = OnEveryClient(clients, [](Session& s) { return s.GetStats(); });
  if (sink) result.sink_ends = sink->CollectStats();
  std::cout << BuildReport(o, result).dump(1) << std::endl;
  const bool ok = result.error.empty();
  std::fprintf(stderr, "meshbgp-loadgen: %s\n", ok ? "complete" : result.error.c_str());

  if (o.wait_stdin) WaitForStdinEof();
  progress.Finish();
  for (Client& c : clients) {
    Session* s = c.session.get();
    EventLoop* l = c.loop;
    c.loop->Post([s, l] {
      l->Remove(s);
      s->Close();
    });
  }
  if (sink) {
    sink->CloseAll();
    loops[0]->Submit([s = sink.get(), l = loops[0].get()] { l->Remove(s); }).get();
  }
  for (auto& l : loops) l->Stop();
  return ok ? 0 : 1;
}

}  // namespace meshbgp::loadgen
