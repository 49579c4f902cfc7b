#include "bgpd/api/birdwatcher.h"

#include <cctype>
#include <ctime>
#include <vector>

#include <absl/strings/numbers.h>
#include <absl/strings/str_split.h>
#include <absl/strings/strip.h>

#include "bgpd/api/community_text.h"
#include "bgpd/config/absl_compat.h"

namespace meshbgp::api {

namespace {

using nlohmann::json;

std::string FormatTime(SystemTime t, const char* format) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  return std::string(buf, std::strftime(buf, sizeof buf, format, &tm));
}

template <typename T>
T Get(const json& j, const char* key, T fallback) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    return fallback;
  }
}

std::optional<uint32_t> ParseU32(std::string_view text) {
  uint32_t v = 0;
  if (!absl::SimpleAtoi(config::ToAbsl(text), &v)) return std::nullopt;
  return v;
}

// "65001:1" -> [65001, 1]; a well-known name -> its two halves.
std::optional<json> CommunityArray(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  if (parts.size() == 2) {
    auto a = ParseU32(parts[0]), b = ParseU32(parts[1]);
    if (a && b) return json::array({*a, *b});
  }
  // Well-known communities live in 65535:0-255 and 65535:65280-65535.
  for (uint32_t base : {0xFFFF0000u, 0xFFFFFF00u}) {
    for (uint32_t v = base; v <= base + 0xFF; ++v) {
      const char* name = WellKnownCommunityName(v);
      if (name != nullptr && text == name) return json::array({v >> 16, v & 0xFFFF});
    }
  }
  return std::nullopt;
}

// "65001:1:2" -> [65001, 1, 2].
std::optional<json> LargeCommunityArray(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  if (parts.size() != 3) return std::nullopt;
  json out = json::array();
  for (const auto& p : parts) {
    auto v = ParseU32(p);
    if (!v) return std::nullopt;
    out.push_back(*v);
  }
  return out;
}

// "rt 65001:100" -> ["rt", "65001", "100"], as birdwatcher shows BIRD's
// (rt, 65001, 100); forms without an admin:value pair keep their text.
json ExtCommunityArray(const std::string& text) {
  std::vector<std::string> words = absl::StrSplit(text, absl::MaxSplits(' ', 1));
  if (words.size() == 2) {
    const size_t colon = words[1].rfind(':');
    if (colon != std::string::npos)
      return json::array({words[0], words[1].substr(0, colon), words[1].substr(colon + 1)});
    return json::array({words[0], words[1], ""});
  }
  return json::array({"generic", text, ""});
}

json MapArray(const json& route, const char* key, const std::function<std::optional<json>(const std::string&)>& f) {
  json out = json::array();
  auto it = route.find(key);
  if (it == route.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (!v.is_string()) continue;
    if (auto mapped = f(v.get<std::string>())) out.push_back(*mapped);
  }
  return out;
}

std::string BirdState(const std::string& fsm_state) {
  if (fsm_state == "Established") return "up";
  if (fsm_state == "Idle") return "down";
  return "start";
}

}  // namespace

std::string Rfc3339Time(SystemTime t) { return FormatTime(t, "%Y-%m-%dT%H:%M:%SZ"); }
std::string ShortTime(SystemTime t) { return FormatTime(t, "%Y-%m-%d %H:%M:%S"); }

void AddBirdwatcherMeta(json& out, SystemTime now) {
  out["api"] = {{"Version", "meshbgp-birdwatcher-1"},
                {"result_from_cache", false},
                {"cache_status", {{"cached_at", {{"date", Rfc3339Time(now)},
                                                 {"timezone_type", "UTC"},
                                                 {"timezone", "UTC"}}}}}};
  out["cached_at"] = Rfc3339Time(now);
  out["ttl"] = Rfc3339Time(now);  // answers are never cached
}

json BirdwatcherStatus(const json& status, SystemTime now) {
  json out;
  AddBirdwatcherMeta(out, now);
  const auto boot = now - std::chrono::seconds(Get<int64_t>(status, "uptime_s", 0));
  out["status"] = {{"current_server", ShortTime(now)},
                   {"last_reboot", ShortTime(boot)},
                   {"last_reconfig", ShortTime(boot)},
                   {"message", "Daemon is up and running"},
                   {"router_id", Get<std::string>(status, "router_id", "")},
                   {"server_time", ShortTime(now)},
                   {"version", "meshbgp " + Get<std::string>(status, "version", "")}};
  return out;
}

json BirdwatcherProtocols(const json& neighbors, SystemTime now, bool short_form) {
  json out;
  AddBirdwatcherMeta(out, now);
  json protocols = json::object();
  auto list = neighbors.find("neighbors");
  if (list != neighbors.end() && list->is_array()) {
    for (const json& n : *list) {
      const std::string address = Get<std::string>(n, "address", "");
      if (address.empty()) continue;
      const std::string state = Get<std::string>(n, "state", "Idle");
      const std::string since = ShortTime(now - std::chrono::seconds(Get<int64_t>(n, "uptime_s", 0)));
      if (short_form) {
        protocols[address] = {{"bird_protocol", "BGP"}, {"state", BirdState(state)}, {"since", since},
                              {"info", state}};
        continue;
      }
      // IPv4 only, like /routes/protocol: birdwatcher has no EVPN.
      uint64_t imported = 0, exported = 0;
      if (auto p = n.find("prefixes"); p != n.end() && p->is_object() && p->contains("ipv4")) {
        imported = Get<uint64_t>((*p)["ipv4"], "accepted", 0);
        exported = Get<uint64_t>((*p)["ipv4"], "advertised", 0);
      }
      protocols[address] = {
          {"protocol", address},
          {"bird_protocol", "BGP"},
          {"table", "master"},
          {"state", BirdState(state)},
          {"state_changed", since},
          {"connection", state},
          {"bgp_state", state},
          {"neighbor_address", address},
          {"neighbor_as", Get<uint64_t>(n, "asn", 0)},
          {"neighbor_id", Get<std::string>(n, "router_id", "")},
          {"description", Get<std::string>(n, "group", "")},
          {"last_error", Get<std::string>(n, "last_error", "")},
          {"routes", {{"imported", imported}, {"filtered", 0}, {"exported", exported}, {"preferred", imported}}},
      };
    }
  }
  out["protocols"] = std::move(protocols);
  return out;
}

json BirdwatcherBgpInfo(const json& route) {
  json as_path = json::array();
  const std::string path_text = Get<std::string>(route, "as_path", "");
  for (absl::string_view token : absl::StrSplit(config::ToAbsl(path_text), ' ', absl::SkipEmpty())) {
    // AS_SET members come as "{65003,65004}": birdwatcher lists them flat.
    token = absl::StripPrefix(absl::StripSuffix(token, "}"), "{");
    for (absl::string_view asn : absl::StrSplit(token, ',', absl::SkipEmpty())) as_path.push_back(std::string(asn));
  }
  std::string origin = Get<std::string>(route, "origin", "incomplete");
  for (char& c : origin) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (origin == "INCOMPLETE") origin = "Incomplete";
  json bgp = {{"origin", origin},
              {"as_path", as_path},
              {"next_hop", Get<std::string>(route, "next_hop", "")},
              {"communities", MapArray(route, "communities", CommunityArray)},
              {"large_communities", MapArray(route, "large_communities", LargeCommunityArray)},
              {"ext_communities",
               MapArray(route, "ext_communities", [](const std::string& t) { return std::optional<json>(ExtCommunityArray(t)); })}};
  if (route.contains("local_pref")) bgp["local_pref"] = std::to_string(Get<uint64_t>(route, "local_pref", 0));
  if (route.contains("med")) bgp["med"] = std::to_string(Get<uint64_t>(route, "med", 0));
  return bgp;
}

json BirdwatcherRoutes(const json& routes,
                       const std::function<std::optional<SystemTime>(const std::string&)>& since, SystemTime now) {
  json out;
  AddBirdwatcherMeta(out, now);
  json list = json::array();
  auto in = routes.find("routes");
  if (in != routes.end() && in->is_array()) {
    for (const json& r : *in) {
      const std::string neighbor = Get<std::string>(r, "neighbor", "");
      const std::string gateway = Get<std::string>(r, "next_hop", neighbor);
      list.push_back({{"network", Get<std::string>(r, "prefix", Get<std::string>(r, "route", ""))},
                      {"from_protocol", neighbor},
                      {"learnt_from", neighbor},
                      {"gateway", gateway},
                      {"interface", ""},
                      {"metric", 100},
                      {"primary", Get<bool>(r, "best", false)},
                      {"type", json::array({"BGP", "unicast", "univ"})},
                      {"age", ShortTime(since(neighbor).value_or(now))},
                      {"bgp", BirdwatcherBgpInfo(r)}});
    }
  }
  out["routes"] = std::move(list);
  return out;
}

}  // namespace meshbgp::api
