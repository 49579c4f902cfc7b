#include "bgpd/daemon/mesh_link.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "bgpd/config/duration.h"
#include "mesh/local_addresses.h"

namespace meshbgp::daemon {
namespace {

std::string UtcText(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool Contains(const std::vector<mesh::Address>& v, const mesh::Address& a) {
  return std::find(v.begin(), v.end(), a) != v.end();
}

}  // namespace

MeshLink::MeshLink(boost::asio::io_context& io, session::Speaker& speaker)
    : io_(io), speaker_(speaker) {}

MeshLink::~MeshLink() { Stop(); }

absl::Status MeshLink::Configure(const config::Config& base) {
  std::vector<Spec> specs;
  for (const config::Group& g : base.groups) {
    if (g.mesh) specs.push_back({g.name, *g.mesh});
  }
  std::lock_guard lock(mu_);
  base_ = base;
  if (specs != specs_ || (discovery_ == nullptr && !specs.empty())) {
    // Peers found under a name that changed are not peers of the new one;
    // groups whose timing alone changed keep theirs until the new answer.
    for (auto it = members_.begin(); it != members_.end();) {
      auto same = std::find_if(specs.begin(), specs.end(), [&](const Spec& s) {
        return s.group == it->first &&
               std::any_of(specs_.begin(), specs_.end(), [&](const Spec& old) {
                 return old.group == s.group && old.source.dns == s.source.dns &&
                        old.source.port == s.source.port;
               });
      });
      it = same == specs.end() ? members_.erase(it) : std::next(it);
    }
    StartDiscoveryLocked(base, std::move(specs));
  } else if (discovery_) {
    // A reload (SIGHUP) also re-resolves now, whatever the backoff says.
    discovery_->ResolveNow();
  }
  return ApplyLocked();
}

void MeshLink::StartDiscoveryLocked(const config::Config& base, std::vector<Spec> specs) {
  if (discovery_) discovery_->Stop();
  discovery_.reset();
  specs_ = std::move(specs);
  const uint64_t generation = ++generation_;
  if (specs_.empty()) return;

  const char* pod_ip = std::getenv("POD_IP");
  auto local = mesh::LocalAddresses(pod_ip ? pod_ip : "");
  if (local.ok()) {
    local_ = *std::move(local);
  } else {
    spdlog::warn("mesh: cannot list local addresses ({}); only POD_IP is excluded",
                 std::string(local.status().message()));
    local_.clear();
    boost::system::error_code ec;
    if (pod_ip) {
      auto a = boost::asio::ip::make_address(pod_ip, ec);
      if (!ec) local_.push_back(a);
    }
  }
  std::vector<mesh::MeshGroupSpec> groups;
  for (const Spec& s : specs_) {
    groups.push_back({.group = s.group,
                      .dns = s.source.dns,
                      .interval = s.source.interval,
                      .max_peers = s.source.max_peers,
                      .grace = s.source.empty_grace});
  }
  mesh::DiscoveryOptions options;
  options.router_id = base.router_id;
  options.local_addresses = local_;
  // on_change runs on the discovery's strand; the speaker is configured
  // from the io_context under our own lock, never inside the callback
  // (Stop() waits for a running callback while we may hold mu_).
  auto d = mesh::Discovery::Create(
      io_.get_executor(), std::move(groups), std::move(options),
      [this, generation](const std::string& group, const std::vector<mesh::Address>&,
                         const std::vector<mesh::Address>&) {
        boost::asio::post(io_, [this, generation, group] { OnChange(generation, group); });
      });
  if (!d.ok()) {
    // Only bad resolver options fail here; the mesh stays empty, logged.
    spdlog::error("mesh discovery not started: {}", std::string(d.status().message()));
    return;
  }
  discovery_ = *std::move(d);
  discovery_->Start();
}

void MeshLink::OnChange(uint64_t generation, const std::string& group) {
  std::lock_guard lock(mu_);
  if (generation != generation_ || discovery_ == nullptr) return;
  for (const mesh::MeshStatus& st : discovery_->Status()) {
    if (st.group != group) continue;
    session::MeshMembers m{group, st.peers, {}};
    for (const auto& a : st.resolved) {
      if (!std::binary_search(local_.begin(), local_.end(), a)) m.resolved.push_back(a);
    }
    // During an empty answer's grace period the kept peers still count.
    for (const auto& a : st.peers) {
      if (!Contains(m.resolved, a)) m.resolved.push_back(a);
    }
    std::sort(m.resolved.begin(), m.resolved.end());
    members_[group] = std::move(m);
  }
  absl::Status st = ApplyLocked();
  if (!st.ok()) spdlog::error("mesh {}: applying the new peers failed: {}", group, std::string(st.message()));
}

absl::Status MeshLink::ApplyLocked() {
  std::vector<session::MeshMembers> members;
  for (const auto& [group, m] : members_) members.push_back(m);
  return speaker_.Configure(session::WithMeshNeighbors(base_, members));
}

void MeshLink::Stop() {
  std::lock_guard lock(mu_);
  ++generation_;
  if (discovery_) discovery_->Stop();
}

bool MeshLink::Synced() const {
  std::lock_guard lock(mu_);
  if (discovery_ == nullptr) return specs_.empty();
  for (const mesh::MeshStatus& st : discovery_->Status()) {
    if (!st.last_resolution) return false;
    auto it = members_.find(st.group);
    if (it == members_.end()) {
      if (!st.peers.empty()) return false;  // the change is on its way
      continue;
    }
    for (const auto& a : it->second.peers) {
      if (!speaker_.InitialTableReceived(a)) return false;
    }
  }
  return true;
}

std::vector<MeshGroupView> MeshLink::View() const {
  const auto snapshots = speaker_.Snapshots();
  std::lock_guard lock(mu_);
  const std::vector<mesh::MeshStatus> statuses =
      discovery_ ? discovery_->Status() : std::vector<mesh::MeshStatus>{};
  std::vector<MeshGroupView> view;
  for (const Spec& spec : specs_) {
    MeshGroupView g{.group = spec.group, .source = spec.source};
    for (const mesh::MeshStatus& st : statuses) {
      if (st.group == spec.group) g.status = st;
    }
    if (auto it = members_.find(spec.group); it != members_.end()) {
      for (const auto& a : it->second.resolved) {
        MeshGroupView::Peer p{.address = a.to_string(),
                              .chosen = Contains(it->second.peers, a),
                              .initial_table_received = speaker_.InitialTableReceived(a)};
        for (const auto& s : snapshots) {
          if (s.remote_address == p.address) p.state = s.state;
        }
        g.peers.push_back(std::move(p));
      }
    }
    view.push_back(std::move(g));
  }
  return view;
}

nlohmann::json MeshLink::Json() const {
  using nlohmann::json;
  json groups = json::array();
  for (const MeshGroupView& v : View()) {
    json g;
    g["name"] = v.group;
    g["dns"] = v.source.dns;
    g["port"] = v.source.port;
    g["interval"] = config::DurationToString(v.source.interval);
    g["max_peers"] = v.source.max_peers;
    g["empty_grace"] = config::DurationToString(v.source.empty_grace);
    json resolved = json::array();
    g["last_resolution"] = nullptr;
    g["error"] = "";
    if (const auto& st = v.status) {
      for (const auto& a : st->resolved) resolved.push_back(a.to_string());
      g["ttl_s"] = st->ttl.count();
      if (st->last_resolution) {
        g["last_resolution"] = UtcText(*st->last_resolution);
        g["last_resolution_age_s"] = std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now() - *st->last_resolution)
                                         .count();
      }
      g["error"] = st->last_error;
      g["consecutive_errors"] = st->consecutive_errors;
      g["resolutions"] = st->resolutions;
      g["errors"] = st->errors;
    }
    g["resolved"] = std::move(resolved);
    json peers = json::array();
    for (const MeshGroupView::Peer& p : v.peers) {
      peers.push_back({{"address", p.address},
                       {"chosen", p.chosen},
                       {"state", session::StateName(p.state)},
                       {"initial_table_received", p.initial_table_received}});
    }
    g["peers"] = std::move(peers);
    groups.push_back(std::move(g));
  }
  return json{{"groups", std::move(groups)}};
}

}  // namespace meshbgp::daemon
