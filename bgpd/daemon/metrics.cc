#include "bgpd/daemon/metrics.h"

#include <chrono>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include <absl/strings/str_split.h>

#include "bgpd/api/prometheus_text.h"
#include "bgpd/daemon/daemon.h"
#include "bgpd/daemon/mesh_link.h"
#include "bgpd/daemon/mrt_update_log.h"
#include "bgpd/daemon/process_stats.h"
#include "bgpd/daemon/route_counts.h"

namespace meshbgp::daemon {

namespace {

using api::PrometheusText;
using Type = PrometheusText::Type;

constexpr session::State kStates[] = {session::State::kIdle,        session::State::kConnect,
                                      session::State::kActive,      session::State::kOpenSent,
                                      session::State::kOpenConfirm, session::State::kEstablished};

const char* FamilyLabel(size_t f) { return wire::FamilyName(static_cast<wire::Family>(f)); }

// "GROUP|<rules>|as4|4096[|evpn]" -> ("GROUP as4 4096", family). The rules
// pointer changes on reload, so it stays out of the label.
std::pair<std::string, std::string> UpdateGroupLabels(const std::string& key) {
  std::vector<std::string> parts = absl::StrSplit(key, '|');
  std::string family = parts.size() > 4 ? parts[4] : "ipv4";
  std::string name = parts.empty() ? key : parts[0];
  if (parts.size() > 3) name += " " + parts[2] + " " + parts[3];
  return {name, family};
}

void Notifications(PrometheusText& m, const std::vector<session::PeerTotals>& peers, bool sent) {
  m.Family(sent ? "meshbgp_peer_notifications_sent_total" : "meshbgp_peer_notifications_received_total",
           Type::kCounter,
           sent ? "NOTIFICATION messages sent to the peer, by error code and subcode."
                : "NOTIFICATION messages received from the peer, by error code and subcode.");
  for (const auto& p : peers) {
    for (const auto& [c, n] : sent ? p.notifications_sent : p.notifications_received) {
      const std::string code = std::to_string(c >> 8), sub = std::to_string(c & 0xff);
      m.Sample({{"peer", p.address}, {"code", code}, {"subcode", sub}}, n);
    }
  }
}

void PeerCounter(PrometheusText& m, const std::vector<session::PeerTotals>& peers, const char* name,
                 const char* help, uint64_t session::PeerTotals::*field) {
  m.Family(name, Type::kCounter, help);
  for (const auto& p : peers) m.Sample({{"peer", p.address}}, p.*field);
}

void PeerFamilyCounter(PrometheusText& m, const std::vector<session::PeerTotals>& peers,
                       const char* name, const char* help,
                       std::array<uint64_t, wire::kFamilyCount> session::PeerTotals::*field) {
  m.Family(name, Type::kCounter, help);
  for (const auto& p : peers)
    for (size_t f = 0; f < wire::kFamilyCount; ++f)
      m.Sample({{"peer", p.address}, {"family", FamilyLabel(f)}}, (p.*field)[f]);
}

void Process(PrometheusText& m, Daemon& d) {
  const ProcessStats ps = ReadProcessStats();
  m.Family("meshbgp_build_info", Type::kGauge, "Always 1; the labels say which build runs.");
  m.Sample({{"version", PROJECT_VERSION}, {"compiler", __VERSION__}}, uint64_t{1});
  const auto up = std::chrono::steady_clock::now() - d.started();
  const double start = std::chrono::duration<double>(
                           (std::chrono::system_clock::now() - up).time_since_epoch()).count();
  m.Family("meshbgp_process_start_time_seconds", Type::kGauge, "Start time of the daemon, Unix seconds.");
  m.Sample({}, static_cast<double>(static_cast<int64_t>(start)));
  m.Family("meshbgp_process_resident_memory_bytes", Type::kGauge, "Resident set size.");
  m.Sample({}, ps.resident_bytes);
  m.Family("meshbgp_process_virtual_memory_bytes", Type::kGauge, "Virtual memory size.");
  m.Sample({}, ps.virtual_bytes);
  m.Family("meshbgp_process_cpu_seconds_total", Type::kCounter, "User and system CPU time.");
  m.Sample({}, ps.cpu_seconds);
  m.Family("meshbgp_process_threads", Type::kGauge, "Threads of the process.");
  m.Sample({}, ps.threads);
  m.Family("meshbgp_process_open_fds", Type::kGauge, "Open file descriptors.");
  m.Sample({}, ps.open_fds);
}

void Sessions(PrometheusText& m, Daemon& d) {
  const auto snapshots = d.speaker().Snapshots();
  std::map<session::State, uint64_t> by_state;
  for (const auto& s : snapshots) ++by_state[s.state];
  m.Family("meshbgp_sessions", Type::kGauge, "BGP sessions (connections) by FSM state.");
  for (session::State st : kStates) m.Sample({{"state", session::StateName(st)}}, by_state[st]);

  // One series per peer address: up if any of its connections is Established.
  std::map<std::string, const session::SessionSnapshot*> by_peer;
  for (const auto& s : snapshots) {
    auto [it, added] = by_peer.emplace(s.remote_address, &s);
    if (!added && s.state == session::State::kEstablished) it->second = &s;
  }
  m.Family("meshbgp_peer_up", Type::kGauge, "1 when a session with the peer is Established.");
  for (const auto& [addr, s] : by_peer) {
    const std::string as = std::to_string(s->peer_as);
    m.Sample({{"peer", addr}, {"group", s->group}, {"peer_as", as}},
             uint64_t{s->state == session::State::kEstablished});
  }
  m.Family("meshbgp_peer_established_seconds", Type::kGauge,
           "How long the peer's session has been Established.");
  const auto now = std::chrono::steady_clock::now();
  for (const auto& [addr, s] : by_peer) {
    if (s->state != session::State::kEstablished) continue;
    m.Sample({{"peer", addr}}, static_cast<uint64_t>(
                                   std::chrono::duration_cast<std::chrono::seconds>(now - s->state_since).count()));
  }
}

void PeerCounters(PrometheusText& m, Daemon& d) {
  using session::PeerTotals;
  const auto peers = d.speaker().peer_stats().Collect();
  PeerCounter(m, peers, "meshbgp_peer_flaps_total", "Established sessions with the peer that went down.",
              &PeerTotals::flaps);
  PeerCounter(m, peers, "meshbgp_peer_messages_received_total", "BGP messages received from the peer.",
              &PeerTotals::messages_in);
  PeerCounter(m, peers, "meshbgp_peer_messages_sent_total", "BGP messages sent to the peer.",
              &PeerTotals::messages_out);
  PeerCounter(m, peers, "meshbgp_peer_updates_received_total", "UPDATE messages received from the peer.",
              &PeerTotals::updates_in);
  PeerCounter(m, peers, "meshbgp_peer_updates_sent_total", "UPDATE messages sent to the peer.",
              &PeerTotals::updates_out);
  Notifications(m, peers, /*sent=*/true);
  Notifications(m, peers, /*sent=*/false);
  PeerFamilyCounter(m, peers, "meshbgp_peer_prefixes_received_total",
                    "Prefix announcements received from the peer.", &PeerTotals::prefixes_received);
  PeerFamilyCounter(m, peers, "meshbgp_peer_prefixes_rejected_total",
                    "Prefix announcements from the peer that import checks or RFC 7606 dropped.",
                    &PeerTotals::prefixes_rejected);
}

void PeerRoutes(PrometheusText& m, Daemon& d) {
  std::vector<std::shared_ptr<session::Session>> established;
  for (auto& s : d.speaker().Sessions())
    if (s->state() == session::State::kEstablished) established.push_back(std::move(s));
  const RouteCounts counts = CountRoutes(d.exchange(), established);
  m.Family("meshbgp_peer_prefixes_accepted", Type::kGauge,
           "Paths from the peer held in the Loc-RIB (its post-policy Adj-RIB-In).");
  for (const auto& s : established) {
    auto it = counts.accepted.find(s->peer().id);
    for (size_t f = 0; f < wire::kFamilyCount; ++f) {
      if (!s->negotiated().has(static_cast<wire::Family>(f))) continue;
      m.Sample({{"peer", s->address_text()}, {"family", FamilyLabel(f)}},
               it == counts.accepted.end() ? uint64_t{0} : it->second[f]);
    }
  }
  m.Family("meshbgp_peer_prefixes_advertised", Type::kGauge,
           "Prefixes the peer's export rules select for it now.");
  for (size_t i = 0; i < established.size(); ++i) {
    for (size_t f = 0; f < wire::kFamilyCount; ++f) {
      if (!established[i]->negotiated().has(static_cast<wire::Family>(f))) continue;
      m.Sample({{"peer", established[i]->address_text()}, {"family", FamilyLabel(f)}},
               counts.advertised[i][f]);
    }
  }
}

void Rib(PrometheusText& m, Daemon& d) {
  const auto& ex = d.exchange();
  m.Family("meshbgp_rib_prefixes", Type::kGauge, "Destinations in the Loc-RIB.");
  m.Sample({{"family", "ipv4"}}, uint64_t{ex.ipv4().PrefixCount()});
  m.Sample({{"family", "evpn"}}, uint64_t{ex.evpn().PrefixCount()});
  m.Family("meshbgp_rib_paths", Type::kGauge, "Paths in the Loc-RIB (every peer's).");
  m.Sample({{"family", "ipv4"}}, uint64_t{ex.ipv4().PathCount()});
  m.Sample({{"family", "evpn"}}, uint64_t{ex.evpn().PathCount()});
  m.Family("meshbgp_attribute_sets", Type::kGauge, "Distinct interned path-attribute sets.");
  m.Sample({}, uint64_t{ex.attrs().size()});

  // Groups with the same labels (a reload briefly keeps old and new) add up.
  std::map<std::pair<std::string, std::string>, rib::UpdateGroupStats> groups;
  std::map<std::string, uint64_t> per_family{{"ipv4", 0}, {"evpn", 0}};
  for (const auto& [key, st] : ex.GroupStats()) {
    auto labels = UpdateGroupLabels(key);
    ++per_family[labels.second];
    rib::UpdateGroupStats& g = groups[labels];
    g.members += st.members;
    g.pending += st.pending;
    g.messages += st.messages;
    g.prefixes += st.prefixes;
  }
  m.Family("meshbgp_update_groups", Type::kGauge, "Update groups (shared Adj-RIB-Out) per family.");
  for (const auto& [family, n] : per_family) m.Sample({{"family", family}}, n);
  auto each = [&](const char* name, Type type, const char* help, auto field) {
    m.Family(name, type, help);
    for (const auto& [labels, g] : groups)
      m.Sample({{"update_group", labels.first}, {"family", labels.second}}, uint64_t{g.*field});
  };
  each("meshbgp_update_group_members", Type::kGauge, "Sessions in the update group.",
       &rib::UpdateGroupStats::members);
  each("meshbgp_update_group_pending_prefixes", Type::kGauge,
       "Changed destinations waiting to be encoded (the group's queue depth).",
       &rib::UpdateGroupStats::pending);
  each("meshbgp_update_group_messages_total", Type::kCounter, "UPDATE messages the group encoded.",
       &rib::UpdateGroupStats::messages);
  each("meshbgp_update_group_prefixes_total", Type::kCounter,
       "Announcements and withdrawals the group encoded.", &rib::UpdateGroupStats::prefixes);
}

// DNS discovery of each mesh group: what `bgpctl show mesh` shows.
void Mesh(PrometheusText& m, Daemon& d) {
  const std::vector<MeshGroupView> view = d.mesh().View();
  auto each = [&](const char* name, Type type, const char* help, auto value) {
    m.Family(name, type, help);
    for (const MeshGroupView& g : view) {
      if (g.status) m.Sample({{"group", g.group}, {"name", g.source.dns}}, value(*g.status));
    }
  };
  each("meshbgp_mesh_resolved_addresses", Type::kGauge, "Addresses in the mesh name's last DNS answer.",
       [](const mesh::MeshStatus& st) { return uint64_t{st.resolved.size()}; });
  each("meshbgp_mesh_peers", Type::kGauge, "Resolved addresses chosen as peers (not ours, max_peers).",
       [](const mesh::MeshStatus& st) { return uint64_t{st.peers.size()}; });
  m.Family("meshbgp_mesh_last_resolution_timestamp_seconds", Type::kGauge,
           "When the mesh name last got a DNS answer (NXDOMAIN included), Unix seconds.");
  for (const MeshGroupView& g : view) {
    if (!g.status || !g.status->last_resolution) continue;
    m.Sample({{"group", g.group}, {"name", g.source.dns}},
             static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                     g.status->last_resolution->time_since_epoch())
                                     .count()));
  }
  each("meshbgp_mesh_resolutions_total", Type::kCounter, "DNS resolutions of the mesh name that ended.",
       [](const mesh::MeshStatus& st) { return st.resolutions; });
  each("meshbgp_mesh_resolution_errors_total", Type::kCounter,
       "DNS resolutions of the mesh name that failed (timeout, SERVFAIL; NXDOMAIN is an answer).",
       [](const mesh::MeshStatus& st) { return st.errors; });
  each("meshbgp_mesh_resolution_consecutive_errors", Type::kGauge,
       "Failed resolutions since the last good answer (0 = healthy); retries back off.",
       [](const mesh::MeshStatus& st) { return uint64_t{st.consecutive_errors}; });
  m.Family("meshbgp_mesh_peer_state", Type::kGauge,
           "1 for the FSM state of the session with each resolved address, 0 for the others.");
  for (const MeshGroupView& g : view) {
    for (const MeshGroupView::Peer& p : g.peers) {
      for (session::State st : kStates) {
        m.Sample({{"group", g.group}, {"peer", p.address}, {"state", session::StateName(st)}},
                 uint64_t{p.state == st});
      }
    }
  }
}

void UpdateLog(PrometheusText& m, Daemon& d) {
  const MrtUpdateLog::Stats st = d.update_log().stats();
  const std::tuple<const char*, Type, const char*, uint64_t> series[] = {
      {"meshbgp_mrt_update_records_total", Type::kCounter,
       "BGP4MP records (UPDATEs received, state changes) handed to the MRT update log's writer.", st.records},
      {"meshbgp_mrt_update_records_dropped_total", Type::kCounter,
       "BGP4MP records dropped because the writer's queue was full (the disk did not keep up).", st.dropped},
      {"meshbgp_mrt_update_queue_bytes", Type::kGauge, "Encoded records waiting for the disk.", st.queued_bytes},
      {"meshbgp_mrt_update_written_bytes_total", Type::kCounter, "Bytes written to MRT update log files.",
       st.bytes_written},
      {"meshbgp_mrt_update_files_total", Type::kCounter, "MRT update log files opened (rotations).", st.files},
      {"meshbgp_mrt_update_write_errors_total", Type::kCounter, "Failed opens and writes of MRT update log files.",
       st.write_errors},
  };
  for (const auto& [name, type, help, value] : series) {
    m.Family(name, type, help);
    m.Sample({}, value);
  }
}

}  // namespace

std::string RenderMetrics(Daemon& d) {
  PrometheusText m;
  Process(m, d);
  Sessions(m, d);
  PeerCounters(m, d);
  PeerRoutes(m, d);
  Rib(m, d);
  Mesh(m, d);
  UpdateLog(m, d);
  return m.Take();
}

}  // namespace meshbgp::daemon
