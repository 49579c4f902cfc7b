#include "mesh/discovery.h"

#include <algorithm>
#include <string>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "mesh/backoff.h"

namespace meshbgp::mesh {
namespace {

std::string Join(const std::vector<Address>& v) {
  std::string out;
  for (const auto& a : v) {
    if (!out.empty()) out += ' ';
    out += a.to_string();
  }
  return out.empty() ? "-" : out;
}

}  // namespace

struct Discovery::Group {
  Group(MeshGroupSpec s, uint32_t router_id,
        boost::asio::strand<boost::asio::any_io_executor>& strand)
      : spec(std::move(s)),
        peers(DesiredPeersOptions{router_id, spec.max_peers, spec.grace}),
        timer(strand) {}
  MeshGroupSpec spec;
  DesiredPeers peers;
  boost::asio::steady_timer timer;
  bool in_flight = false;
  bool empty_logged = false;  // this run of empty answers was already logged
  uint32_t errors = 0;
};

Discovery::Discovery(boost::asio::any_io_executor executor, DiscoveryOptions options,
                     OnMeshChange on_change)
    : strand_(boost::asio::make_strand(executor)),
      options_(std::move(options)),
      on_change_(std::move(on_change)),
      rng_(std::random_device{}()) {
  std::sort(options_.local_addresses.begin(), options_.local_addresses.end());
}

Discovery::~Discovery() = default;

absl::StatusOr<std::shared_ptr<Discovery>> Discovery::Create(
    boost::asio::any_io_executor executor, std::vector<MeshGroupSpec> groups,
    DiscoveryOptions options, OnMeshChange on_change) {
  auto resolver = Resolver::Create(executor, options.resolver);
  if (!resolver.ok()) return resolver.status();
  std::shared_ptr<Discovery> d(
      new Discovery(std::move(executor), std::move(options), std::move(on_change)));
  d->resolver_ = *std::move(resolver);
  for (auto& spec : groups) {
    d->status_.push_back(MeshStatus{.group = spec.group, .dns = spec.dns});
    d->groups_.push_back(
        std::make_unique<Group>(std::move(spec), d->options_.router_id, d->strand_));
  }
  return d;
}

void Discovery::Start() { ResolveNow(); }

void Discovery::ResolveNow() {
  boost::asio::post(strand_, [self = shared_from_this()] {
    if (self->stopped_) return;
    for (size_t i = 0; i < self->groups_.size(); ++i) self->Resolve(i);
  });
}

void Discovery::Stop() {
  {
    std::lock_guard lock(callback_mu_);
    stopped_ = true;
  }
  boost::asio::post(strand_, [self = shared_from_this()] {
    for (auto& g : self->groups_) g->timer.cancel();
    self->resolver_->Cancel();
  });
}

std::vector<MeshStatus> Discovery::Status() const {
  std::lock_guard lock(status_mu_);
  return status_;
}

void Discovery::Schedule(size_t index, std::chrono::milliseconds delay) {
  Group& g = *groups_[index];
  g.timer.expires_after(delay);
  g.timer.async_wait(boost::asio::bind_executor(
      strand_, [self = shared_from_this(), index](const boost::system::error_code& ec) {
        if (ec == boost::asio::error::operation_aborted || self->stopped_) return;
        self->Resolve(index);
      }));
}

void Discovery::Resolve(size_t index) {
  Group& g = *groups_[index];
  if (g.in_flight) return;
  g.in_flight = true;
  g.timer.cancel();
  resolver_->Resolve(g.spec.dns, [self = shared_from_this(), index](ResolveResult r) {
    boost::asio::post(self->strand_, [self, index, r = std::move(r)]() mutable {
      self->OnResult(index, std::move(r));
    });
  });
}

std::chrono::milliseconds Discovery::Backoff(uint32_t errors) {
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  return std::max(options_.min_delay, BackoffDelay(errors, options_.backoff_initial,
                                                   options_.backoff_max, u01(rng_)));
}

void Discovery::OnResult(size_t index, ResolveResult result) {
  using std::chrono::milliseconds;
  Group& g = *groups_[index];
  g.in_flight = false;
  if (stopped_) return;
  const auto now = Clock::now();
  const auto floor = options_.min_delay;
  milliseconds next = std::max(floor, g.spec.interval);
  PeerDiff diff;
  std::string error;
  const Resolution* answer = std::get_if<Resolution>(&result);
  if (answer != nullptr) {
    diff = g.peers.OnAnswer(answer->addresses, options_.local_addresses, now);
    g.errors = 0;
    g.empty_logged = false;
    // Re-resolve when the records expire if that comes before the period.
    next = std::max(floor, std::min<milliseconds>(next, answer->min_ttl));
  } else {
    const ResolveError& e = std::get<ResolveError>(result);
    if (e.kind == ResolveErrorKind::kCancelled) return;
    error = std::string(ToString(e.kind)) + ": " + e.message;
    if (IsDefinitive(e.kind)) {
      diff = g.peers.OnEmpty(now);
      g.errors = 0;
      // Wake up when the grace period ends so removal is not late.
      if (auto since = g.peers.empty_since(); since && !g.peers.peers().empty()) {
        const auto left = std::chrono::duration_cast<milliseconds>(
            *since + g.spec.grace - now);
        next = std::max(floor, std::min(next, left));
      }
      // Warn when it starts; a name that stays empty would flood the log.
      const auto level = g.empty_logged ? spdlog::level::debug : spdlog::level::warn;
      g.empty_logged = true;
      if (g.peers.peers().empty()) {
        spdlog::log(level, "mesh {}: {} has no addresses ({})", g.spec.group, g.spec.dns, error);
      } else {
        spdlog::log(level,
                    "mesh {}: {} has no addresses ({}); keeping {} peer(s) for the grace period",
                    g.spec.group, g.spec.dns, error, g.peers.peers().size());
      }
    } else {
      diff = g.peers.OnError(now);
      ++g.errors;
      next = Backoff(g.errors);
      spdlog::warn("mesh {}: resolving {} failed ({}), attempt {}; retrying in {} ms",
                   g.spec.group, g.spec.dns, error, g.errors, next.count());
    }
  }
  bool resolved_changed = false;
  {
    std::lock_guard lock(status_mu_);
    MeshStatus& st = status_[index];
    const std::vector<Address> before = st.resolved;
    if (answer != nullptr) {
      st.resolved = answer->addresses;
      st.ttl = answer->min_ttl;
      st.last_resolution = std::chrono::system_clock::now();
    } else if (IsDefinitive(std::get<ResolveError>(result).kind)) {
      st.resolved.clear();
      st.ttl = std::chrono::seconds(0);
      st.last_resolution = std::chrono::system_clock::now();
    }
    st.last_error = error;
    st.consecutive_errors = g.errors;
    ++st.resolutions;
    if (answer == nullptr && !IsDefinitive(std::get<ResolveError>(result).kind)) ++st.errors;
    st.peers = g.peers.peers();
    resolved_changed = answer != nullptr && st.resolved != before;
  }
  // A changed answer matters even when the chosen peers stay (max_peers):
  // every resolved address is a mesh member, never a client. (An empty
  // answer during the grace period changes nothing until it ends.)
  if (!diff.empty() || resolved_changed) {
    if (!diff.empty()) {
      spdlog::info("mesh {}: {} -> add [{}] remove [{}]", g.spec.group, g.spec.dns,
                   Join(diff.add), Join(diff.remove));
    }
    std::lock_guard lock(callback_mu_);
    if (!stopped_ && on_change_) on_change_(g.spec.group, diff.add, diff.remove);
  }
  Schedule(index, next);
}

}  // namespace meshbgp::mesh
