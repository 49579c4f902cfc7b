"""The benchmark's lab: a netns for the route server (10.0.0.1) and one for
the load generator holding every client address (10.0.128.1 upward) on its
single veth, joined through the interop lab's hub bridge, all links at MTU
65535. Names are unique per run and everything goes away in close(), which
is the interop lab's (tests/interop/lab/netns.py): it is reused here rather
than rewritten."""

from __future__ import annotations

import ipaddress
import os
import sys

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from tests.interop.lab.netns import Lab, Node, run  # noqa: E402

RS_IP = "10.0.0.1"
CLIENT_BASE = ipaddress.IPv4Address("10.0.128.1")
CLIENT_RANGE = "10.0.128.0/17"  # what route servers allow; room for 32766 clients
PREFIX_LEN = 16
MTU = 65535
ROUTED_ABOVE = 500  # clients; more are reached through a route (see _routed_clients)
LG_ROUTER_IP = "10.0.1.1"


def client_ip(i: int) -> str:
    return str(CLIENT_BASE + i)


class FanoutLab:
    def __init__(self, max_clients: int, keep_dir: bool = False):
        if max_clients > 32766:
            raise ValueError("at most 32766 clients fit in " + CLIENT_RANGE)
        self.lab = Lab(label="bench", keep_dir=keep_dir)
        try:
            self.rs: Node = self.lab.add_node("rs", [f"{RS_IP}/{PREFIX_LEN}"])
            if max_clients <= ROUTED_ABOVE:
                self.lg: Node = self.lab.add_node(
                    "lg", [f"{client_ip(i)}/{PREFIX_LEN}" for i in range(max_clients)])
            else:
                self.lg = self._routed_clients(max_clients)
            self._set_mtu()
        except Exception:
            self.lab.close()
            raise

    def _routed_clients(self, clients: int) -> Node:
        """Many clients: their addresses go on the lg's loopback and the route
        server reaches them through the lg's one address. On one segment the
        route server would need an ARP entry per client, and the kernel's
        neighbour table (gc_thresh3 = 1024, shared by every netns on the
        host) overflows: SYNs to the rest go unanswered and a 1000-session
        cell measures the lab, not the daemon."""
        lg = self.lab.add_node("lg", [f"{LG_ROUTER_IP}/{PREFIX_LEN}"])
        batch = "".join(f"addr add {client_ip(i)}/32 dev lo\n" for i in range(clients))
        run(["ip", "-n", lg.ns, "link", "set", "lo", "up"])
        run(["ip", "-n", lg.ns, "-batch", "-"], input=batch, timeout=120)
        run(["ip", "-n", self.rs.ns, "route", "add", CLIENT_RANGE, "via", LG_ROUTER_IP])
        return lg

    def _set_mtu(self) -> None:
        for node in (self.rs, self.lg):
            run(["ip", "-n", node.ns, "link", "set", "eth0", "mtu", str(MTU)])
        # The hub side: every veth end and the bridge itself.
        out = run(["ip", "-n", self.lab.hub, "-o", "link", "show"]).stdout
        for line in out.splitlines():
            name = line.split(":")[1].strip().split("@")[0]
            if name != "lo":
                run(["ip", "-n", self.lab.hub, "link", "set", name, "mtu", str(MTU)])

    @property
    def dir(self) -> str:
        return self.lab.dir

    def close(self) -> None:
        self.lab.close()

    def __enter__(self) -> "FanoutLab":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
