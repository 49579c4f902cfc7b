#include "bgpd/config/config_validate.h"
#include "bgpd/config/absl_compat.h"

#include <algorithm>
#include <map>
#include <set>

#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>

#include "bgpd/config/asn.h"
#include "bgpd/config/config_rules.h"
#include "bgpd/config/duration.h"
#include "bgpd/config/host_port.h"
#include "bgpd/config/ip_prefix.h"
#include "bgpd/config/keywords.h"

namespace meshbgp::config {
namespace {

class Checker {
 public:
  explicit Checker(const SourceMap& sources) : sources_(sources) {}

  void Fail(std::string_view path, std::string_view message) {
    errors_.Add(sources_.Find(path).value_or(TextPosition{}), sources_.Format(path, message));
  }
  // A key left out of the file reads "found nothing", not `""` or 0.
  std::string Found(std::string_view path, std::string_view value) const {
    if (!sources_.Has(path) && sources_.Has("")) {
      return "nothing";
    }
    return std::string(value);
  }
  void Check(const StringRule& rule, std::string_view value, std::string_view path) {
    if (!rule.accepts(value)) Fail(path, Expected(rule.expected, Found(path, value)));
  }
  void Check(const UintRule& rule, uint64_t value, std::string_view path) {
    if (!rule.Accepts(value)) Fail(path, Expected(rule.expected, absl::StrCat(value)));
  }
  // " (at LINE:COL)" for cross references, "" when unknown.
  std::string At(std::string_view path) const {
    const std::string lc = sources_.LineCol(path);
    return lc.empty() ? "" : absl::StrCat(" (at ", lc, ")");
  }
  absl::Status status() const { return errors_.ToStatus(); }

 private:
  const SourceMap& sources_;
  ErrorList errors_;
};

std::string GroupPath(size_t i) { return absl::StrCat("groups[", i, "]"); }

void CheckGracefulRestart(Checker& k, const GracefulRestartConfig& gr, const std::string& path) {
  k.Check(kRestartTimeRule, gr.restart_time, path + ".restart_time");
  k.Check(kGrSecondsRule, gr.stale_routes_time, path + ".stale_routes_time");
  k.Check(kGrSecondsRule, gr.select_defer_time, path + ".select_defer_time");
}

void CheckMrtUpdates(Checker& k, const MrtUpdatesConfig& u) {
  if (u.file.empty()) {
    if (u.interval.count() != 0 || u.max_files != 0) {
      k.Fail("mrt.updates.file", Expected("a file name pattern when interval or max_files is set",
                                          k.Found("mrt.updates.file", "\"\"")));
    }
    return;
  }
  k.Check(kMrtFileRule, u.file, "mrt.updates.file");
  if (!MrtIntervalOk(u.interval.count())) {
    k.Fail("mrt.updates.interval", Expected(kMrtIntervalExpected, DurationToString(u.interval)));
  }
  // Without a conversion every interval would append to the one file.
  if (u.interval.count() != 0 && u.file.find('%') == std::string::npos) {
    k.Fail("mrt.updates.file",
           Expected("a strftime pattern such as updates.%Y%m%d.%H%M%S.mrt when interval is set (each "
                    "interval writes a file of its own)",
                    u.file));
  }
}

void CheckGlobals(Checker& k, const Config& c) {
  if (c.asn == 0) k.Fail("asn", Expected(kAsnRule.expected, k.Found("asn", "0")));
  if (c.router_id == 0) {
    k.Fail("router_id",
           Expected(absl::StrCat(ToAbsl(kRouterIdRule.expected), " (required unless POD_IP is set)"),
                    k.Found("router_id", "0.0.0.0")));
  }
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < c.listen.size(); ++i) {
    const std::string path = absl::StrCat("listen[", i, "]");
    auto hp = ParseHostPort(c.listen[i]);
    if (!hp.ok()) {
      k.Fail(path, ToStd(hp.status().message()));
      continue;
    }
    auto [it, fresh] = seen.emplace(HostPortToString(*hp), i);
    if (!fresh) {
      k.Fail(path, Expected("each address once",
                            absl::StrCat(c.listen[i], " again",
                                         k.At(absl::StrCat("listen[", it->second, "]")))));
    }
  }
  k.Check(kThreadsRule, c.threads, "threads");
  k.Check(kHoldTimeRule, c.hold_time, "hold_time");
  CheckGracefulRestart(k, c.graceful_restart, "graceful_restart");
  k.Check(kDrainSecondsRule, c.drain_seconds, "drain_seconds");
  k.Check(kSocketRule, c.api.socket, "api.socket");
  k.Check(kHttpRule, c.api.http, "api.http");
  k.Check(kLogLevelRule, c.log.level, "log.level");
  k.Check(kLogFormatRule, c.log.format, "log.format");
  CheckMrtUpdates(k, c.mrt.updates);
}

void CheckGroup(Checker& k, const Config& c, size_t i) {
  const Group& g = c.groups[i];
  const std::string path = GroupPath(i);
  k.Check(kGroupNameRule, g.name, path + ".name");
  if (g.families.empty()) {
    k.Fail(path + ".families", Expected("at least one of ipv4, evpn", "an empty list"));
  }
  for (size_t f = 0; f < g.families.size(); ++f) {
    if (std::find(g.families.begin(), g.families.begin() + f, g.families[f]) !=
        g.families.begin() + f) {
      k.Fail(absl::StrCat(path, ".families[", f, "]"),
             Expected("each family once", absl::StrCat(ToAbsl(FamilyKeyword(g.families[f])), " again")));
    }
  }
  if (g.mesh) {
    const std::string mp = path + ".mesh";
    if (g.type != GroupType::kInternal) {
      k.Fail(mp, Expected("type: internal for a group with mesh (mesh peers are iBGP)",
                          "type: external"));
    }
    k.Check(kDnsNameRule, g.mesh->dns, mp + ".dns");
    k.Check(kPortRule, g.mesh->port, mp + ".port");
    if (g.mesh->interval.count() < kMinMeshIntervalMs) {
      k.Fail(mp + ".interval", Expected(kMeshIntervalExpected, DurationToString(g.mesh->interval)));
    }
  }
  for (size_t r = 0; r < g.peer_as.size(); ++r) {
    if (g.peer_as[r].low > g.peer_as[r].high) {
      k.Fail(absl::StrCat(path, ".peer_as[", r, "]"),
             Expected("a range LOW-HIGH with LOW <= HIGH",
                      absl::StrCat(g.peer_as[r].low, "-", g.peer_as[r].high)));
    }
  }
  if (g.type == GroupType::kInternal && !g.peer_as.empty()) {
    k.Fail(path + ".peer_as",
           Expected(absl::StrCat("peer_as only in external groups (internal peers have our AS ",
                                 AsnToString(c.asn), ")"),
                    absl::StrCat("peer_as in internal group ", g.name)));
  }
  if (g.route_reflector && g.type != GroupType::kInternal) {
    k.Fail(path + ".route_reflector",
           Expected("route_reflector only in internal groups (RFC 4456)",
                    absl::StrCat("route_reflector: true in external group ", g.name)));
  }
  if (g.cluster_id && !g.route_reflector) {
    k.Fail(path + ".cluster_id", Expected("cluster_id only with route_reflector: true",
                                          "route_reflector: false"));
  }
  k.Check(kMultihopRule, g.multihop, path + ".multihop");
  k.Check(kPasswordRule, g.password, path + ".password");
  k.Check(kHoldTimeRule, g.hold_time, path + ".hold_time");
  CheckGracefulRestart(k, g.graceful_restart, path + ".graceful_restart");
}

void CheckGroupNames(Checker& k, const Config& c) {
  std::map<std::string_view, size_t> first;
  for (size_t i = 0; i < c.groups.size(); ++i) {
    if (c.groups[i].name.empty()) continue;  // reported by the name rule
    auto [it, fresh] = first.emplace(c.groups[i].name, i);
    if (!fresh) {
      k.Fail(GroupPath(i) + ".name",
             Expected("a unique group name",
                      absl::StrCat(c.groups[i].name, " again",
                                   k.At(GroupPath(it->second) + ".name"))));
    }
  }
}

// A source inside two groups' ranges would make the group of a session
// depend on rule order; we refuse that rather than pick one silently.
void CheckAllowOverlap(Checker& k, const Config& c) {
  for (size_t j = 1; j < c.groups.size(); ++j) {
    for (size_t b = 0; b < c.groups[j].allow.size(); ++b) {
      const IpPrefix& later = c.groups[j].allow[b];
      bool reported = false;
      for (size_t i = 0; i < j && !reported; ++i) {
        for (size_t a = 0; a < c.groups[i].allow.size() && !reported; ++a) {
          const IpPrefix& earlier = c.groups[i].allow[a];
          if (!PrefixesOverlap(earlier, later)) continue;
          k.Fail(absl::StrCat(GroupPath(j), ".allow[", b, "]"),
                 Expected("allow ranges that no other group's allow overlaps",
                          absl::StrCat(later.ToString(), " of group ", c.groups[j].name,
                                       " overlapping ", earlier.ToString(), " of group ",
                                       c.groups[i].name,
                                       k.At(absl::StrCat(GroupPath(i), ".allow[", a, "]")))));
          reported = true;
        }
      }
    }
  }
}

void CheckNeighbors(Checker& k, const Config& c) {
  std::vector<std::string> group_names;
  for (const Group& g : c.groups) group_names.push_back(g.name);
  const std::string known =
      group_names.empty() ? "a group name (no groups are defined)"
                          : absl::StrCat("one of the group names ", absl::StrJoin(group_names, ", "));
  std::map<std::pair<bool, std::array<uint8_t, 16>>, size_t> seen;
  for (size_t i = 0; i < c.neighbors.size(); ++i) {
    const Neighbor& n = c.neighbors[i];
    const std::string path = absl::StrCat("neighbors[", i, "]");
    if (auto addr = ParseIpAddress(n.address)) {
      auto [it, fresh] = seen.emplace(std::make_pair(addr->v6, addr->bytes), i);
      if (!fresh) {
        k.Fail(path + ".address",
               Expected("each neighbor address once",
                        absl::StrCat(n.address, " again",
                                     k.At(absl::StrCat("neighbors[", it->second, "].address")))));
      }
    } else {
      k.Check(kAddressRule, n.address, path + ".address");
    }
    k.Check(kPortRule, n.port, path + ".port");
    if (n.password) k.Check(kPasswordRule, *n.password, path + ".password");
    const Group* g = c.FindGroup(n.group);
    if (g == nullptr) {
      k.Fail(path + ".group", Expected(known, k.Found(path + ".group", n.group)));
      continue;
    }
    if (n.peer_as == 0) continue;  // whatever the group accepts
    const std::string ap = path + ".peer_as";
    if (g->type == GroupType::kInternal && n.peer_as != c.asn) {
      k.Fail(ap, Expected(absl::StrCat("our own AS ", AsnToString(c.asn),
                                       " (or no peer_as) in internal group ", g->name),
                          AsnToString(n.peer_as)));
    } else if (g->type == GroupType::kExternal && n.peer_as == c.asn) {
      k.Fail(ap, Expected(absl::StrCat("an AS other than our own in external group ", g->name),
                          AsnToString(n.peer_as)));
    } else if (g->type == GroupType::kExternal && !g->peer_as.empty() &&
               std::none_of(g->peer_as.begin(), g->peer_as.end(),
                            [&](const AsRange& r) { return r.Contains(n.peer_as); })) {
      std::vector<std::string> ranges;
      for (const AsRange& r : g->peer_as) ranges.push_back(AsRangeToString(r));
      k.Fail(ap, Expected(absl::StrCat("an AS in group ", g->name, "'s peer_as (",
                                       absl::StrJoin(ranges, ", "), ")"),
                          AsnToString(n.peer_as)));
    }
  }
}

}  // namespace

absl::Status ValidateConfig(const Config& config, const SourceMap& sources) {
  Checker k(sources);
  CheckGlobals(k, config);
  for (size_t i = 0; i < config.groups.size(); ++i) CheckGroup(k, config, i);
  CheckGroupNames(k, config);
  CheckAllowOverlap(k, config);
  CheckNeighbors(k, config);
  return k.status();
}

absl::Status ValidateConfig(const Config& config) {
  return ValidateConfig(config, SourceMap(config.source));
}

}  // namespace meshbgp::config
