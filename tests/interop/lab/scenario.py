"""A route server and its clients in one lab: topology, start order, and
what every client must have received.

Topology: hub bridge; the RS at 10.0.0.1; every node's address is in one
/16 so that every next hop is on-link for every client, while the /24s tell
the RS's groups apart:
  10.0.0.0/24  dynamic clients (the `allow` range)
  10.0.1.0/24  static neighbors (RS `neighbors:` list, outside `allow`)
  10.0.2.0/24  sources outside every allow range
  10.0.3.0/24  a second allow range with max_prefixes
Client i has AS 65000+i and originates 10.i.N.0/24."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .netns import Lab, Node
from .peers import KINDS, Peer
from .route_server import RouteServer, RsSpec, make_route_server, rs_kind
from .routes import Announcement
from .wait import GiveUp, WaitTimeout, describe_diff, wait_equal, wait_for

RS_IP = "10.0.0.1"
RS_ASN = 65000
PREFIXLEN = 16
DYNAMIC_RANGE = "10.0.0.0/24"
LIMITED_RANGE = "10.0.3.0/24"
CLIENT_AS_RANGE = "65010-65099"
ESTABLISH_TIMEOUT = 45.0
CONVERGE_TIMEOUT = 20.0
_PROBE_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tcp_probe.py")


class LabStartError(RuntimeError):
    pass


def client_address(index: int, subnet: int = 0) -> str:
    return f"10.0.{subnet}.{index}"


@dataclass
class ClientSpec:
    name: str
    kind: str
    index: int
    subnet: int = 0          # third octet: 0 dynamic, 1 static, 2 outside allow, 3 limited
    asn: int | None = None   # default 65000 + index
    announcements: list[Announcement] = field(default_factory=list)
    # False for clients the RS must refuse: they are not waited for and their
    # routes are expected nowhere.
    accepted: bool = True
    connect_retry: int = 1

    @property
    def address(self) -> str:
        return client_address(self.index, self.subnet)


def standard_announcements(kind: str, index: int) -> list[Announcement]:
    """What each kind of client originates in the relay tests: every attribute
    the daemon can set, spread so that each receiving client checks each."""
    asn = 65000 + index
    p = lambda n: f"10.{index}.{n}.0/24"  # noqa: E731
    if kind == "gobgp":
        return [Announcement(p(1), med=10, communities=(f"{asn}:1", f"{asn}:2"), large_communities=(f"{asn}:1:1",),
                             ext_communities=(f"rt:{asn}:100",), prepend=(65100,)),
                Announcement(p(2), med=20, communities=(f"{asn}:3",), ext_communities=(f"rt:{asn}:200",)),
                Announcement(p(3))]
    if kind == "frr":
        return [Announcement(p(1), communities=(f"{asn}:1",)),
                Announcement(p(2), communities=(f"{asn}:2", f"{asn}:3"), med=5)]
    if kind == "openbgpd":
        return [Announcement(p(1), communities=(f"{asn}:1",)),
                Announcement(p(2), communities=(f"{asn}:2",), large_communities=(f"{asn}:2:2",))]
    if kind == "exabgp":
        return [Announcement(p(1), communities=(f"{asn}:1",), large_communities=(f"{asn}:1:1",)),
                Announcement(p(2), prepend=(65100, 65101))]
    if kind == "bird":
        return [Announcement(p(1)),
                Announcement(p(2), communities=(f"{asn}:2",), ext_communities=(f"rt:{asn}:2",), prepend=(65100,))]
    raise ValueError(kind)


class RsLab:
    """Starts the RS, then every client in parallel, and waits for the
    accepted ones to be Established. `rs_prepends` says whether the RS puts
    its AS in front of relayed paths (route_server: false)."""

    def __init__(self, label: str, spec: RsSpec, clients: list[ClientSpec], rs_prepends: bool = False,
                 kind: str | None = None, keep_dir: bool = False, probe_nodes: dict[str, str] | None = None,
                 check_med: bool = True, rs_factory=None,
                 on_rs_node: Callable[[Node], None] | None = None):
        self.kind = kind or rs_kind()
        # (node, spec) -> RouteServer: another way to run the RS (its image).
        self.rs_factory = rs_factory or (lambda node, spec: make_route_server(node, spec, self.kind))
        self.label = label
        self.spec = spec
        self.client_specs = clients
        self.rs_prepends = rs_prepends
        # Whether relayed MEDs are compared. route_server: true keeps MED
        # (RFC 7947); for route_server: false the design leaves it open and
        # plain eBGP (RFC 4271 5.1.4, BIRD) drops it.
        self.check_med = check_med
        self.keep_dir = keep_dir
        self.lab: Lab | None = None  # created by start(): nothing exists before
        self.rs: RouteServer | None = None
        self.peers: dict[str, Peer] = {}
        self.specs: dict[str, ClientSpec] = {c.name: c for c in clients}
        self.probe_addresses = probe_nodes or {}  # name -> address of daemon-less nodes for tcp_probe
        self.probe_nodes: dict[str, Node] = {}
        # Called with the RS's node before anything starts in it (a packet capture).
        self.on_rs_node = on_rs_node

    # -- lifecycle ------------------------------------------------------------
    def start(self) -> "RsLab":
        t0 = time.monotonic()
        self.lab = Lab(self.label, keep_dir=self.keep_dir)
        try:
            rs_node = self.lab.add_node("rs", [f"{self.spec.listen_ip}/{PREFIXLEN}"])
            if self.on_rs_node:
                self.on_rs_node(rs_node)
            self.rs = self.rs_factory(rs_node, self.spec)
            self.rs.start()
            nodes = {c.name: self.lab.add_node(c.name, [f"{c.address}/{PREFIXLEN}"]) for c in self.client_specs}
            for name, addr in self.probe_addresses.items():
                self.probe_nodes[name] = self.lab.add_node(name, [f"{addr}/{PREFIXLEN}"])
            self.rs.wait_ready()
            for c in self.client_specs:
                cls = KINDS[c.kind]
                self.peers[c.name] = cls(nodes[c.name], c.asn or 65000 + c.index, self.spec.listen_ip,
                                         self.spec.asn, c.announcements, connect_retry=c.connect_retry,
                                         hold_time=self.spec.hold_time)
            for p in self.peers.values():
                p.start()
            with ThreadPoolExecutor(len(self.peers) or 1) as pool:
                list(pool.map(lambda p: p.after_start(), self.peers.values()))
            self.wait_established([self.peers[c.name] for c in self.client_specs if c.accepted])
        except Exception as e:
            # The logs go with the lab's temp dir: read them before closing.
            report = self.log_report(40)
            self.close()
            raise LabStartError(f"lab {self.label} (RS={self.kind}) did not come up: {e}\n{report}") from e
        except BaseException:
            self.close()
            raise
        self.start_seconds = time.monotonic() - t0
        return self

    def close(self) -> None:
        if self.lab:
            self.lab.close()

    def __enter__(self) -> "RsLab":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def processes(self):
        return self.lab.processes() if self.lab else []

    # -- sessions ---------------------------------------------------------------
    def wait_established(self, peers: list[Peer], timeout: float = ESTABLISH_TIMEOUT) -> None:
        def check():
            self.check_rs_alive()
            states = {}
            for p in peers:
                if p.process is not None and not p.process.alive():
                    raise GiveUp(f"{p!r} exited with {p.process.popen.returncode}:\n{p.log_tail(20)}")
                try:
                    states[p.name] = p.session_state()
                except Exception as e:  # noqa: BLE001 - daemon still starting
                    states[p.name] = f"{type(e).__name__}: {e}"
            return all(s == "Established" for s in states.values()), states
        wait_for(check, timeout, f"sessions of {[repr(p) for p in peers]} with the {self.kind} RS Established",
                 interval=0.25)

    # -- expectations -------------------------------------------------------------
    def live_peers(self) -> list[Peer]:
        return [p for name, p in self.peers.items() if self.specs[name].accepted and not p.dead]

    def check_rs_alive(self) -> None:
        """Raises GiveUp if the RS process is gone: waiting on would only time out."""
        if self.rs and self.rs.process and not self.rs.process.alive():
            raise GiveUp(f"the {self.kind} route server exited with {self.rs.process.popen.returncode}:\n"
                         f"{self.rs.log_tail(40)}")

    def view(self, receiver: Peer) -> dict[str, dict]:
        """The receiver's own view of its routes from the RS, reduced to what
        this lab checks (see check_med)."""
        self.check_rs_alive()
        return self._comparable(receiver.routes())

    def wait_view(self, receiver: Peer, timeout: float = CONVERGE_TIMEOUT) -> dict[str, dict]:
        """Until view(receiver) == expected_routes(receiver); returns the view."""
        return wait_equal(lambda: self.view(receiver), self.expected_routes(receiver), timeout,
                          f"{receiver!r} to hold exactly the other clients' routes (RS={self.kind})")

    def _comparable(self, table: dict[str, dict]) -> dict[str, dict]:
        if self.check_med:
            return table
        return {prefix: {k: v for k, v in r.items() if k != "med"} for prefix, r in table.items()}

    def expected_routes(self, receiver: Peer) -> dict[str, dict]:
        """Every route of every other live accepted client, as a route server
        must relay it: next hop and attributes untouched."""
        want = {}
        for origin in self.live_peers():
            if origin is receiver:
                continue
            for a in origin.announced.values():
                r = origin.originated(a).as_received(origin.ip, origin.asn, self.rs.asn if self.rs_prepends else None)
                want[a.prefix] = receiver.as_displayed(r)
        return self._comparable(want)

    def wait_converged(self, receivers: list[Peer] | None = None, timeout: float = CONVERGE_TIMEOUT) -> None:
        """Until every receiver's own view equals expected_routes(receiver);
        on timeout, the difference per client."""
        receivers = receivers if receivers is not None else self.live_peers()

        def check():
            self.check_rs_alive()
            wrong = {}
            for p in receivers:
                want = self.expected_routes(p)
                try:
                    got = self.view(p)
                except Exception as e:  # noqa: BLE001
                    got = f"{type(e).__name__}: {e}"
                if got != want:
                    wrong[p] = (want, got)
            return not wrong, wrong

        def explain(wrong) -> str:
            if not isinstance(wrong, dict):
                return ""
            parts = []
            for p, (want, got) in wrong.items():
                parts.append(f"--- {p!r} (its own view) ---\n" +
                             (describe_diff(want, got) if isinstance(got, dict) else f"could not read: {got}"))
            return "\n".join(parts)
        try:
            wait_for(check, timeout, "every client to hold exactly the other clients' routes, attributes unchanged",
                     interval=0.25)
        except WaitTimeout as e:
            raise WaitTimeout(f"timed out after {timeout:g}s waiting for every client to hold exactly the other "
                              f"clients' routes (RS={self.kind}, rs_prepends={self.rs_prepends})\n"
                              f"{explain(e.seen)}", e.seen) from None

    def probe(self, node_name: str, asn: int, timeout: float = 5.0) -> dict:
        """Opens a BGP connection to the RS from a probe node, sends an OPEN and
        reports what came back (see tcp_probe.py)."""
        node = self.probe_nodes[node_name]
        out = node.exec([sys.executable, _PROBE_SCRIPT, self.rs.ip, "179", str(asn), node.ip, str(timeout)],
                        timeout=timeout + 10).stdout
        return json.loads(out)

    def log_report(self, lines: int = 30) -> str:
        return "\n".join(f"===== {p.name} ({p.log_path}) =====\n{p.log_tail(lines)}" for p in self.processes())
