"""OpenBGPD (portable 7.x) as a route-server client. Its control socket is
set in the config; bgpctl -j reads the RIB and `network add/delete` changes
announcements at runtime. Behind a route server the first AS of a path is
not the neighbour's, hence `enforce neighbor-as no`."""

from __future__ import annotations

import json
import os

from ..netns import run
from ..routes import Announcement, route
from ..wait import wait_for
from .base import Peer

OPENBGPD = "/usr/sbin/bgpd"  # OpenBGPD's, never ours
BGPCTL = "/usr/sbin/bgpctl"
CHROOT_DIR = "/run/openbgpd"  # home of _openbgpd: the engines chroot there


def _set_args(a: Announcement) -> list[str]:
    args = []
    if a.med is not None:
        args += ["med", str(a.med)]
    for c in a.communities:
        args += ["community", c]
    for c in a.large_communities:
        args += ["large-community", c]
    for c in a.ext_communities:
        args += ["ext-community", "rt", c.removeprefix("rt:")]
    return args


class OpenBgpdPeer(Peer):
    kind = "openbgpd"
    supports = frozenset({"med", "communities", "ext_communities", "large_communities"})

    def as_displayed(self, r: dict) -> dict:
        # OpenBGPD has no "MED absent": a route without MED shows metric 0.
        return r if r["med"] is not None else {**r, "med": 0}

    def config(self) -> str:
        lines = [f"AS {self.asn}", f"router-id {self.ip}", f'socket "{self.sock}"', f"listen on {self.ip}",
                 "fib-update no"]
        for a in self.announced.values():
            sets = _set_args(a)
            lines.append(f"network {a.prefix}" + (f" set {{ {' '.join(sets)} }}" if sets else ""))
        lines += [
            f"neighbor {self.rs_ip} {{",
            f"\tremote-as {self.rs_asn}",
            '\tdescr "rs"',
            f"\tlocal-address {self.ip}",
            f"\tholdtime {self.hold_time}",
            "\tenforce neighbor-as no",
            "}",
            "allow from any",
            "allow to any",
        ]
        return "\n".join(lines) + "\n"

    def start(self) -> None:
        os.makedirs(CHROOT_DIR, exist_ok=True)
        self.sock = self.path("bgpd.sock")
        conf = self.path("bgpd.conf")
        with open(conf, "w") as f:
            f.write(self.config())
        self.process = self.node.spawn("bgpd", [OPENBGPD, "-d", "-f", conf])

    def after_start(self) -> None:
        wait_for(lambda: (self._ctl_ok(), self.log_tail(5)), 15, f"{self!r}: OpenBGPD control socket {self.sock}")

    def bgpctl(self, *args: str, check: bool = True) -> str:
        return run([BGPCTL, "-s", self.sock, *args], check=check).stdout

    def _ctl_ok(self) -> bool:
        return os.path.exists(self.sock) and run([BGPCTL, "-s", self.sock, "show"], check=False).returncode == 0

    # -- routes ---------------------------------------------------------------
    def _announce(self, a: Announcement) -> None:
        self.bgpctl("network", "add", a.prefix, *_set_args(a))

    def _withdraw(self, prefix: str) -> None:
        self.bgpctl("network", "delete", prefix)

    def neighbor(self) -> dict:
        data = json.loads(self.bgpctl("-j", "show", "neighbor", self.rs_ip))
        for n in data.get("neighbors", []):
            if n.get("remote_addr") == self.rs_ip:
                return n
        return {}

    def session_state(self) -> str:
        return self.neighbor().get("state", "<no neighbor>")

    def rib_text(self) -> tuple[str, str]:
        return "bgpctl show rib", self.bgpctl("show", "rib")

    def routes(self) -> dict[str, dict]:
        data = json.loads(self.bgpctl("-j", "show", "rib", "detail", "neighbor", self.rs_ip))
        out = {}
        for r in data.get("rib", []):
            out[r["prefix"]] = _normalize(r)
        return out


def _normalize(r: dict) -> dict:
    as_path = [int(x) for x in str(r.get("aspath", "")).split() if x.isdigit()]
    ext = []
    for c in r.get("extended_communities", []):
        c = str(c)
        ext.append("rt:" + c[3:] if c.startswith("rt ") else c)
    return route(
        next_hop=r.get("exit_nexthop") or r.get("true_nexthop"),
        as_path=as_path,
        med=r.get("metric", r.get("med")),
        communities=[str(c) for c in r.get("communities", [])],
        ext_communities=ext,
        large_communities=[str(c) for c in r.get("large_communities", [])],
    )
