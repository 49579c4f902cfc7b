#include "bgpd/config/config_reader.h"

#include <absl/strings/str_cat.h>

#include "bgpd/config/asn.h"
#include "bgpd/config/default_config.h"
#include "bgpd/config/duration.h"
#include "bgpd/config/ip_prefix.h"
#include "bgpd/config/keywords.h"

namespace meshbgp::config {
namespace {

template <typename T>
void ReadUintInto(YamlReader& r, const YamlMap& m, std::string_view key, const UintRule& rule,
                  T& out) {
  if (const YAML::Node* n = m.Get(key)) {
    if (auto v = r.ReadUint(*n, m.PathOf(key), rule)) out = static_cast<T>(*v);
  }
}

// `out` is a std::string or a std::optional<std::string> (set when present).
template <typename T>
void ReadStringInto(YamlReader& r, const YamlMap& m, std::string_view key, const StringRule& rule,
                    T& out) {
  if (const YAML::Node* n = m.Get(key)) {
    if (auto v = r.ReadString(*n, m.PathOf(key), rule)) out = std::move(*v);
  }
}

template <typename T>
void ReadBoolInto(YamlReader& r, const YamlMap& m, std::string_view key, T& out) {
  if (const YAML::Node* n = m.Get(key)) {
    if (auto v = r.ReadBool(*n, m.PathOf(key))) out = *v;
  }
}

// A list, or a single scalar standing for a list of one (`peer_as: 65010`).
std::vector<std::pair<YAML::Node, std::string>> ListItems(YamlReader& r, const YAML::Node& node,
                                                          const std::string& path) {
  std::vector<std::pair<YAML::Node, std::string>> items;
  if (node.IsScalar()) {
    items.emplace_back(node, absl::StrCat(path, "[0]"));
    return items;
  }
  auto list = r.ReadList(node, path);
  if (!list) return items;
  for (size_t i = 0; i < list->size(); ++i) {
    items.emplace_back((*list)[i], absl::StrCat(path, "[", i, "]"));
  }
  return items;
}

std::optional<MeshSource> ReadMesh(YamlReader& r, const YAML::Node& node, const std::string& path) {
  auto m = r.ReadMap(node, path, {"dns", "port", "interval", "max_peers", "empty_grace"});
  if (!m) return std::nullopt;
  MeshSource mesh;
  ReadStringInto(r, *m, "dns", kDnsNameRule, mesh.dns);
  ReadUintInto(r, *m, "port", kPortRule, mesh.port);
  if (const YAML::Node* n = m->Get("interval")) {
    const std::string p = m->PathOf("interval");
    if (auto d = r.ReadWith(*n, p, ParseDuration)) {
      if (d->count() < kMinMeshIntervalMs) {
        r.Fail(*n, p, Expected(kMeshIntervalExpected, YamlReader::Describe(*n)));
      } else {
        mesh.interval = *d;
      }
    }
  }
  ReadUintInto(r, *m, "max_peers", kCountRule, mesh.max_peers);
  if (const YAML::Node* n = m->Get("empty_grace")) {
    if (auto d = r.ReadWith(*n, m->PathOf("empty_grace"), ParseDuration)) mesh.empty_grace = *d;
  }
  return mesh;
}

// Reads a graceful_restart block over `gr`, which holds what it overrides.
// select_defer_time is process-wide: only the top-level block has it.
void ReadGracefulRestart(YamlReader& r, const YAML::Node& node, const std::string& path,
                         bool top_level, GracefulRestartConfig& gr) {
  auto m = top_level ? r.ReadMap(node, path,
                                 {"enabled", "restart_time", "stale_routes_time", "notification",
                                  "select_defer_time"})
                     : r.ReadMap(node, path,
                                 {"enabled", "restart_time", "stale_routes_time", "notification"});
  if (!m) return;
  ReadBoolInto(r, *m, "enabled", gr.enabled);
  ReadUintInto(r, *m, "restart_time", kRestartTimeRule, gr.restart_time);
  ReadUintInto(r, *m, "stale_routes_time", kGrSecondsRule, gr.stale_routes_time);
  ReadBoolInto(r, *m, "notification", gr.notification);
  if (top_level) ReadUintInto(r, *m, "select_defer_time", kGrSecondsRule, gr.select_defer_time);
}

Group ReadGroup(YamlReader& r, const YAML::Node& node, const std::string& path,
                const Config& top) {
  Group g;
  g.hold_time = top.hold_time;
  g.graceful_restart = top.graceful_restart;
  auto m = r.ReadMap(node, path,
                     {"name", "type", "families", "mesh", "allow", "peer_as", "route_server",
                      "route_reflector", "cluster_id", "multihop", "ttl_security", "password",
                      "max_prefixes", "passive", "hold_time", "max_prefixes_restart",
                      "max_sessions", "max_connects_per_minute",
                      "graceful_restart"});
  if (!m) return g;
  ReadStringInto(r, *m, "name", kGroupNameRule, g.name);
  if (const YAML::Node* n = m->Get("type")) {
    if (auto v = r.ReadString(*n, m->PathOf("type"), kGroupTypeRule)) g.type = *ParseGroupType(*v);
  }
  if (const YAML::Node* n = m->Get("families")) {
    g.families.clear();
    if (auto list = r.ReadList(*n, m->PathOf("families"))) {
      for (size_t i = 0; i < list->size(); ++i) {
        const std::string p = absl::StrCat(m->PathOf("families"), "[", i, "]");
        if (auto v = r.ReadString((*list)[i], p, kFamilyRule)) g.families.push_back(*ParseFamily(*v));
      }
    }
  }
  if (const YAML::Node* n = m->Get("mesh")) g.mesh = ReadMesh(r, *n, m->PathOf("mesh"));
  if (const YAML::Node* n = m->Get("allow")) {
    for (const auto& [item, p] : ListItems(r, *n, m->PathOf("allow"))) {
      if (auto prefix = r.ReadWith(item, p, ParseIpPrefix)) g.allow.push_back(*prefix);
    }
  }
  if (const YAML::Node* n = m->Get("peer_as")) {
    for (const auto& [item, p] : ListItems(r, *n, m->PathOf("peer_as"))) {
      if (auto range = r.ReadWith(item, p, ParseAsRange)) g.peer_as.push_back(*range);
    }
  }
  ReadBoolInto(r, *m, "route_server", g.route_server);
  ReadBoolInto(r, *m, "route_reflector", g.route_reflector);
  if (const YAML::Node* n = m->Get("cluster_id")) {
    if (auto v = r.ReadString(*n, m->PathOf("cluster_id"), kClusterIdRule)) {
      g.cluster_id = ParseClusterId(*v);
    }
  }
  if (g.type == GroupType::kInternal) g.multihop = kInternalGroupMultihop;
  ReadUintInto(r, *m, "multihop", kMultihopRule, g.multihop);
  ReadBoolInto(r, *m, "ttl_security", g.ttl_security);
  ReadStringInto(r, *m, "password", kPasswordRule, g.password);
  ReadUintInto(r, *m, "max_prefixes", kCountRule, g.max_prefixes);
  g.passive = !g.allow.empty();  // dynamic neighbors connect to us
  ReadBoolInto(r, *m, "passive", g.passive);
  ReadUintInto(r, *m, "hold_time", kHoldTimeRule, g.hold_time);
  if (const YAML::Node* n = m->Get("max_prefixes_restart")) {
    if (auto d = r.ReadWith(*n, m->PathOf("max_prefixes_restart"), ParseDuration)) {
      g.max_prefixes_restart = *d;
    }
  }
  ReadUintInto(r, *m, "max_sessions", kCountRule, g.max_sessions);
  ReadUintInto(r, *m, "max_connects_per_minute", kCountRule, g.max_connects_per_minute);
  if (const YAML::Node* n = m->Get("graceful_restart")) {
    ReadGracefulRestart(r, *n, m->PathOf("graceful_restart"), /*top_level=*/false,
                        g.graceful_restart);
  } else if (g.mesh) {
    // Mesh peers are our own replicas: a dead one's clients reconnect to
    // another replica at once, so keeping its routes as stale for its
    // restart time would serve withdrawn routes. On only when asked for.
    g.graceful_restart.enabled = false;
  }
  return g;
}

Neighbor ReadNeighbor(YamlReader& r, const YAML::Node& node, const std::string& path) {
  Neighbor nb;
  auto m = r.ReadMap(node, path, {"address", "peer_as", "group", "port", "passive", "password"});
  if (!m) return nb;
  ReadStringInto(r, *m, "address", kAddressRule, nb.address);
  if (const YAML::Node* n = m->Get("peer_as")) {
    if (auto v = r.ReadString(*n, m->PathOf("peer_as"), kAsnRule)) nb.peer_as = *ParseAsn(*v);
  }
  ReadStringInto(r, *m, "group", kGroupNameRule, nb.group);
  ReadUintInto(r, *m, "port", kPortRule, nb.port);
  ReadBoolInto(r, *m, "passive", nb.passive);
  ReadStringInto(r, *m, "password", kPasswordRule, nb.password);
  return nb;
}

void ReadMrtUpdates(YamlReader& r, const YAML::Node& node, MrtUpdatesConfig& out) {
  auto m = r.ReadMap(node, "mrt.updates", {"file", "interval", "max_files"});
  if (!m) return;
  ReadStringInto(r, *m, "file", kMrtFileRule, out.file);
  if (const YAML::Node* n = m->Get("interval")) {
    const std::string p = m->PathOf("interval");
    if (auto d = r.ReadWith(*n, p, ParseDuration)) {
      if (!MrtIntervalOk(d->count())) {
        r.Fail(*n, p, Expected(kMrtIntervalExpected, YamlReader::Describe(*n)));
      } else {
        out.interval = *d;
      }
    }
  }
  ReadUintInto(r, *m, "max_files", kCountRule, out.max_files);
}

}  // namespace

Config ReadConfig(YamlReader& r, const YAML::Node& root, const EnvLookup& env) {
  Config c;
  auto top = r.ReadMap(root, "",
                       {"asn", "router_id", "listen", "threads", "hold_time", "graceful_restart",
                        "api", "log", "mrt", "groups", "neighbors", "drain_seconds", "ready_timeout"});
  if (!top) return c;

  if (const YAML::Node* n = top->Get("asn")) {
    if (auto v = r.ReadString(*n, "asn", kAsnRule)) c.asn = *ParseAsn(*v);
  }
  if (const YAML::Node* n = top->Get("router_id")) {
    if (auto v = r.ReadString(*n, "router_id", kRouterIdRule)) c.router_id = *ParseIpv4Address(*v);
  } else if (auto pod_ip = env("POD_IP")) {
    auto v4 = ParseIpv4Address(*pod_ip);
    if (v4 && *v4 != 0) {
      c.router_id = *v4;
    } else {
      r.FailAt(top->position(), "router_id",
               Expected("router_id, or POD_IP set to a non-zero IPv4 address",
                        absl::StrCat("POD_IP=", *pod_ip)));
    }
  }
  if (const YAML::Node* n = top->Get("listen")) {
    c.listen.clear();
    for (const auto& [item, p] : ListItems(r, *n, "listen")) {
      if (auto v = r.ReadString(item, p, kListenRule)) c.listen.push_back(std::move(*v));
    }
  }
  ReadUintInto(r, *top, "threads", kThreadsRule, c.threads);
  ReadUintInto(r, *top, "hold_time", kHoldTimeRule, c.hold_time);
  if (const YAML::Node* n = top->Get("graceful_restart")) {
    ReadGracefulRestart(r, *n, "graceful_restart", /*top_level=*/true, c.graceful_restart);
  }
  ReadUintInto(r, *top, "drain_seconds", kDrainSecondsRule, c.drain_seconds);
  if (const YAML::Node* n = top->Get("ready_timeout")) {
    if (auto d = r.ReadWith(*n, "ready_timeout", ParseDuration)) c.ready_timeout = *d;
  }

  c.api.socket = DefaultApiSocket(env);
  c.api.http = std::string(kDefaultHttp);
  if (const YAML::Node* n = top->Get("api")) {
    if (auto m = r.ReadMap(*n, "api", {"socket", "http"})) {
      ReadStringInto(r, *m, "socket", kSocketRule, c.api.socket);
      ReadStringInto(r, *m, "http", kHttpRule, c.api.http);
    }
  }
  if (const YAML::Node* n = top->Get("log")) {
    if (auto m = r.ReadMap(*n, "log", {"level", "format"})) {
      ReadStringInto(r, *m, "level", kLogLevelRule, c.log.level);
      ReadStringInto(r, *m, "format", kLogFormatRule, c.log.format);
    }
  }
  if (const YAML::Node* n = top->Get("mrt")) {
    if (auto m = r.ReadMap(*n, "mrt", {"updates"})) {
      if (const YAML::Node* u = m->Get("updates")) ReadMrtUpdates(r, *u, c.mrt.updates);
    }
  }
  if (const YAML::Node* n = top->Get("groups")) {
    if (auto list = r.ReadList(*n, "groups")) {
      for (size_t i = 0; i < list->size(); ++i) {
        c.groups.push_back(ReadGroup(r, (*list)[i], absl::StrCat("groups[", i, "]"), c));
      }
    }
  }
  if (const YAML::Node* n = top->Get("neighbors")) {
    if (auto list = r.ReadList(*n, "neighbors")) {
      for (size_t i = 0; i < list->size(); ++i) {
        c.neighbors.push_back(ReadNeighbor(r, (*list)[i], absl::StrCat("neighbors[", i, "]")));
      }
    }
  }
  return c;
}

}  // namespace meshbgp::config
