"""GoBGP 3.x as a route-server client: config in TOML, routes injected and
read through the gobgp CLI on a private unix socket (no netns exec needed)."""

from __future__ import annotations

import json
import os
import re

from ..netns import run
from ..routes import Announcement, route, standard_community
from ..wait import wait_for
from .base import Notifications, Peer

GOBGPD = "/usr/bin/gobgpd"
GOBGP = "/usr/bin/gobgp"

# BGP path attribute type codes as GoBGP's JSON names them.
_AS_PATH, _NEXT_HOP, _MED, _COMMUNITIES, _EXT_COMMUNITIES, _LARGE_COMMUNITIES = 2, 3, 4, 8, 16, 32
_MP_REACH, _PMSI = 14, 22


class GoBgpPeer(Peer):
    kind = "gobgp"
    supports = frozenset({"med", "communities", "ext_communities", "large_communities", "prepend"})

    def config(self) -> str:
        return f"""[global.config]
  as = {self.asn}
  router-id = "{self.ip}"
  port = 179
  local-address-list = ["{self.ip}"]

[[neighbors]]
  [neighbors.config]
    neighbor-address = "{self.rs_ip}"
    peer-as = {self.rs_asn}
  [neighbors.transport.config]
    local-address = "{self.ip}"
  [neighbors.timers.config]
    connect-retry = {self.connect_retry}
    hold-time = {self.hold_time}
    keepalive-interval = {self.keepalive_time}
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
"""

    def evpn_routes(self, received: bool = True) -> dict[str, dict]:
        """The L2VPN EVPN table: route text -> what identifies and carries it
        (NLRI fields with RD, ESI, labels; MP_REACH next hop; extended
        communities; PMSI). received: the routes from the RS, else our own."""
        table = json.loads(self.cli("-j", "global", "rib", "-a", "evpn") or "{}")
        out = {}
        for key, paths in table.items():
            for p in paths:
                if (p.get("neighbor-ip") == self.rs_ip) != received:
                    continue
                attrs = {a["type"]: a for a in p["attrs"]}
                out[key] = {
                    "nlri": p["nlri"],
                    "next_hop": attrs.get(_MP_REACH, {}).get("nexthop"),
                    "ext_communities": attrs.get(_EXT_COMMUNITIES, {}).get("value", []),
                    "pmsi": {k: v for k, v in attrs.get(_PMSI, {}).items() if k != "type"} or None,
                }
        return out

    def add_evpn(self, routes: list[list[str]], next_hop: str | None = None) -> None:
        """Originates EVPN routes, each given as `gobgp global rib add -a evpn`
        arguments, with next_hop (this client's own address by default)."""
        for r in routes:
            self.cli("global", "rib", "add", "-a", "evpn", *r, "nexthop", next_hop or self.ip)

    def start(self) -> None:
        conf = self.path("gobgpd.toml")
        with open(conf, "w") as f:
            f.write(self.config())
        self.sock = self.path("api.sock")
        self.process = self.node.spawn("gobgpd", [GOBGPD, "-f", conf, "--api-hosts", f"unix://{self.sock}",
                                                  "--pprof-disable", "-p", "-l", "info"])

    def after_start(self) -> None:
        wait_for(lambda: (self._cli_ok(), self.log_tail(5)), 15, f"{self!r}: gobgpd API socket {self.sock}")
        for a in self.announced.values():
            self._announce(a)

    def cli(self, *args: str, check: bool = True) -> str:
        return run([GOBGP, "--target", f"unix://{self.sock}", *args], check=check).stdout

    def _cli_ok(self) -> bool:
        return os.path.exists(self.sock) and run([GOBGP, "--target", f"unix://{self.sock}", "global"],
                                                 check=False).returncode == 0

    # -- routes ---------------------------------------------------------------
    def _announce(self, a: Announcement) -> None:
        args = ["global", "rib", "add", a.prefix, "-a", "ipv4"]
        if a.prepend:
            args += ["aspath", ",".join(str(x) for x in a.prepend)]
        if a.med is not None:
            args += ["med", str(a.med)]
        if a.communities:
            args += ["community", ",".join(a.communities)]
        if a.large_communities:
            args += ["large-community", ",".join(a.large_communities)]
        for rt in a.ext_communities:
            args += ["rt", rt.removeprefix("rt:")]
        self.cli(*args)

    def _withdraw(self, prefix: str) -> None:
        self.cli("global", "rib", "del", prefix, "-a", "ipv4")

    def session_state(self) -> str:
        for n in json.loads(self.cli("-j", "neighbor")):
            if n["conf"]["neighbor_address"] == self.rs_ip:
                state = n.get("state", {}).get("session_state", 0)  # protobuf JSON omits zero values
                return _STATE_NAMES.get(state, str(state))
        return "<no neighbor>"

    def neighbor(self) -> dict:
        return json.loads(self.cli("-j", "neighbor", self.rs_ip))

    def _received(self) -> dict:
        # Counters over every session; protobuf JSON leaves zeros out.
        return self.neighbor()["state"].get("messages", {}).get("received", {})

    def session_mark(self):
        return self._received().get("open", 0)

    def withdrawals_received(self) -> int:
        return int(self._received().get("withdraw_prefix", 0))

    def updates_received(self) -> int:
        return int(self._received().get("update", 0))

    def notifications(self) -> Notifications:
        """From the log: GoBGP logs every NOTIFICATION it receives, with the
        shutdown communication as Communicated-Reason."""
        seen = [(m.group("code"), m.group("subcode"), m.group("reason"))
                for m in _NOTIFICATION.finditer(self.log_text())]
        if not seen:
            return Notifications(0)
        code, subcode, reason = seen[-1]
        return Notifications(len(seen), (int(code), int(subcode)), reason)

    def stray_withdrawals(self) -> list[str]:
        """Prefixes the RS withdrew from us without having announced them:
        GoBGP logs each such WITHDRAW ("No matching path for withdraw")."""
        return _STRAY_WITHDRAW.findall(self.log_text())

    def rib_text(self) -> tuple[str, str]:
        return "gobgp global rib -a ipv4", self.cli("global", "rib", "-a", "ipv4")

    def routes(self) -> dict[str, dict]:
        table = json.loads(self.cli("-j", "global", "rib", "-a", "ipv4") or "{}")
        out = {}
        for prefix, paths in table.items():
            for p in paths:
                if p.get("neighbor-ip") != self.rs_ip:
                    continue  # our own origination
                out[prefix] = _normalize(p)
        return out


_NOTIFICATION = re.compile(r'msg="received notification" Code=(?P<code>\d+)'
                           r'(?: Communicated-Reason="(?P<reason>(?:[^"\\]|\\.)*)")?.*? Subcode=(?P<subcode>\d+)')
_STRAY_WITHDRAW = re.compile(r'msg="No matching path for withdraw found[^"]*" Key=(\S+)')

# apipb.PeerState.SessionState, as -j prints it
_STATE_NAMES = {0: "Unknown", 1: "Idle", 2: "Connect", 3: "Active", 4: "OpenSent", 5: "OpenConfirm", 6: "Established"}


def _normalize(path: dict) -> dict:
    attrs = {a["type"]: a for a in path["attrs"]}
    as_path = []
    for seg in attrs.get(_AS_PATH, {}).get("as_paths", []):
        as_path += seg.get("asns", [])
    ext = []
    for e in attrs.get(_EXT_COMMUNITIES, {}).get("value", []):
        if e.get("subtype") == 2 and "value" in e:  # route target, "65012:100"
            ext.append(f"rt:{e['value']}")
        else:
            ext.append(json.dumps(e, sort_keys=True))
    large = [f"{c['ASN']}:{c['LocalData1']}:{c['LocalData2']}"
             for c in attrs.get(_LARGE_COMMUNITIES, {}).get("value", [])]
    return route(
        next_hop=attrs.get(_NEXT_HOP, {}).get("nexthop"),
        as_path=as_path,
        med=attrs[_MED]["metric"] if _MED in attrs else None,
        communities=[standard_community(c) for c in attrs.get(_COMMUNITIES, {}).get("communities", [])],
        ext_communities=ext,
        large_communities=large,
    )


class GoBgpEvpnPeer(GoBgpPeer):
    """GoBGP that also negotiates L2VPN EVPN with the RS."""
    kind = "gobgp-evpn"

    def config(self) -> str:
        return super().config() + """  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "l2vpn-evpn"
"""
