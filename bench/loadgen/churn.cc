// Session's churn and listener pieces (session.h: SendMore, Watch) and the
// withdrawal stream.
#include "bench/loadgen/churn.h"

#include <chrono>
#include <functional>
#include <thread>

#include "bench/loadgen/session.h"
#include "bgpd/wire/update.h"

namespace meshbgp::loadgen {

std::vector<uint8_t> EncodeWithdrawals(const Workload& workload, uint32_t client,
                                       size_t max_message_size) {
  std::vector<wire::Ipv4Prefix> prefixes;
  prefixes.reserve(workload.per_client());
  for (uint32_t i = 0; i < workload.per_client(); ++i)
    prefixes.push_back(workload.PrefixAt(workload.FirstIndexOf(client) + i));
  std::vector<uint8_t> out;
  wire::AppendIpv4Withdraws(prefixes, max_message_size, out);
  return out;
}

void Session::SendMore(std::vector<uint8_t> stream, Clock::time_point now) {
  if (stats_.state != State::kEstablished || !out_.stream_done()) return;
  more_ = std::move(stream);
  out_.SetStream(more_);
  Write(now);
}

void Session::Reannounce(Clock::time_point now) {
  if (stats_.state != State::kEstablished || !out_.stream_done()) return;
  out_.SetStream(stream_);
  Write(now);
}

void Session::Watch(uint64_t target) {
  watch_target_ = target;
  stats_.watch_reached.reset();
  CheckWatch();
}

void Session::CheckWatch() {
  if (watch_target_ && !stats_.watch_reached && counter_.counted() == *watch_target_)
    stats_.watch_reached = Clock::now();
}

bool Session::Announces() const {
  return config_.role == Role::kClient &&
         (config_.announcers == 0 || config_.index < config_.announcers);
}

namespace {

using Seconds = std::chrono::duration<double>;

// Sets every session but 0 to watch for `target(stats)` prefixes, runs
// `kick` on session 0's loop, and waits until all have reached it.
template <typename Target>
std::optional<double> Step(const std::vector<std::pair<Session*, EventLoop*>>& sessions,
                           Target target, std::function<void(Session&)> kick, double timeout_s,
                           std::string& error) {
  for (size_t i = 1; i < sessions.size(); ++i) {
    Session* s = sessions[i].first;
    sessions[i].second->Submit([s, &target] { s->Watch(target(s->GetStats())); }).get();
  }
  Session* churner = sessions[0].first;
  const Clock::time_point start = Clock::now();
  sessions[0].second->Submit([churner, kick] { kick(*churner); }).get();
  const Clock::time_point deadline = start + std::chrono::duration_cast<Clock::duration>(Seconds(timeout_s));
  while (Clock::now() < deadline) {
    std::optional<Clock::time_point> last = start;
    for (size_t i = 1; i < sessions.size() && last; ++i) {
      Session* s = sessions[i].first;
      Session::Stats st = sessions[i].second->Submit([s] { return s->GetStats(); }).get();
      if (st.state != Session::State::kEstablished) {
        error = "a session went down during churn: " + st.error;
        return std::nullopt;
      }
      if (!st.watch_reached) last.reset();
      else if (*st.watch_reached > *last) last = st.watch_reached;
    }
    if (last) return Seconds(*last - start).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  error = "churn step not reflected by every client after " + std::to_string(timeout_s) + " s";
  return std::nullopt;
}

}  // namespace

ChurnResult RunChurn(const std::vector<std::pair<Session*, EventLoop*>>& sessions,
                     const Workload& workload, double timeout_s) {
  ChurnResult r;
  if (sessions.size() < 2) {
    r.error = "--churn needs at least two clients";
    return r;
  }
  const uint64_t p = workload.per_client();
  const size_t max_size = sessions[0].first->GetStats().max_message_size;
  std::vector<uint8_t> withdrawals = EncodeWithdrawals(workload, 0, max_size);
  r.withdraw_s = Step(
      sessions, [p](const Session::Stats& st) { return st.expected - p; },
      [w = std::move(withdrawals)](Session& s) { s.SendMore(w, Clock::now()); }, timeout_s, r.error);
  if (!r.withdraw_s) return r;
  r.reannounce_s = Step(
      sessions, [](const Session::Stats& st) { return st.expected; },
      [](Session& s) { s.Reannounce(Clock::now()); }, timeout_s, r.error);
  return r;
}

}  // namespace meshbgp::loadgen
