"""The route server under test, chosen by the environment: RS=meshbgp
(default; our bgpd) or RS=bird (BIRD 2 with `rs client`, a reference that
behaves like meshbgp's `route_server: true`).

A scenario describes the RS in one neutral RsSpec (groups with `allow`
ranges, static neighbors); each implementation renders it into its own
config. Both answer summary() and rib() in one normalized shape:
  summary(): {peer address: {"state": "Established", "asn": 65012, "prefixes": 3}}
             (prefixes: how many of the peer's routes the RS holds now)
  rib():     {prefix: [{"peer": peer address, "best": bool, "route": lab.routes.route(...)}]}"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from dataclasses import dataclass, field

from .bgp_connection import keepalive_time
from .netns import Node, Process, run
from .peers.bird import BIRD, birdc, parse_protocols, parse_routes
from .routes import route
from .wait import GiveUp, wait_for

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
START_TIMEOUT = 20.0


def rs_kind() -> str:
    kind = os.environ.get("RS", "meshbgp").strip().lower() or "meshbgp"
    if kind not in ("meshbgp", "bird"):
        raise ValueError(f"RS={kind!r}: expected meshbgp or bird")
    return kind


def meshbgp_build_dir() -> str:
    return os.path.abspath(os.environ.get("MESHBGP_BUILD_DIR", os.path.join(REPO_ROOT, "build")))


def _in_build_dir(env: str, *candidates: str) -> str:
    """$env if set, else the first candidate (relative to the build dir) that
    is an executable file, else the first candidate (for the error message)."""
    if os.environ.get(env):
        return os.environ[env]
    paths = [os.path.join(meshbgp_build_dir(), c) for c in candidates]
    return next((p for p in paths if os.path.isfile(p) and os.access(p, os.X_OK)), paths[0])


def meshbgp_bgpd() -> str:
    """Our daemon, by explicit path only: /usr/sbin/bgpd on PATH is OpenBGPD."""
    return _in_build_dir("MESHBGP_BGPD", "bgpd/bgpd")


def meshbgp_bgpctl() -> str:
    # bgpd/cli/CMakeLists.txt puts bgpctl at the build dir's root.
    return _in_build_dir("MESHBGP_BGPCTL", "bgpctl", "bgpd/cli/bgpctl")


@dataclass
class RsGroup:
    name: str
    allow: list[str] = field(default_factory=list)    # CIDR ranges of dynamic clients
    peer_as: list[str] = field(default_factory=list)  # "65010-65099" or "65011"; empty = any
    route_server: bool = True
    max_prefixes: int = 0
    passive: bool | None = None
    families: tuple[str, ...] = ("ipv4",)
    password: str = ""            # TCP MD5 key
    ttl_security: bool = False    # GTSM
    max_prefixes_restart: str = ""  # duration, "" = the default
    max_connects_per_minute: int | None = None  # None = the default (60)


@dataclass
class RsNeighbor:
    address: str
    peer_as: int
    group: str
    # "bird": only BIRD gets this neighbor, to express with a fixed AS what
    # meshbgp does with a group's peer_as range (BIRD's dynamic sessions
    # accept any external AS).
    only_for: str | None = None
    password: str | None = None  # TCP MD5 key overriding the group's; "" = none; None = the group's


@dataclass
class RsSpec:
    asn: int
    router_id: str
    listen_ip: str
    groups: list[RsGroup]
    neighbors: list[RsNeighbor] = field(default_factory=list)
    hold_time: int = 9
    http: str = ""  # meshbgp api.http ("host:port"; "" = no TCP listener)
    extra_yaml: str = ""  # meshbgp: top-level keys added as they are (mrt: ...)


class RouteServer:
    kind = "?"

    def __init__(self, node: Node, spec: RsSpec):
        self.node = node
        self.spec = spec
        self.process: Process | None = None

    @property
    def ip(self) -> str:
        return self.spec.listen_ip

    @property
    def asn(self) -> int:
        return self.spec.asn

    def path(self, name: str) -> str:
        return os.path.join(self.node.dir, name)

    def start(self) -> None:
        raise NotImplementedError

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Until the RS listens on port 179 and answers its control socket."""
        def check():
            if not self.process.alive():
                raise GiveUp(f"{self.kind} route server exited with {self.process.popen.returncode}:\n"
                             f"{self.process.log_tail()}")
            return self.node.listening(179) and self._control_ok(), self.process.log_tail(5)
        wait_for(check, timeout, f"{self.kind} route server listening on {self.ip}:179 with its control socket")

    def _control_ok(self) -> bool:
        raise NotImplementedError

    def stop(self) -> None:
        if self.process:
            self.process.stop()

    def log_tail(self, lines: int = 60) -> str:
        return self.process.log_tail(lines) if self.process else "<not started>"

    def summary(self) -> dict[str, dict]:
        raise NotImplementedError

    def rib(self) -> dict[str, list[dict]]:
        raise NotImplementedError

    def summary_text(self) -> tuple[str, str]:
        """(command, output): the RS's own human-readable session list."""
        raise NotImplementedError

    def rib_text(self) -> tuple[str, str]:
        raise NotImplementedError


# -- meshbgp ------------------------------------------------------------------
class MeshbgpRouteServer(RouteServer):
    kind = "meshbgp"

    def config_yaml(self) -> str:
        s = self.spec
        lines = [
            "# meshbgp route server for the interop lab (see shared/design/CONFIG.md)",
            f"asn: {s.asn}",
            f"router_id: {s.router_id}",
            f'listen: ["{s.listen_ip}:179"]',
            "threads: 2",
            f"hold_time: {s.hold_time}",
            "api:",
            f"  socket: {self.sock}",
            f'  http: "{s.http}"',
            "log: { level: debug, format: text }",
            *([s.extra_yaml.rstrip("\n")] if s.extra_yaml else []),
            "groups:",
        ]
        for g in s.groups:
            lines += [
                f"  - name: {g.name}",
                "    type: external",
                f"    families: [{', '.join(g.families)}]",
                f"    route_server: {str(g.route_server).lower()}",
                "    multihop: 1",
                f"    hold_time: {s.hold_time}",
            ]
            if g.allow:
                lines.append(f"    allow: [{', '.join(g.allow)}]")
            if g.peer_as:
                lines.append(f"    peer_as: [{', '.join(g.peer_as)}]")
            if g.max_prefixes:
                lines.append(f"    max_prefixes: {g.max_prefixes}")
            if g.passive is not None:
                lines.append(f"    passive: {str(g.passive).lower()}")
            if g.password:
                lines.append(f'    password: "{g.password}"')
            if g.ttl_security:
                lines.append("    ttl_security: true")
            if g.max_prefixes_restart:
                lines.append(f"    max_prefixes_restart: {g.max_prefixes_restart}")
            if g.max_connects_per_minute is not None:
                lines.append(f"    max_connects_per_minute: {g.max_connects_per_minute}")
        neighbors = [n for n in s.neighbors if n.only_for in (None, self.kind)]
        if neighbors:
            lines.append("neighbors:")
            for n in neighbors:
                own_key = "" if n.password is None else f', password: "{n.password}"'
                lines.append(f"  - {{ address: {n.address}, peer_as: {n.peer_as}, group: {n.group}{own_key} }}")
        return "\n".join(lines) + "\n"

    def start(self) -> None:
        bgpd = meshbgp_bgpd()
        if not os.access(bgpd, os.X_OK):
            raise FileNotFoundError(f"meshbgp bgpd not found at {bgpd}: build it (ninja -C build bgpd) "
                                    f"or set MESHBGP_BUILD_DIR / MESHBGP_BGPD, or run with RS=bird")
        self.sock = self.path("bgpd.sock")
        self.conf = self.path("bgpd.yaml")
        self.write_config()
        check = run([bgpd, "--check", "-c", self.conf], check=False)
        if check.returncode != 0:
            raise RuntimeError(f"bgpd --check rejected the lab config {self.conf}:\n{check.stdout}{check.stderr}\n"
                               f"--- config ---\n{self.config_yaml()}")
        self.process = self.node.spawn("bgpd", [bgpd, "-c", self.conf])

    def write_config(self, text: str | None = None) -> None:
        """(Re)writes the file bgpd reads at start and reload: the rendering
        of self.spec, or `text` as given (a broken file, say)."""
        with open(self.conf, "w") as f:
            f.write(self.config_yaml() if text is None else text)

    def send_signal(self, sig: int = signal.SIGHUP) -> None:
        """To bgpd itself (`ip netns exec` execs it: the pid is the daemon's)."""
        self.process.popen.send_signal(sig)

    def bgpctl(self, *args: str) -> str:
        return run([meshbgp_bgpctl(), "-s", self.sock, *args]).stdout

    def bgpctl_result(self, *args: str) -> subprocess.CompletedProcess:
        """bgpctl -s SOCK ARGS..., whatever its exit status."""
        return run([meshbgp_bgpctl(), "-s", self.sock, *args], check=False)

    def bgpctl_json(self, *args: str):
        return json.loads(self.bgpctl("-j", *args))

    def _control_ok(self) -> bool:
        return os.path.exists(self.sock) and run([meshbgp_bgpctl(), "-s", self.sock, "-j", "show", "summary"],
                                                 check=False).returncode == 0

    def summary_text(self) -> tuple[str, str]:
        return "bgpctl show summary", self.bgpctl("show", "summary")

    def rib_text(self) -> tuple[str, str]:
        return "bgpctl show rib", self.bgpctl("show", "rib")

    def summary(self) -> dict[str, dict]:
        return normalize_meshbgp_summary(self.bgpctl_json("show", "summary"))

    def rib(self) -> dict[str, list[dict]]:
        return normalize_meshbgp_rib(self.bgpctl_json("show", "rib"))


def normalize_meshbgp_summary(doc: dict) -> dict[str, dict]:
    """bgpctl -j show summary: {"neighbors": [{"address", "asn", "state",
    "prefixes": {family: {"received": N, "accepted": N, "rejected": N}}, ...}]}
    (bgpd/daemon/control.cc). "accepted" is the peer's paths in the RIB now;
    "received" counts every announcement ever received, re-sends included."""
    out: dict[str, dict] = {}
    for n in doc["neighbors"]:
        held = sum(int(c.get("accepted", 0)) for c in (n.get("prefixes") or {}).values() if isinstance(c, dict))
        entry = {"state": n.get("state"), "asn": _asn(n.get("asn")), "prefixes": held}
        # Two connections with one neighbor (a collision, a closing one) may both be listed.
        if n["address"] not in out or entry["state"] == "Established":
            out[n["address"]] = entry
    return out


def normalize_meshbgp_rib(doc: dict) -> dict[str, list[dict]]:
    """bgpctl -j show rib: {"routes": [{"prefix", "neighbor", "best", "next_hop",
    "as_path": "65012 65100", "med", "communities": ["65012:1"],
    "ext_communities": ["rt 65012:100"], "large_communities": ["65012:1:1"]}]}."""
    out: dict[str, list[dict]] = {}
    for r in doc["routes"]:
        ext = [("rt:" + c[3:]) if str(c).startswith("rt ") else str(c) for c in r.get("ext_communities", [])]
        rt = route(
            next_hop=r.get("next_hop"),
            as_path=[int(x) for x in str(r.get("as_path", "")).split() if x.isdigit()],
            med=r.get("med"),
            communities=[str(c) for c in r.get("communities", [])],
            ext_communities=ext,
            large_communities=[str(c) for c in r.get("large_communities", [])],
        )
        out.setdefault(r["prefix"], []).append({"peer": r.get("neighbor"), "best": bool(r.get("best", True)),
                                                "route": rt})
    return out


def _asn(v) -> int | None:
    if v is None:
        return None
    s = str(v)
    if "." in s:  # asdot
        hi, lo = s.split(".", 1)
        return int(hi) * 65536 + int(lo)
    return int(s)


# -- BIRD -----------------------------------------------------------------------
class BirdRouteServer(RouteServer):
    """BIRD 2 with one template per group: `rs client` for route_server
    groups (no AS prepend, next hop and MED kept), `next hop keep` otherwise;
    a dynamic protocol per `allow` range; one protocol per static neighbor."""
    kind = "bird"

    def config(self) -> str:
        s = self.spec
        out = [f"router id {s.router_id};", "log stderr all;", "protocol device { scan time 10; }", ""]
        for g in s.groups:
            channel = ["import all;", "export all;"]
            if not g.route_server:
                channel.insert(0, "next hop keep;")
            if g.max_prefixes:
                # BIRD sends Cease / Maximum Number of Prefixes Reached (6/1), then keeps the session down.
                channel.append(f"receive limit {g.max_prefixes} action disable;")
            out += [
                f"template bgp g_{g.name} {{",
                f"  local {s.listen_ip} port 179 as {s.asn};",
                f"  hold time {s.hold_time};",
                f"  keepalive time {keepalive_time(s.hold_time)};",
                "  connect delay time 1;",
                "  connect retry time 1;",
                "  error wait time 1, 5;",
            ]
            if g.route_server:
                out.append("  rs client;")
            if g.passive:
                out.append("  passive on;")
            out += [f"  ipv4 {{ {' '.join(channel)} }};", "}"]
            for i, allow in enumerate(g.allow):
                # peer_as ranges have no BIRD equivalent: `external` admits any AS but ours.
                out += [f"protocol bgp d_{g.name}_{i} from g_{g.name} {{",
                        f"  neighbor range {allow} external;",
                        f'  dynamic name "d_{g.name}_{i}_";',
                        "}"]
            out.append("")
        for n in s.neighbors:
            if n.only_for not in (None, self.kind):
                continue
            if n.password == "":
                raise NotImplementedError("BIRD RS: a neighbor without the MD5 key of its group")
            out += [f"protocol bgp n_{n.address.replace('.', '_')} from g_{n.group} {{",
                    f"  neighbor {n.address} port 179 as {n.peer_as};",
                    *([f'  password "{n.password}";'] if n.password else []), "}"]
        return "\n".join(out) + "\n"

    def start(self) -> None:
        self.sock = self.path("bird.ctl")
        self.conf = self.path("bird.conf")
        with open(self.conf, "w") as f:
            f.write(self.config())
        check = run([BIRD, "-p", "-c", self.conf], check=False)
        if check.returncode != 0:
            raise RuntimeError(f"bird -p rejected {self.conf}: {check.stdout}{check.stderr}\n{self.config()}")
        self.process = self.node.spawn("bird", [BIRD, "-f", "-c", self.conf, "-s", self.sock,
                                                "-P", self.path("bird.pid")])

    def _control_ok(self) -> bool:
        return os.path.exists(self.sock) and run(["birdc", "-s", self.sock, "show", "status"],
                                                 check=False).returncode == 0

    def protocols(self) -> dict[str, dict]:
        return parse_protocols(birdc(self.sock, "show", "protocols", "all"))

    def summary_text(self) -> tuple[str, str]:
        return "birdc show protocols", birdc(self.sock, "show", "protocols")

    def rib_text(self) -> tuple[str, str]:
        return "birdc show route", birdc(self.sock, "show", "route")

    def summary(self) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for name, p in self.protocols().items():
            if p["proto"] != "BGP" or "neighbor" not in p:
                continue
            entry = {"state": p.get("bgp_state"), "asn": p.get("neighbor_as"),
                     "prefixes": p.get("imported", 0)}
            # A dynamic session that went down may linger beside its successor.
            if p["neighbor"] not in out or entry["state"] == "Established":
                out[p["neighbor"]] = entry
        return out

    def rib(self) -> dict[str, list[dict]]:
        peer_of = {name: p.get("neighbor") for name, p in self.protocols().items()}
        table = parse_routes(birdc(self.sock, "show", "route", "all"))
        return {prefix: [{"peer": peer_of.get(p["protocol"]), "best": p["best"], "route": p["route"]}
                         for p in paths]
                for prefix, paths in table.items()}


def make_route_server(node: Node, spec: RsSpec, kind: str | None = None) -> RouteServer:
    kind = kind or rs_kind()
    return {"meshbgp": MeshbgpRouteServer, "bird": BirdRouteServer}[kind](node, spec)
