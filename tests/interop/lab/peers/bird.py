"""BIRD 2 as a route-server client, plus the birdc text parsers that the
BIRD route server (lab.route_server) shares.

BIRD has no runtime route API: announcements are static routes (attributes
set in the route's block) and announce()/withdraw() rewrite the config and
`birdc configure`. BIRD's text output is parsed; see parse_routes()."""

from __future__ import annotations

import os
import re

from ..netns import run
from ..routes import Announcement, route
from ..wait import wait_for
from .base import Notifications, Peer

BIRD = "/usr/sbin/bird"
BIRDC = "/usr/sbin/birdc"
# A protocol name that is no BIRD keyword ("rs" is one).
RS_PROTOCOL = "routeserver"


def birdc(sock: str, *args: str, check: bool = True) -> str:
    return run([BIRDC, "-s", sock, *args], check=check).stdout


def static_route_line(a: Announcement) -> str:
    attrs = []
    for c in a.communities:
        attrs.append(f"bgp_community.add(({c.replace(':', ',')}));")
    for c in a.large_communities:
        attrs.append(f"bgp_large_community.add(({c.replace(':', ',')}));")
    for c in a.ext_communities:
        attrs.append(f"bgp_ext_community.add(({c.replace(':', ',')}));")  # rt:A:B -> (rt,A,B)
    for asn in reversed(a.prepend):
        attrs.append(f"bgp_path.prepend({asn});")
    block = f" {{ {' '.join(attrs)} }}" if attrs else ""
    return f"  route {a.prefix} blackhole{block};"


class BirdPeer(Peer):
    kind = "bird"
    # No MED: BIRD strips toward eBGP any MED not set by the export filter itself.
    supports = frozenset({"communities", "ext_communities", "large_communities", "prepend"})

    def config(self) -> str:
        statics = "\n".join(static_route_line(a) for a in self.announced.values())
        return f"""router id {self.ip};
log stderr all;
protocol device {{ scan time 10; }}
protocol static announced {{
  ipv4;
{statics}
}}
protocol bgp {RS_PROTOCOL} {{
  local {self.ip} port 179 as {self.asn};
  neighbor {self.rs_ip} port 179 as {self.rs_asn};
  strict bind on;
  hold time {self.hold_time};
  keepalive time {self.keepalive_time};
  connect delay time 1;
  connect retry time {self.connect_retry};
  error wait time 1, 5;
  ipv4 {{ import all; export where source = RTS_STATIC; }};
}}
"""

    def _write_config(self) -> None:
        with open(self.conf, "w") as f:
            f.write(self.config())

    def start(self) -> None:
        self.conf = self.path("bird.conf")
        self.sock = self.path("bird.ctl")
        self._write_config()
        self.process = self.node.spawn("bird", [BIRD, "-f", "-c", self.conf, "-s", self.sock,
                                                "-P", self.path("bird.pid")])

    def after_start(self) -> None:
        wait_for(lambda: (self._ctl_ok(), self.log_tail(5)), 15, f"{self!r}: BIRD control socket {self.sock}")

    def _ctl_ok(self) -> bool:
        return os.path.exists(self.sock) and run([BIRDC, "-s", self.sock, "show", "status"],
                                                 check=False).returncode == 0

    def birdc(self, *args: str) -> str:
        return birdc(self.sock, *args)

    # -- routes ---------------------------------------------------------------
    def _reconfigure(self) -> None:
        self._write_config()
        out = self.birdc("configure")
        if "Reconfigured" not in out and "Reconfiguration in progress" not in out:
            raise RuntimeError(f"{self!r}: birdc configure failed: {out}")

    def _announce(self, a: Announcement) -> None:
        self._reconfigure()

    def _withdraw(self, prefix: str) -> None:
        self._reconfigure()

    def protocol(self) -> dict:
        return parse_protocols(self.birdc("show", "protocols", "all", RS_PROTOCOL)).get(RS_PROTOCOL, {})

    def session_state(self) -> str:
        return self.protocol().get("bgp_state", "<no protocol>")

    def session_mark(self):
        # "Since" (milliseconds) changes with every state change of the
        # protocol. BIRD derives it from its clock anew on each query, so it
        # can move by a millisecond between two reads: compare with slack.
        p = self.protocol()
        return _Since(p.get("state"), p.get("info", "").split()[:1])

    def withdrawals_received(self) -> int:
        return self.protocol().get("import_withdraws_received", 0)

    def updates_received(self) -> int:
        return self.protocol().get("import_updates_received", 0)

    def refresh_in(self) -> None:
        self.birdc("reload", "in", RS_PROTOCOL)

    def notifications(self) -> Notifications:
        """From the log: "<RMT> routeserver: Received: Administrative shutdown: "text"";
        BIRD names the error in words."""
        seen = _RECEIVED.findall(self.log_text())
        if not seen:
            return Notifications(0)
        name, message = seen[-1]
        return Notifications(len(seen), _BIRD_ERRORS.get(name.lower()), message or None)

    def rib_text(self) -> tuple[str, str]:
        return (f"birdc show route all protocol {RS_PROTOCOL}",
                self.birdc("show", "route", "all", "protocol", RS_PROTOCOL))

    def routes(self) -> dict[str, dict]:
        table = parse_routes(self.birdc("show", "route", "all", "protocol", RS_PROTOCOL))
        return {prefix: paths[0]["route"] for prefix, paths in table.items() if paths}


_RECEIVED = re.compile(rf'<RMT> {RS_PROTOCOL}: Received: ([^:\n"]+?)(?:: "(.*)")?$', re.M)
# BIRD's names of NOTIFICATION errors (bgp_msg_table in proto/bgp/bgp.c), those the tests meet.
_BIRD_ERRORS = {
    "hold timer expired": (4, 0),
    "maximum number of prefixes reached": (6, 1),
    "administrative shutdown": (6, 2),
    "peer de-configured": (6, 3),
    "administrative reset": (6, 4),
    "connection rejected": (6, 5),
    "other configuration change": (6, 6),
    "connection collision resolution": (6, 7),
}


# -- birdc text ---------------------------------------------------------------
_ROUTE_HEAD = re.compile(r"^(?P<prefix>\S+/\d+)?\s+(?P<kind>unicast|blackhole|unreachable|prohibited)\s+"
                         r"\[(?P<proto>[^\s\]]+)[^\]]*\](?P<best>\s\*)?")
_PAIR = re.compile(r"\(([^()]*)\)")


def parse_routes(text: str) -> dict[str, list[dict]]:
    """`birdc show route all` -> {prefix: [{"protocol", "best", "route"}]}, best path first.

    A route starts with "PREFIX  unicast [PROTO ...] * (pref) [...]"; further
    paths of the same prefix start with blanks instead of the prefix. Their
    attributes follow as "\tBGP.name: value" lines."""
    table: dict[str, list[dict]] = {}
    prefix = None
    cur = None

    def flush():
        if cur is not None:
            a = cur.pop("attrs")
            cur["route"] = route(
                next_hop=a.get("next_hop"),
                as_path=[int(x) for x in a.get("as_path", "").split() if x.isdigit()],
                med=int(a["med"]) if "med" in a else None,
                communities=[p.replace(",", ":").replace(" ", "") for p in _PAIR.findall(a.get("community", ""))],
                ext_communities=[_ext(p) for p in _PAIR.findall(a.get("ext_community", ""))],
                large_communities=[p.replace(",", ":").replace(" ", "")
                                   for p in _PAIR.findall(a.get("large_community", ""))],
            )
            table.setdefault(cur.pop("prefix"), []).append(cur)

    for line in text.splitlines():
        m = _ROUTE_HEAD.match(line)
        if m:
            flush()
            prefix = m.group("prefix") or prefix
            cur = {"prefix": prefix, "protocol": m.group("proto"), "best": bool(m.group("best")), "attrs": {}}
            continue
        if cur is None:
            continue
        s = line.strip()
        if s.startswith("BGP.") and ":" in s:
            name, value = s[4:].split(":", 1)
            cur["attrs"][name.strip()] = value.strip()
    flush()
    for paths in table.values():
        paths.sort(key=lambda p: not p["best"])
    return table


def _ext(pair: str) -> str:
    parts = [x.strip() for x in pair.split(",")]
    return ":".join(parts)  # (rt, 65013, 100) -> rt:65013:100


_PROTO_HEAD = re.compile(r"^(?P<name>\S+)\s+(?P<proto>\S+)\s+(?P<table>\S+)\s+(?P<state>up|down|start|stop|flush)\s")


def parse_protocols(text: str) -> dict[str, dict]:
    """`birdc show protocols all` -> {name: {"proto", "state", "bgp_state",
    "neighbor", "neighbor_as", "imported", "exported", "last_error"}}."""
    out: dict[str, dict] = {}
    cur = None
    for line in text.splitlines():
        m = _PROTO_HEAD.match(line)
        if m:
            cur = {"proto": m.group("proto"), "state": m.group("state"), "info": line[m.end():].strip()}
            out[m.group("name")] = cur
            continue
        if cur is None:
            continue
        s = line.strip()
        if s.startswith("BGP state:"):
            cur["bgp_state"] = s.split(":", 1)[1].strip()
        elif s.startswith("Neighbor address:"):
            cur["neighbor"] = s.split(":", 1)[1].strip()
        elif s.startswith("Neighbor AS:"):
            cur["neighbor_as"] = int(s.split(":", 1)[1])
        elif s.startswith("Last error:"):
            cur["last_error"] = s.split(":", 1)[1].strip()
        elif s.startswith("Import updates:") or s.startswith("Import withdraws:"):
            counts = s.split(":", 1)[1].split()  # received rejected filtered ignored accepted
            if counts and counts[0].isdigit():
                key = "import_updates_received" if s.startswith("Import updates") else "import_withdraws_received"
                cur[key] = int(counts[0])
        elif s.startswith("Routes:"):
            m2 = re.search(r"(\d+) imported, (?:(\d+) filtered, )?(\d+) exported", s)
            if m2:
                cur["imported"] = int(m2.group(1))
                cur["exported"] = int(m2.group(3))
    return out


class _Since:
    """A BIRD (state, since) session mark; equal within 50 ms."""

    def __init__(self, state, since):
        self.state, self.since = state, since

    def _ms(self):
        try:
            h, m, rest = self.since[0].split(":")
            return (int(h) * 3600 + int(m) * 60) * 1000 + round(float(rest) * 1000)
        except (IndexError, ValueError):
            return None

    def __eq__(self, other):
        if not isinstance(other, _Since) or self.state != other.state:
            return False
        a, b = self._ms(), other._ms()
        if a is None or b is None:
            return self.since == other.since
        return abs(a - b) <= 50

    def __hash__(self):
        return hash(self.state)

    def __repr__(self):
        return repr((self.state, self.since))
