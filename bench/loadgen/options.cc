#include "bench/loadgen/options.h"

#include <charconv>
#include <functional>
#include <map>
#include <sstream>
#include <string_view>

#include <absl/status/status.h>
#include <absl/strings/numbers.h>

#include "bgpd/wire/types.h"

namespace meshbgp::loadgen {
namespace {

constexpr const char* kUsage = R"(meshbgp-loadgen: BGP route-server fan-out load generator and collector.

N clients, each from its own source address, open sessions to the route
server, wait until all are Established, then announce P unique IPv4 /24s
each as fast as the sockets take them, and count what every session
receives. A JSON report goes to stdout; progress to stderr.

  --rs ADDR[:PORT]         route server (port 179)
  --sources A-B | A | A+N  client source addresses: an inclusive range, or a
                           first address with --clients (or +N) addresses
  --clients N              number of clients (default: size of --sources)
  --local-as-base AS       client i uses AS base+i (65001)
  --rs-as AS               the route server's AS, checked in its OPEN (65000)
  --prefixes P             prefixes per client (10000)
  --prefix-base ADDR       first /24 of client 0 (100.0.0.0)
  --family ipv4|evpn       what the clients announce (ipv4): evpn sends P
                           EVPN MAC/IP (type-2) routes per client instead,
                           each with its own MAC and the IP base+i
  --timeout S              give up S seconds after the first UPDATE (120)
  --connect-timeout S      give up if not all Established after S s (60)
  --hold-time S            hold time offered in our OPENs (90)
  --threads T              event-loop threads (1)
  --extended-message       offer RFC 8654 extended messages
  --sink                   also listen on --rs and play a do-nothing route
                           server: measures the harness floor
  --sink-netns NAME        open the sink's listener in network namespace NAME
  --wait-stdin             after printing the report keep the sessions up
                           until stdin is closed (lets a runner sample the
                           route server before the sessions go down)
  -v, --verbose            more progress on stderr
)";

// Debian's abseil has its own string_view, which absl::StrCat would need.
template <typename... T>
std::string Cat(const T&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  return out.str();
}

absl::StatusOr<uint64_t> ParseNumber(std::string_view name, std::string_view text, uint64_t max) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v > max) {
    return absl::InvalidArgumentError(
        Cat(name, ": expected a number up to ", max, ", got '", text, "'"));
  }
  return v;
}

// Accepts asplain and asdot ("65000.1").
absl::StatusOr<uint32_t> ParseAsn(std::string_view name, std::string_view text) {
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) {
    auto v = ParseNumber(name, text, 0xffffffffu);
    if (!v.ok()) return v.status();
    return static_cast<uint32_t>(*v);
  }
  auto hi = ParseNumber(name, text.substr(0, dot), 0xffff);
  auto lo = ParseNumber(name, text.substr(dot + 1), 0xffff);
  if (!hi.ok()) return hi.status();
  if (!lo.ok()) return lo.status();
  return static_cast<uint32_t>(*hi << 16 | *lo);
}

absl::StatusOr<uint32_t> ParseAddress(std::string_view name, std::string_view text) {
  auto a = wire::ParseIpv4(text);
  if (!a) return absl::InvalidArgumentError(Cat(name, ": bad IPv4 address '", text, "'"));
  return *a;
}

absl::StatusOr<double> ParseSeconds(std::string_view name, std::string_view text) {
  double v = 0;
  if (!absl::SimpleAtod(absl::string_view(text.data(), text.size()), &v) || v <= 0) {
    return absl::InvalidArgumentError(Cat(name, ": expected seconds > 0, got '", text, "'"));
  }
  return v;
}

}  // namespace

const char* Usage() { return kUsage; }

absl::StatusOr<std::vector<uint32_t>> ParseSources(const std::string& text, size_t count) {
  std::vector<uint32_t> out;
  std::string_view t = text;
  uint32_t first = 0, last = 0;
  if (size_t dash = t.find('-'); dash != std::string_view::npos) {
    auto a = ParseAddress("--sources", t.substr(0, dash));
    auto b = ParseAddress("--sources", t.substr(dash + 1));
    if (!a.ok()) return a.status();
    if (!b.ok()) return b.status();
    if (*b < *a) return absl::InvalidArgumentError("--sources: range ends before it starts");
    first = *a;
    last = *b;
    if (count != 0) {
      if (count > uint64_t{last} - first + 1) {
        return absl::InvalidArgumentError(
            Cat("--clients ", count, " exceeds the ", uint64_t{last} - first + 1,
                         " addresses of --sources ", text));
      }
      last = first + static_cast<uint32_t>(count) - 1;
    }
  } else {
    std::string_view base = t;
    if (size_t plus = t.find('+'); plus != std::string_view::npos) {
      auto n = ParseNumber("--sources", t.substr(plus + 1), 1u << 20);
      if (!n.ok()) return n.status();
      if (count != 0 && count != *n) {
        return absl::InvalidArgumentError("--sources A+N disagrees with --clients");
      }
      count = *n;
      base = t.substr(0, plus);
    }
    auto a = ParseAddress("--sources", base);
    if (!a.ok()) return a.status();
    if (count == 0) return absl::InvalidArgumentError("--sources ADDR needs --clients N (or ADDR+N)");
    first = *a;
    if (uint64_t{first} + count - 1 > 0xffffffffu) {
      return absl::InvalidArgumentError("--sources: address range overflows");
    }
    last = first + static_cast<uint32_t>(count) - 1;
  }
  for (uint64_t a = first; a <= last; ++a) out.push_back(static_cast<uint32_t>(a));
  return out;
}

absl::StatusOr<Options> ParseOptions(int argc, char** argv) {
  Options o;
  std::string sources;
  size_t clients = 0;
  bool have_rs = false;

  using Handler = std::function<absl::Status(std::string_view)>;
  auto seconds = [](const char* name, double& dst) -> Handler {
    return [name, &dst](std::string_view v) -> absl::Status {
      auto s = ParseSeconds(name, v);
      if (!s.ok()) return s.status();
      dst = *s;
      return absl::OkStatus();
    };
  };
  auto asn = [](const char* name, uint32_t& dst) -> Handler {
    return [name, &dst](std::string_view v) -> absl::Status {
      auto a = ParseAsn(name, v);
      if (!a.ok()) return a.status();
      dst = *a;
      return absl::OkStatus();
    };
  };
  const std::map<std::string_view, Handler> with_value = {
      {"--rs",
       [&](std::string_view v) -> absl::Status {
         std::string_view addr = v;
         if (size_t colon = v.find(':'); colon != std::string_view::npos) {
           auto port = ParseNumber("--rs port", v.substr(colon + 1), 65535);
           if (!port.ok()) return port.status();
           o.rs_port = static_cast<uint16_t>(*port);
           addr = v.substr(0, colon);
         }
         auto a = ParseAddress("--rs", addr);
         if (!a.ok()) return a.status();
         o.rs_addr = *a;
         have_rs = true;
         return absl::OkStatus();
       }},
      {"--sources",
       [&](std::string_view v) {
         sources = std::string(v);
         return absl::OkStatus();
       }},
      {"--clients",
       [&](std::string_view v) -> absl::Status {
         auto n = ParseNumber("--clients", v, 1u << 20);
         if (!n.ok()) return n.status();
         clients = *n;
         return absl::OkStatus();
       }},
      {"--prefixes",
       [&](std::string_view v) -> absl::Status {
         auto n = ParseNumber("--prefixes", v, 1u << 24);
         if (!n.ok()) return n.status();
         o.prefixes = static_cast<uint32_t>(*n);
         return absl::OkStatus();
       }},
      {"--prefix-base",
       [&](std::string_view v) -> absl::Status {
         auto a = ParseAddress("--prefix-base", v);
         if (!a.ok()) return a.status();
         if (*a & 0xff) return absl::InvalidArgumentError("--prefix-base must be a /24 boundary");
         o.prefix_base = *a;
         return absl::OkStatus();
       }},
      {"--hold-time",
       [&](std::string_view v) -> absl::Status {
         auto n = ParseNumber("--hold-time", v, 65535);
         if (!n.ok()) return n.status();
         if (*n == 1 || *n == 2) return absl::InvalidArgumentError("--hold-time must be 0 or >= 3");
         o.hold_time = static_cast<uint16_t>(*n);
         return absl::OkStatus();
       }},
      {"--threads",
       [&](std::string_view v) -> absl::Status {
         auto n = ParseNumber("--threads", v, 256);
         if (!n.ok()) return n.status();
         o.threads = std::max<unsigned>(1, static_cast<unsigned>(*n));
         return absl::OkStatus();
       }},
      {"--sink-netns",
       [&](std::string_view v) {
         o.sink_netns = std::string(v);
         return absl::OkStatus();
       }},
      {"--family",
       [&](std::string_view v) -> absl::Status {
         if (v == "ipv4") {
           o.family = wire::Family::kIpv4Unicast;
         } else if (v == "evpn") {
           o.family = wire::Family::kEvpn;
         } else {
           return absl::InvalidArgumentError("--family must be ipv4 or evpn");
         }
         return absl::OkStatus();
       }},
      {"--local-as-base", asn("--local-as-base", o.local_as_base)},
      {"--rs-as", asn("--rs-as", o.rs_as)},
      {"--timeout", seconds("--timeout", o.timeout_s)},
      {"--connect-timeout", seconds("--connect-timeout", o.connect_timeout_s)},
  };
  const std::map<std::string_view, bool*> flags = {
      {"--extended-message", &o.extended_message}, {"--sink", &o.sink},
      {"--wait-stdin", &o.wait_stdin},             {"--verbose", &o.verbose},
      {"-v", &o.verbose},
  };

  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") return absl::NotFoundError(kUsage);
    std::string_view value;
    bool inline_value = false;
    if (size_t eq = arg.find('='); eq != std::string_view::npos && arg.starts_with("--")) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inline_value = true;
    }
    if (auto f = flags.find(arg); f != flags.end() && !inline_value) {
      *f->second = true;
      continue;
    }
    auto h = with_value.find(arg);
    if (h == with_value.end()) {
      return absl::InvalidArgumentError(Cat("unknown option '", argv[i], "' (see --help)"));
    }
    if (!inline_value) {
      if (i + 1 >= argc) return absl::InvalidArgumentError(Cat(arg, " needs a value"));
      value = argv[++i];
    }
    if (absl::Status s = h->second(value); !s.ok()) return s;
  }

  if (!have_rs) return absl::InvalidArgumentError("--rs is required");
  if (sources.empty()) return absl::InvalidArgumentError("--sources is required");
  auto src = ParseSources(sources, clients);
  if (!src.ok()) return src.status();
  o.sources = std::move(*src);
  if (o.clients() < 2) return absl::InvalidArgumentError("fan-out needs at least 2 clients");
  if (o.prefixes == 0) return absl::InvalidArgumentError("--prefixes must be at least 1");
  // Every prefix is a /24 numbered from prefix_base: stay below 224.0.0.0.
  uint64_t last = uint64_t{o.prefix_base} + (uint64_t{o.clients()} * o.prefixes << 8);
  if (last > 0xe0000000u) {
    return absl::InvalidArgumentError(Cat(
        o.clients(), " x ", o.prefixes, " /24s from ", wire::Ipv4ToString(o.prefix_base),
        " would run into 224.0.0.0/4"));
  }
  if (uint64_t{o.local_as_base} + o.clients() - 1 > 0xffffffffu) {
    return absl::InvalidArgumentError("--local-as-base + clients overflows 32 bits");
  }
  if (!o.sink_netns.empty() && !o.sink) {
    return absl::InvalidArgumentError("--sink-netns needs --sink");
  }
  return o;
}

}  // namespace meshbgp::loadgen
