#include "bgpd/config/meshrr_reader.h"
#include "bgpd/config/absl_compat.h"

#include <cctype>
#include <optional>
#include <string>

#include <absl/strings/str_cat.h>

#include "bgpd/config/asn.h"
#include "bgpd/config/config_rules.h"
#include "bgpd/config/default_config.h"
#include "bgpd/config/ip_prefix.h"

namespace meshbgp::config {
namespace {

// evpnrs/routeserver and ipv4rr/routereflector are the template names of
// meshrr v0.2 and the MESHRR_MODE values of v0.1; both are still found in
// deployed ConfigMaps.
enum class Mode { kRouteServer, kRouteReflector };

std::optional<Mode> ParseMode(std::string_view word) {
  if (word == "evpnrs" || word == "routeserver") return Mode::kRouteServer;
  if (word == "ipv4rr" || word == "routereflector") return Mode::kRouteReflector;
  return std::nullopt;
}

const StringRule kModeRule{"evpnrs, routeserver, ipv4rr or routereflector",
                           [](std::string_view v) { return ParseMode(v).has_value(); }};

// meshrr (config.py) knows exactly these two and raises on any other type.
enum class Kind { kMesh, kSubtractive };

// meshrr compares group types with str.casefold().
std::optional<Kind> ParseKind(std::string_view word) {
  std::string lower(word);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower == "mesh") return Kind::kMesh;
  if (lower == "subtractive") return Kind::kSubtractive;
  return std::nullopt;
}

const StringRule kKindRule{"mesh or subtractive (the group types meshrr supports)",
                           [](std::string_view v) { return ParseKind(v).has_value(); }};
const StringRule kSourceTypeRule{"dns (the only mesh source meshrr supports)",
                                 [](std::string_view v) { return v == "dns"; }};

constexpr std::string_view kSourceExpected = "source: {sourcetype: dns, hostname: NAME}";
constexpr std::string_view kPrefixesExpected = "a list of at least one prefix";

class MeshrrReader {
 public:
  MeshrrReader(YamlReader& r, const EnvLookup& env, SourceMap& model)
      : r_(r), env_(env), model_(model) {}

  Config Read(const YAML::Node& root);

 private:
  // The key's value, or an error "expected EXPECTED, found nothing" at the
  // mapping that lacks it.
  const YAML::Node* Required(const YamlMap& m, std::string_view key, std::string_view expected) {
    const YAML::Node* n = m.Get(key);
    if (n == nullptr) r_.FailAt(m.position(), m.PathOf(key), Expected(expected, "nothing"));
    return n;
  }
  // A key this group type does not take (meshrr would silently ignore it).
  void Refuse(const YamlMap& m, std::string_view key, std::string_view expected) {
    if (!m.Has(key)) return;
    const std::string path = m.PathOf(key);
    r_.FailAt(r_.sources().Find(path).value_or(m.position()), path,
              Expected(expected, absl::StrCat(ToAbsl(key))));
  }
  // Validation errors on the native `model_path` point at `meshrr_path`.
  void Carry(const std::string& model_path, const std::string& meshrr_path) {
    if (auto pos = r_.sources().Find(meshrr_path)) model_.Set(model_path, *pos);
  }
  void ReadRouterId(const YamlMap& top, Config& c);
  void ReadGroup(const YAML::Node& node, size_t index, Config& c);
  void ReadMeshGroup(const YamlMap& m, size_t index, Group& g);
  void ReadSubtractiveGroup(const YamlMap& m, size_t index, Group& g);

  YamlReader& r_;
  const EnvLookup& env_;
  SourceMap& model_;
  Mode mode_ = Mode::kRouteServer;
  uint32_t pod_ip_ = 0;
};

Config MeshrrReader::Read(const YAML::Node& root) {
  Config c;
  auto top = r_.ReadMap(root, "", {"encrypted_root_pw", "asn", "mode", "bgpgroups"});
  if (!top) return c;
  model_.Set("", top->position());
  // encrypted_root_pw is cRPD's root password: nothing here logs in.
  if (const YAML::Node* n = Required(*top, "asn", kAsnRule.expected)) {
    if (auto v = r_.ReadString(*n, "asn", kAsnRule)) c.asn = *ParseAsn(*v);
    Carry("asn", "asn");
  }
  if (const YAML::Node* n = Required(*top, "mode", kModeRule.expected)) {
    if (auto v = r_.ReadString(*n, "mode", kModeRule)) mode_ = *ParseMode(*v);
  }
  ReadRouterId(*top, c);
  c.api.socket = DefaultApiSocket(env_);
  c.api.http = std::string(kDefaultHttp);
  if (const YAML::Node* n = Required(*top, "bgpgroups", "a list of mesh and subtractive groups")) {
    if (auto list = r_.ReadList(*n, "bgpgroups")) {
      for (size_t i = 0; i < list->size(); ++i) ReadGroup((*list)[i], i, c);
      Carry("groups", "bgpgroups");
    }
  }
  return c;
}

// meshrr renders `router-id {{ POD_IP }}` and refuses to start without it.
void MeshrrReader::ReadRouterId(const YamlMap& top, Config& c) {
  constexpr std::string_view kExpected =
      "POD_IP set to this pod's IPv4 address (the router id; Downward API status.podIP)";
  auto pod_ip = env_("POD_IP");
  if (!pod_ip || pod_ip->empty()) {
    r_.FailAt(top.position(), "router_id", Expected(kExpected, "POD_IP unset"));
    return;
  }
  auto v4 = ParseIpv4Address(*pod_ip);
  if (!v4 || *v4 == 0) {
    r_.FailAt(top.position(), "router_id", Expected(kExpected, absl::StrCat("POD_IP=", *pod_ip)));
    return;
  }
  pod_ip_ = *v4;
  c.router_id = *v4;
  model_.Set("router_id", top.position());
}

void MeshrrReader::ReadGroup(const YAML::Node& node, size_t index, Config& c) {
  const std::string path = absl::StrCat("bgpgroups[", index, "]");
  auto m = r_.ReadMap(node, path, {"name", "type", "source", "max_peers", "prefixes", "asranges"});
  if (!m) return;
  Group g;
  g.hold_time = c.hold_time;
  g.route_server = false;  // cRPD's templates have no route-server-client (meshrr PR #15)
  if (const YAML::Node* n = Required(*m, "name", kGroupNameRule.expected)) {
    if (auto v = r_.ReadString(*n, m->PathOf("name"), kGroupNameRule)) g.name = *v;
  }
  std::optional<Kind> kind;
  if (const YAML::Node* n = Required(*m, "type", kKindRule.expected)) {
    if (auto v = r_.ReadString(*n, m->PathOf("type"), kKindRule)) kind = ParseKind(*v);
  }
  if (!kind) return;
  const std::string model_path = absl::StrCat("groups[", c.groups.size(), "]");
  Carry(model_path, path);
  Carry(model_path + ".name", m->PathOf("name"));
  if (*kind == Kind::kMesh) {
    ReadMeshGroup(*m, c.groups.size(), g);
  } else {
    ReadSubtractiveGroup(*m, c.groups.size(), g);
  }
  c.groups.push_back(std::move(g));
}

// cRPD: `group NAME { type internal; family F; }` plus a `neighbor` for
// each address the sidecar resolved, i.e. an internal mesh group.
void MeshrrReader::ReadMeshGroup(const YamlMap& m, size_t model_index, Group& g) {
  constexpr std::string_view kOnly = "only name, type, source and max_peers in a mesh group";
  Refuse(m, "prefixes", kOnly);
  Refuse(m, "asranges", kOnly);
  g.type = GroupType::kInternal;
  g.families = {mode_ == Mode::kRouteServer ? wire::Family::kEvpn : wire::Family::kIpv4Unicast};
  g.multihop = kMeshrrInternalTtl;
  MeshSource mesh;
  const std::string model_path = absl::StrCat("groups[", model_index, "].mesh");
  if (const YAML::Node* n = Required(m, "source", kSourceExpected)) {
    if (auto s = r_.ReadMap(*n, m.PathOf("source"), {"sourcetype", "hostname"})) {
      if (const YAML::Node* t = Required(*s, "sourcetype", kSourceTypeRule.expected)) {
        r_.ReadString(*t, s->PathOf("sourcetype"), kSourceTypeRule);
      }
      if (const YAML::Node* h = Required(*s, "hostname", kDnsNameRule.expected)) {
        if (auto v = r_.ReadString(*h, s->PathOf("hostname"), kDnsNameRule)) mesh.dns = *v;
      }
      Carry(model_path, s->path());
      Carry(model_path + ".dns", s->PathOf("hostname"));
    }
  }
  if (const YAML::Node* n = m.Get("max_peers")) {
    if (auto v = r_.ReadUint(*n, m.PathOf("max_peers"), kCountRule)) {
      mesh.max_peers = static_cast<uint32_t>(*v);
    }
    Carry(model_path + ".max_peers", m.PathOf("max_peers"));
  }
  g.mesh = mesh;
  // As in the native format: route servers do not keep a dead replica's
  // routes for each other (its clients reconnect to another replica).
  g.graceful_restart.enabled = false;
}

// cRPD (evpnrs): `type external; multihop { ttl 10; no-nexthop-change; }
// peer-as-list ASRANGES; allow PREFIXES`; (ipv4rr): `type internal;
// cluster POD_IP; allow PREFIXES`. The sidecar rewrote `allow` to exclude
// the mesh peers; here `subtractive` tells the session layer to do that.
void MeshrrReader::ReadSubtractiveGroup(const YamlMap& m, size_t model_index, Group& g) {
  constexpr std::string_view kOnly =
      "only name, type, prefixes and asranges in a subtractive group";
  Refuse(m, "source", kOnly);
  Refuse(m, "max_peers", kOnly);
  const std::string model_path = absl::StrCat("groups[", model_index, "]");
  g.subtractive = true;
  g.passive = true;  // cRPD never initiates to `allow` ranges
  if (const YAML::Node* n = Required(m, "prefixes", kPrefixesExpected)) {
    const std::string path = m.PathOf("prefixes");
    if (auto list = r_.ReadList(*n, path)) {
      if (list->empty()) r_.Fail(*n, path, Expected(kPrefixesExpected, "an empty list"));
      for (size_t i = 0; i < list->size(); ++i) {
        const std::string p = absl::StrCat(path, "[", i, "]");
        if (auto prefix = r_.ReadWith((*list)[i], p, ParseIpPrefix)) g.allow.push_back(*prefix);
        Carry(absl::StrCat(model_path, ".allow[", i, "]"), p);
      }
    }
    Carry(model_path + ".allow", path);
  }
  if (mode_ == Mode::kRouteServer) {
    g.type = GroupType::kExternal;
    g.families = {wire::Family::kEvpn};
    g.multihop = kMeshrrClientTtl;
    if (const YAML::Node* n = m.Get("asranges")) {
      const std::string path = m.PathOf("asranges");
      if (auto list = r_.ReadList(*n, path)) {
        for (size_t i = 0; i < list->size(); ++i) {
          const std::string p = absl::StrCat(path, "[", i, "]");
          if (auto range = r_.ReadWith((*list)[i], p, ParseAsRange)) g.peer_as.push_back(*range);
          Carry(absl::StrCat(model_path, ".peer_as[", i, "]"), p);
        }
      }
      Carry(model_path + ".peer_as", path);
    } else {
      g.peer_as = {kMeshrrDefaultAsRange};
    }
  } else {
    Refuse(m, "asranges",
           "no asranges in ipv4rr/routereflector mode (its clients are internal peers in our "
           "own AS)");
    g.type = GroupType::kInternal;
    g.families = {wire::Family::kIpv4Unicast};
    g.multihop = kMeshrrInternalTtl;
    g.route_reflector = true;
    g.cluster_id = pod_ip_;
  }
}

}  // namespace

Config ReadMeshrrConfig(YamlReader& r, const YAML::Node& root, const EnvLookup& env,
                        SourceMap& model_sources) {
  return MeshrrReader(r, env, model_sources).Read(root);
}

}  // namespace meshbgp::config
