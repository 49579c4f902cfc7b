#include "bench/loadgen/report.h"

#include <algorithm>

namespace meshbgp::loadgen {
namespace {

using Json = nlohmann::json;

Json Seconds(const std::optional<Clock::time_point>& t, Clock::time_point origin) {
  if (!t) return nullptr;
  return std::chrono::duration<double>(*t - origin).count();
}

Json SessionJson(const Session::Stats& s, Clock::time_point origin) {
  const bool client = s.config.role == Session::Role::kClient;
  Json j = {
      {"address", wire::Ipv4ToString(client ? s.config.local_addr : s.config.remote_addr)},
      {"asn", client ? s.config.local_as : s.remote_as},
      {"state", StateName(s.state)},
      {"expected", s.expected},
      {"received", s.received},
      {"foreign", s.foreign},
      {"withdrawn", s.withdrawn},
      {"updates_in", s.updates_in},
      {"bytes_in", s.bytes_in},
      {"bytes_out", s.bytes_out},
      {"max_message_size", s.max_message_size},
      {"t_complete", Seconds(s.complete, origin)},
  };
  if (client) {
    j["own_echoed"] = s.own_echoed;
    j["update_bytes"] = s.update_bytes;
    j["connect_attempts"] = s.connect_attempts;
    j["t_first_write"] = Seconds(s.first_write, origin);
    j["t_written"] = Seconds(s.all_written, origin);
  }
  j["error"] = s.error.empty() ? Json(nullptr) : Json(s.error);
  return j;
}

// Latest of a milestone over sessions, or nullopt unless every one has it.
template <typename Get>
std::optional<Clock::time_point> LatestOfAll(const std::vector<Session::Stats>& v, Get get) {
  std::optional<Clock::time_point> latest;
  for (const auto& s : v) {
    auto t = get(s);
    if (!t) return std::nullopt;
    if (!latest || *t > *latest) latest = t;
  }
  return latest;
}

}  // namespace

Json BuildReport(const Options& o, const RunResult& r) {
  const Clock::time_point origin = r.established.value_or(r.start);
  const std::vector<Session::Stats>& counted = o.sink ? r.sink_ends : r.clients;

  std::optional<Clock::time_point> first_write;
  for (const auto& s : r.clients) {
    if (s.first_write && (!first_write || *s.first_write < *first_write)) first_write = s.first_write;
  }
  auto all_written = LatestOfAll(r.clients, [](const auto& s) { return s.all_written; });
  auto all_complete = counted.size() == o.clients()
                          ? LatestOfAll(counted, [](const auto& s) { return s.complete; })
                          : std::nullopt;

  std::vector<double> per_session;
  for (const auto& s : counted) {
    if (s.complete && first_write) {
      per_session.push_back(std::chrono::duration<double>(*s.complete - *first_write).count());
    }
  }
  Json median = nullptr;
  if (!per_session.empty()) {
    std::sort(per_session.begin(), per_session.end());
    const size_t n = per_session.size();
    median = n % 2 ? per_session[n / 2] : (per_session[n / 2 - 1] + per_session[n / 2]) / 2;
  }
  auto since_first_write = [&](const std::optional<Clock::time_point>& t) -> Json {
    if (!t || !first_write) return nullptr;
    return std::chrono::duration<double>(*t - *first_write).count();
  };

  Json j = {
      {"mode", o.sink ? "sink" : "route-server"},
      {"rs", wire::Ipv4ToString(o.rs_addr) + ":" + std::to_string(o.rs_port)},
      {"clients", o.clients()},
      {"prefixes_per_client", o.prefixes},
      {"expected_per_session",
       o.sink ? uint64_t{o.prefixes} : uint64_t{o.prefixes} * (o.clients() - 1)},
      {"t_connect", Seconds(r.established, r.start)},
      {"t_first_write", Seconds(first_write, origin)},
      {"t_all_written", Seconds(all_written, origin)},
      {"t_all_complete", Seconds(all_complete, origin)},
      {"complete_s", since_first_write(all_complete)},
      {"written_s", since_first_write(all_written)},
      {"median_session_complete_s", median},
      {"sessions_complete",
       std::count_if(counted.begin(), counted.end(), [](const auto& s) { return s.complete; })},
      {"timeout", r.timeout},
      {"error", r.error.empty() ? Json(nullptr) : Json(r.error)},
  };
  Json sessions = Json::array();
  for (const auto& s : r.clients) sessions.push_back(SessionJson(s, origin));
  j["sessions"] = std::move(sessions);
  if (o.sink) {
    Json ends = Json::array();
    for (const auto& s : r.sink_ends) ends.push_back(SessionJson(s, origin));
    j["sink_sessions"] = std::move(ends);
  }
  return j;
}

}  // namespace meshbgp::loadgen
