"""A lab of route-server replicas that find each other in DNS, as in
Kubernetes: dnsmasq in its own namespace answers the headless Service name
`meshrr-core.default.svc.cluster.local` from a hosts file (TTL 1 s, reloaded
with SIGHUP), every replica's namespace gets a resolv.conf pointing at it
with the pod's search domains (/etc/netns/NS/resolv.conf, which
`ip netns exec` mounts), and clients attach to one replica each, as MetalLB
would hand them out.

Addresses (one /16, so every next hop is on-link for every client):
  10.0.0.2      dnsmasq
  10.0.0.1N     replicas of side a, 10.0.0.2N side b
  10.0.1.N      client N, AS 65000 + N"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .http_view import http_get
from .netns import NAME_PREFIX, Lab, Node, Process, run
from .peers import KINDS, Peer
from .route_server import meshbgp_bgpctl, meshbgp_bgpd
from .routes import Announcement
from .scenario import standard_announcements
from .wait import GiveUp, WaitTimeout, describe_diff, wait_for

PREFIXLEN = 16
DNS_IP = "10.0.0.2"
DOMAIN = "default.svc.cluster.local"
SERVICE = "meshrr-core"
RS_ASN = 65000
HOLD_TIME = 9
DNSMASQ = "/usr/sbin/dnsmasq"


def replica_ip(side: str, index: int) -> str:
    return f"10.0.0.{(1 if side == 'a' else 2) * 10 + 1 + index}"


def client_ip(index: int) -> str:
    return f"10.0.1.{index}"


class Dns:
    """dnsmasq answering SERVICE.DOMAIN (and NXDOMAIN for the rest of
    cluster.local) from a hosts file."""

    def __init__(self, node: Node):
        self.node = node
        self.hosts = os.path.join(node.dir, "hosts")
        self.addresses: list[str] = []
        self.process: Process | None = None

    def start(self) -> None:
        self._write()
        self.process = self.node.spawn("dnsmasq", [
            DNSMASQ, "--no-daemon", f"--listen-address={self.node.ip}", "--bind-interfaces",
            "--no-resolv", "--no-hosts", f"--addn-hosts={self.hosts}", "--local-ttl=1",
            "--local=/cluster.local/", f"--pid-file={os.path.join(self.node.dir, 'dnsmasq.pid')}",
            "--user=root", "--group=root", "--log-queries", "--log-facility=-"])
        wait_for(lambda: (self.node.exec(["ss", "-Hlun", "sport = :53"], check=False).stdout.strip() != "",
                          self.process.log_tail(5)), 10, "dnsmasq listening on port 53")

    def set(self, addresses: list[str]) -> None:
        """The Service's endpoints become `addresses` (SIGHUP: dnsmasq re-reads the hosts file)."""
        self.addresses = list(addresses)
        self._write()
        self.process.popen.send_signal(signal.SIGHUP)

    def stop(self) -> None:
        self.process.kill()

    def _write(self) -> None:
        with open(self.hosts + ".tmp", "w") as f:
            for a in self.addresses:
                f.write(f"{a} {SERVICE}.{DOMAIN}\n")
        os.replace(self.hosts + ".tmp", self.hosts)

    def resolv_conf(self) -> str:
        # A pod's resolv.conf: the Service's short name resolves through the search list.
        return (f"nameserver {self.node.ip}\nsearch {DOMAIN} svc.cluster.local cluster.local\n"
                "options ndots:5 timeout:1 attempts:2\n")


@dataclass
class Replica:
    """One bgpd pod: its namespace, Downward API environment and config."""
    name: str
    node: Node
    config_text: str = ""
    args: list[str] = field(default_factory=list)
    process: Process | None = None

    @property
    def ip(self) -> str:
        return self.node.ip

    @property
    def sock(self) -> str:
        return os.path.join(self.node.dir, "meshbgp", "bgpd.sock")

    def env(self) -> dict[str, str]:
        # XDG_RUNTIME_DIR puts the default api.socket in the node's dir.
        return {"POD_IP": self.ip, "POD_NAME": self.name, "POD_NAMESPACE": "default",
                "NODE_NAME": f"node-{self.name}", "XDG_RUNTIME_DIR": self.node.dir}

    def start(self) -> None:
        conf = os.path.join(self.node.dir, "bgpd.yaml")
        with open(conf, "w") as f:
            f.write(self.config_text)
        flag = self.args or ["-c", conf]
        argv = [meshbgp_bgpd(), *[conf if a == "{conf}" else a for a in flag]]
        self.process = self.node.spawn("bgpd", argv, env=self.env())

    def wait_listening(self, timeout: float = 20) -> None:
        def check():
            if not self.process.alive():
                raise GiveUp(f"bgpd {self.name} exited with {self.process.popen.returncode}:\n"
                             f"{self.process.log_tail(30)}")
            return self.node.listening(179) and os.path.exists(self.sock), self.process.log_tail(5)
        wait_for(check, timeout, f"bgpd {self.name} listening with its control socket")

    def bgpctl_json(self, *args: str):
        return json.loads(run([meshbgp_bgpctl(), "-s", self.sock, "-j", *args]).stdout)

    def bgpctl(self, *args: str) -> str:
        return run([meshbgp_bgpctl(), "-s", self.sock, *args]).stdout

    def summary(self) -> dict[str, dict]:
        """{address: summary entry}, the Established entry when a peer has two."""
        out: dict[str, dict] = {}
        for n in self.bgpctl_json("show", "summary")["neighbors"]:
            if n["address"] not in out or n.get("state") == "Established":
                out[n["address"]] = n
        return out

    def http(self, path: str) -> int:
        """HTTP status of GET http://IP:9179/PATH from inside the pod's namespace."""
        code = ("import sys, urllib.request, urllib.error\n"
                "try:\n  print(urllib.request.urlopen(sys.argv[1], timeout=3).status)\n"
                "except urllib.error.HTTPError as e:\n  print(e.code)\n")
        out = self.node.exec([sys.executable, "-c", code, f"http://{self.ip}:9179{path}"], check=False).stdout
        return int(out.strip() or 0)

    def http_text(self, path: str) -> str:
        """Body of GET http://IP:9179/PATH, which must answer 200."""
        answer = http_get(self.node, f"http://{self.ip}:9179", path)
        assert answer.status == 200, f"GET {path}: {answer.status} {answer.text[:500]}"
        return answer.text

    def metrics(self) -> dict[tuple[str, frozenset], float]:
        """/metrics as {(sample name, frozenset of (label, value))}: value}."""
        samples = {}
        for line in self.http_text("/metrics").splitlines():
            m = re.match(r'^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$', line)
            if not m:
                continue
            labels = frozenset((k, v.replace('\\"', '"').replace("\\\\", "\\"))
                               for k, v in re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
            samples[(m.group(1), labels)] = float(m.group(3))
        return samples


def native_config(replica_ip_: str, families: str = "ipv4", drain_seconds: int = 0) -> str:
    return f"""# a route-server pod of the mesh lab
asn: {RS_ASN}
router_id: ${{POD_IP}}
listen: ["0.0.0.0:179"]
threads: 2
hold_time: {HOLD_TIME}
api: {{ http: "{replica_ip_}:9179" }}
log: {{ level: debug, format: text }}
drain_seconds: {drain_seconds}
ready_timeout: 60s
groups:
  - name: MESH
    type: internal
    families: [{families}]
    mesh: {{ dns: {SERVICE}, interval: 5s, empty_grace: 30s }}
  - name: CLIENTS
    type: external
    families: [{families}]
    allow: [10.0.0.0/16]
    peer_as: [65001-65099]
    route_server: true
"""


def _remove_stale_etc() -> None:
    """/etc/netns entries of lab namespaces that no longer exist (a run that died)."""
    if not os.path.isdir("/etc/netns"):
        return
    live = set(run(["ip", "netns", "list"]).stdout.split())
    for name in os.listdir("/etc/netns"):
        if name.startswith(NAME_PREFIX) and name not in live:
            shutil.rmtree(os.path.join("/etc/netns", name), ignore_errors=True)


class MeshLab:
    """dnsmasq, replicas and their clients. close() removes everything,
    including the /etc/netns entries."""

    def __init__(self, label: str = "mesh", keep_dir: bool = False, dns_ip: str = DNS_IP,
                 mesh_group: str = "MESH", rs_asn: int = RS_ASN):
        self.lab = Lab(label, keep_dir=keep_dir)  # removes dead runs' namespaces
        _remove_stale_etc()
        self.mesh_group = mesh_group
        self.rs_asn = rs_asn
        self.converged_after = 0.0  # see wait_converged
        self.converged_detail: dict[str, tuple[float, float]] = {}
        self.replicas: dict[str, Replica] = {}
        self.clients: dict[str, Peer] = {}
        self.home: dict[str, str] = {}  # client name -> replica name
        self._etc: list[str] = []
        try:
            self.dns = Dns(self.lab.add_node("dns", [f"{dns_ip}/{PREFIXLEN}"]))
            self.dns.start()
        except BaseException:
            self.close()
            raise

    # -- building -----------------------------------------------------------------
    def add_replica(self, name: str, ip: str, config_text: str, args: list[str] | None = None) -> Replica:
        node = self.lab.add_node(name, [f"{ip}/{PREFIXLEN}"])
        etc = f"/etc/netns/{node.ns}"
        os.makedirs(etc, exist_ok=True)
        self._etc.append(etc)
        with open(os.path.join(etc, "resolv.conf"), "w") as f:
            f.write(self.dns.resolv_conf())
        r = Replica(name, node, config_text, args or [])
        self.replicas[name] = r
        return r

    def add_client(self, name: str, kind: str, index: int, replica: str, ip: str | None = None,
                   asn: int | None = None, announcements: list[Announcement] | None = None) -> Peer:
        node = self.lab.add_node(name, [f"{ip or client_ip(index)}/{PREFIXLEN}"])
        base_kind = kind.split("-")[0]
        anns = standard_announcements(base_kind, index) if announcements is None else announcements
        peer = KINDS[kind](node, asn or 65000 + index, self.replicas[replica].ip, self.rs_asn, anns,
                           connect_retry=1, hold_time=HOLD_TIME)
        self.clients[name] = peer
        self.home[name] = replica
        return peer

    def start_clients(self, names: list[str]) -> None:
        peers = [self.clients[n] for n in names]
        for p in peers:
            p.start()
        with ThreadPoolExecutor(len(peers) or 1) as pool:
            list(pool.map(lambda p: p.after_start(), peers))

    def wait_clients_established(self, names: list[str], timeout: float = 45) -> None:
        peers = [self.clients[n] for n in names]
        wait_for(lambda: (all(p.established() for p in peers), {p.name: p.session_state() for p in peers}),
                 timeout, f"clients {names} Established with their replicas", interval=0.25)

    def start(self) -> "MeshLab":
        """Publishes every replica in DNS, starts the replicas and clients added
        so far, and waits for a full mesh and every client Established. A lab
        that does not come up is closed and the error carries every log."""
        try:
            self.dns.set([r.ip for r in self.replicas.values()])
            for r in self.replicas.values():
                r.start()
            for r in self.replicas.values():
                r.wait_listening()
            self.start_clients(list(self.clients))
            self.wait_clients_established(list(self.clients))
            self.wait_full_mesh(60)
        except BaseException as e:
            report = self.log_report(40)
            self.close()
            raise RuntimeError(f"mesh lab did not come up: {e}\n{report}") from e
        return self

    # -- expectations ---------------------------------------------------------------
    def live_replicas(self) -> list[Replica]:
        return [r for r in self.replicas.values() if r.process and r.process.alive()]

    def serving_clients(self) -> list[Peer]:
        """Clients whose replica runs and that run themselves."""
        live = {r.name for r in self.live_replicas()}
        return [p for n, p in self.clients.items() if self.home[n] in live and not p.dead]

    def expected_routes(self, receiver: Peer, rs_prepends: bool = False) -> dict[str, dict]:
        want = {}
        for origin in self.serving_clients():
            if origin is receiver:
                continue
            for a in origin.announced.values():
                r = origin.originated(a).as_received(origin.ip, origin.asn, self.rs_asn if rs_prepends else None)
                want[a.prefix] = receiver.as_displayed(r)
        return want

    def converged(self, receivers: list[Peer] | None = None) -> tuple[bool, dict]:
        wrong = {}
        for p in receivers if receivers is not None else self.serving_clients():
            want = self.expected_routes(p)
            got = p.routes()
            if got != want:
                wrong[p.name] = describe_diff(want, got)
        return not wrong, wrong

    def wait_converged(self, timeout: float = 30, receivers: list[Peer] | None = None) -> float:
        """Seconds until every serving client holds exactly every other
        serving client's routes, attributes as announced. Each client is
        polled in its own thread, so the figure is not the sum of slow
        reads: it is an upper bound (the end of the read that first found a
        client right, the latest over clients); self.converged_after is the
        matching lower bound (the start of the last read that did not)."""
        receivers = receivers if receivers is not None else self.serving_clients()
        wants = {p.name: self.expected_routes(p) for p in receivers}
        t0 = time.monotonic()

        def one(p: Peer):
            lower = 0.0
            while True:
                start = time.monotonic()
                try:
                    ok = p.routes() == wants[p.name]
                except Exception:  # noqa: BLE001 - a CLI busy or restarting: not yet
                    ok = False
                end = time.monotonic()
                if ok:
                    return lower, end - t0
                if end - t0 > timeout:
                    return None
                lower = start - t0
                time.sleep(0.02)

        with ThreadPoolExecutor(len(receivers) or 1) as pool:
            results = dict(zip((p.name for p in receivers), pool.map(one, receivers)))
        late = [name for name, r in results.items() if r is None]
        if late:
            _, wrong = self.converged(receivers)
            raise WaitTimeout(f"timed out after {timeout:g}s waiting for {late} to hold exactly the other "
                              f"clients' routes:\n{wrong}\n{self.log_report(20)}", wrong)
        self.converged_detail = {name: (round(lo, 3), round(hi, 3)) for name, (lo, hi) in results.items()}
        self.converged_after = max((r[0] for r in results.values()), default=0.0)
        return max((r[1] for r in results.values()), default=0.0)

    def mesh_sessions(self, replica: Replica) -> dict[str, dict]:
        """The replica's iBGP mesh sessions: {address: summary entry}."""
        return {a: n for a, n in replica.summary().items() if n.get("group") == self.mesh_group}

    def wait_full_mesh(self, timeout: float = 30) -> None:
        def check():
            seen = {}
            ok = True
            for r in self.live_replicas():
                others = {o.ip for o in self.live_replicas() if o is not r}
                states = {a: n.get("state") for a, n in r.summary().items() if a in others}
                seen[r.name] = states
                ok &= set(states) == others and all(s == "Established" for s in states.values())
            return ok, seen
        wait_for(check, timeout, "every live replica Established with every other one")

    def log_report(self, lines: int = 30) -> str:
        return "\n".join(f"===== {p.name} ({p.log_path}) =====\n{p.log_tail(lines)}"
                         for p in self.lab.processes())

    def close(self) -> None:
        """Safe to call more than once."""
        self.lab.close()
        for etc in self._etc:
            shutil.rmtree(etc, ignore_errors=True)

    def __enter__(self) -> "MeshLab":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
