"""FRR (bgpd without zebra) as a route-server client.

bgpd runs with -Z (no zebra: every next hop counts as valid), -S (stays
root), its vty socket in the node's directory. Announcements are `network`
statements with a route-map carrying their attributes; runtime changes go
through vtysh. Only the client's own prefixes (prefix-list OWN) are sent to the RS: FRR
would otherwise advertise the RS's routes back to it (the other daemons
never send a route to the peer it came from; FRR's outbound `match peer`
names the destination, not the source). An export filter is what real
clients have, and it keeps the RS's per-client prefix counts exact."""

from __future__ import annotations

import dataclasses
import json
import re

from ..netns import run
from ..routes import Announcement, route
from ..wait import wait_for
from .base import Notifications, Peer

FRR_BGPD = "/usr/lib/frr/bgpd"
VTYSH = "/usr/bin/vtysh"


# Without zebra every next-hop registration fails; timers tick every 3 s.
_LOG_NOISE = re.compile(r"zclient_send_message\(\) failed|keepalive timer expire|routeadv timer expire")
_DENY_SEQ = 4000000000  # after every announced prefix's permit


def _rm_name(prefix: str) -> str:
    return "ANN-" + re.sub(r"[./]", "_", prefix)


class FrrPeer(Peer):
    kind = "frr"
    passive = False  # True: never connects, only accepts the RS's connection
    supports = frozenset({"med", "communities", "ext_communities", "large_communities", "prepend"})

    def __init__(self, *args, **kw):
        self._seq: dict[str, int] = {}  # prefix -> its prefix-list OWN entry
        super().__init__(*args, **kw)

    def originated(self, a: Announcement) -> Announcement:
        # FRR sends MED 0 on `network` routes that set none.
        return a if a.med is not None else dataclasses.replace(a, med=0)

    def _prefix_list(self, a: Announcement) -> str:
        seq = self._seq.setdefault(a.prefix, 10 * (len(self._seq) + 1))
        return f"ip prefix-list OWN seq {seq} permit {a.prefix}"

    def _route_map(self, a: Announcement) -> list[str]:
        lines = [f"route-map {_rm_name(a.prefix)} permit 10"]
        if a.med is not None:
            lines.append(f" set metric {a.med}")
        if a.communities:
            lines.append(f" set community {' '.join(a.communities)}")
        if a.large_communities:
            lines.append(f" set large-community {' '.join(a.large_communities)}")
        if a.ext_communities:
            lines.append(f" set extcommunity rt {' '.join(c.removeprefix('rt:') for c in a.ext_communities)}")
        if a.prepend:
            lines.append(f" set as-path prepend {' '.join(str(x) for x in a.prepend)}")
        return lines

    def config(self) -> str:
        # neighbor-events: connection attempts and closes show in the log, which
        # the outside-allow test reads.
        lines = ["frr defaults traditional", f"hostname {self.name}", "log stdout debugging",
                 "debug bgp neighbor-events", "!"]
        for a in self.announced.values():
            lines += [self._prefix_list(a)] + self._route_map(a) + ["!"]
        lines += [f"ip prefix-list OWN seq {_DENY_SEQ} deny any",
                  "route-map RS-OUT permit 10", " match ip address prefix-list OWN", "!"]
        lines += [
            f"router bgp {self.asn}",
            f" bgp router-id {self.ip}",
            " no bgp ebgp-requires-policy",
            " no bgp network import-check",
            f" neighbor {self.rs_ip} remote-as {self.rs_asn}",
            f" neighbor {self.rs_ip} timers {self.keepalive_time} {self.hold_time}",
            f" neighbor {self.rs_ip} timers connect {self.connect_retry}",
            f" neighbor {self.rs_ip} advertisement-interval 0",
            *([f" neighbor {self.rs_ip} passive"] if self.passive else []),
            " address-family ipv4 unicast",
            f"  neighbor {self.rs_ip} route-map RS-OUT out",
        ]
        lines += [f"  network {a.prefix} route-map {_rm_name(a.prefix)}" for a in self.announced.values()]
        lines += [" exit-address-family", "!"]
        return "\n".join(lines) + "\n"

    def start(self) -> None:
        conf = self.path("bgpd.conf")
        with open(conf, "w") as f:
            f.write(self.config())
        self.process = self.node.spawn("bgpd", [FRR_BGPD, "-f", conf, "-Z", "-S", "-P", "0",
                                                "--vty_socket", self.node.dir, "-i", self.path("bgpd.pid")])
        self.process.noise = _LOG_NOISE

    def after_start(self) -> None:
        wait_for(lambda: (self._vty_ok(), self.log_tail(5)), 15, f"{self!r}: FRR vty socket in {self.node.dir}")

    def vtysh(self, *commands: str, check: bool = True) -> str:
        argv = [VTYSH, "--vty_socket", self.node.dir]
        for c in commands:
            argv += ["-c", c]
        return run(argv, check=check).stdout

    def _vty_ok(self) -> bool:
        return run([VTYSH, "--vty_socket", self.node.dir, "-c", "show version"], check=False).returncode == 0

    def configure(self, *lines: str) -> None:
        self.vtysh("configure terminal", *lines)

    # -- routes ---------------------------------------------------------------
    def _announce(self, a: Announcement) -> None:
        self.configure(self._prefix_list(a), *self._route_map(a), "exit",
                       f"router bgp {self.asn}", "address-family ipv4 unicast",
                       f"network {a.prefix} route-map {_rm_name(a.prefix)}")

    def _withdraw(self, prefix: str) -> None:
        self.configure(f"router bgp {self.asn}", "address-family ipv4 unicast", f"no network {prefix}")

    def neighbor(self) -> dict:
        """`show bgp neighbors RS json` for the RS session (state, last notification, counters)."""
        data = json.loads(self.vtysh(f"show bgp neighbors {self.rs_ip} json"))
        return data.get(self.rs_ip, data)

    def session_state(self) -> str:
        return self.neighbor().get("bgpState", "<unknown>")

    def session_mark(self):
        return self.neighbor().get("connectionsEstablished", 0)

    def notifications(self) -> Notifications:
        n = self.neighbor()
        count = n.get("messageStats", {}).get("notificationsRecv", 0)
        code = n.get("lastErrorCodeSubcode")  # "0602": code and subcode in hex
        if not code or n.get("lastResetDueTo") != "BGP Notification received":
            return Notifications(count)
        return Notifications(count, (int(code[:2], 16), int(code[2:], 16)), n.get("lastShutdownDescription"))

    def refresh_in(self) -> None:
        self.vtysh(f"clear bgp {self.rs_ip} soft in")

    def updates_received(self) -> int:
        return self.neighbor().get("messageStats", {}).get("updatesRecv", 0)

    def rib_text(self) -> tuple[str, str]:
        return "vtysh -c 'show bgp ipv4 unicast'", self.vtysh("show bgp ipv4 unicast")

    def routes(self) -> dict[str, dict]:
        table = json.loads(self.vtysh("show bgp ipv4 unicast json")).get("routes", {})
        prefixes = [p for p, paths in table.items() if any(x.get("peerId") == self.rs_ip for x in paths)]
        if not prefixes:
            return {}
        # The table view lacks communities: ask for each prefix, in one vtysh run.
        out = {}
        for doc in _json_documents(self.vtysh(*(f"show bgp ipv4 unicast {p} json" for p in prefixes))):
            prefix = doc.get("prefix")
            for p in doc.get("paths", []):
                if p.get("peer", {}).get("peerId") == self.rs_ip:
                    out[prefix] = _normalize(p)
        return out


def _json_documents(text: str):
    """vtysh prints one JSON document per -c command, back to back."""
    dec = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        doc, i = dec.raw_decode(text, i)
        yield doc


def evpn_paths(doc, key=None):
    """(route text, path) for every path in `show bgp l2vpn evpn json`,
    however deep FRR nests them (per RD, per route)."""
    if isinstance(doc, dict):
        if "nexthops" in doc:
            yield key, doc
            return
        for k, v in doc.items():
            yield from evpn_paths(v, k if k.startswith("[") else key)
    elif isinstance(doc, list):
        for v in doc:
            yield from evpn_paths(v, key)


def _strings(attr: dict | None) -> list[str]:
    return attr["string"].split() if attr and attr.get("string") else []


def _normalize(p: dict) -> dict:
    as_path = [int(x) for x in p.get("aspath", {}).get("string", "").split() if x.isdigit()]
    nexthops = p.get("nexthops", [])
    ext = []
    for c in _strings(p.get("extendedCommunity")):
        ext.append("rt:" + c[3:] if c.startswith("RT:") else c)
    return route(
        next_hop=nexthops[0].get("ip") if nexthops else None,
        as_path=as_path,
        med=p.get("metric", p.get("med")),
        communities=_strings(p.get("community")),
        ext_communities=ext,
        large_communities=_strings(p.get("largeCommunity")),
    )


class FrrPassivePeer(FrrPeer):
    """FRR that waits for the RS to connect (`neighbor RS passive`)."""
    kind = "frr-passive"
    passive = True


class FrrEvpnPeer(FrrPeer):
    """FRR that also negotiates L2VPN EVPN with the RS and sends it no EVPN
    route (FRR would otherwise re-advertise the RS's EVPN routes to it)."""
    kind = "frr-evpn"

    def config(self) -> str:
        return super().config() + "\n".join([
            "route-map NONE deny 10", "!",
            f"router bgp {self.asn}",
            " address-family l2vpn evpn",
            f"  neighbor {self.rs_ip} activate",
            f"  neighbor {self.rs_ip} route-map NONE out",
            " exit-address-family", "!"]) + "\n"

    def evpn_json(self) -> dict:
        return json.loads(self.vtysh("show bgp l2vpn evpn json"))
