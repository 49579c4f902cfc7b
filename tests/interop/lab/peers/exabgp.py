"""ExaBGP 4.2 as a route-server client. Two API processes: commands.py
relays announce/withdraw lines appended to a file, receive.py writes every
received message as JSON lines; routes() replays that file."""

from __future__ import annotations

import json
import os

from ..routes import Announcement, route
from .base import Peer

EXABGP = "/usr/sbin/exabgp"
PYTHON = "/usr/bin/python3"
API_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exabgp_api")


def _command(verb: str, a: Announcement, own_asn: int) -> str:
    parts = [f"{verb} route {a.prefix} next-hop self"]
    if verb == "announce":
        if a.med is not None:
            parts.append(f"med {a.med}")
        if a.communities:
            parts.append(f"community [{' '.join(a.communities)}]")
        if a.large_communities:
            parts.append(f"large-community [{' '.join(a.large_communities)}]")
        if a.ext_communities:
            parts.append("extended-community [" + " ".join("target:" + c.removeprefix("rt:")
                                                           for c in a.ext_communities) + "]")
        if a.prepend:
            # An explicit AS_PATH is sent as given: our own AS must lead it.
            parts.append(f"as-path [{' '.join(str(x) for x in (own_asn, *a.prepend))}]")
    return " ".join(parts)


class ExaBgpPeer(Peer):
    kind = "exabgp"
    supports = frozenset({"med", "communities", "ext_communities", "large_communities", "prepend"})

    def config(self) -> str:
        return f"""process commands {{
    run {PYTHON} {API_DIR}/commands.py {self.commands};
    encoder text;
}}
process receive {{
    run {PYTHON} {API_DIR}/receive.py {self.received};
    encoder json;
}}
neighbor {self.rs_ip} {{
    router-id {self.ip};
    local-address {self.ip};
    local-as {self.asn};
    peer-as {self.rs_asn};
    hold-time {self.hold_time};
    family {{ ipv4 unicast; }}
    api out {{ processes [ commands ]; }}
    api in {{
        processes [ receive ];
        neighbor-changes;
        receive {{ parsed; update; }}
    }}
}}
"""

    def start(self) -> None:
        self.commands = self.path("commands.txt")
        self.received = self.path("received.jsonl")
        with open(self.commands, "w") as f:
            for a in self.announced.values():
                f.write(_command("announce", a, self.asn) + "\n")
        open(self.received, "w").close()
        conf = self.path("exabgp.conf")
        with open(conf, "w") as f:
            f.write(self.config())
        env = {
            "exabgp.daemon.drop": "false",  # stay root: files in the lab dir stay ours
            "exabgp.api.cli": "false",
            "exabgp.api.ack": "false",
            "exabgp.log.level": "INFO",
            "exabgp.log.destination": "stdout",
            "exabgp.reactor.speed": "0.01",
            "exabgp.daemon.pid": self.path("exabgp.pid"),
        }
        self.process = self.node.spawn("exabgp", ["env", *(f"{k}={v}" for k, v in env.items()), EXABGP, conf])

    def _send(self, line: str) -> None:
        with open(self.commands, "a") as f:
            f.write(line + "\n")

    def _announce(self, a: Announcement) -> None:
        self._send(_command("announce", a, self.asn))

    def _withdraw(self, prefix: str) -> None:
        self._send(_command("withdraw", Announcement(prefix), self.asn))

    # -- what was received ------------------------------------------------------
    def _messages(self):
        with open(self.received) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError:
                        return  # a line being written right now

    def _replay(self) -> tuple[str, dict[str, dict]]:
        state, table = "<no message yet>", {}
        for msg in self._messages():
            nb = msg.get("neighbor", {})
            if nb.get("address", {}).get("peer") != self.rs_ip:
                continue
            if msg.get("type") == "state":
                state = nb.get("state", state)
                if state != "up":
                    table.clear()
            elif msg.get("type") == "update":
                upd = nb.get("message", {}).get("update", {})
                for entry in upd.get("withdraw", {}).get("ipv4 unicast", []):
                    table.pop(entry["nlri"], None)
                attrs = upd.get("attribute", {})
                for next_hop, entries in upd.get("announce", {}).get("ipv4 unicast", {}).items():
                    for entry in entries:
                        table[entry["nlri"]] = _normalize(next_hop, attrs)
        return state, table

    def session_state(self) -> str:
        state = self._replay()[0]
        return "Established" if state == "up" else state

    def routes(self) -> dict[str, dict]:
        return self._replay()[1]


def _normalize(next_hop: str, attrs: dict) -> dict:
    as_path = []
    for x in attrs.get("as-path", []):
        as_path += x if isinstance(x, list) else [x]
    ext = []
    for c in attrs.get("extended-community", []):
        s = c.get("string", "") if isinstance(c, dict) else str(c)
        ext.append("rt:" + s[len("target:"):] if s.startswith("target:") else s)
    return route(
        next_hop=next_hop,
        as_path=as_path,
        med=attrs.get("med"),
        communities=[f"{a}:{b}" for a, b in attrs.get("community", [])],
        ext_communities=ext,
        large_communities=[f"{a}:{b}:{c}" for a, b, c in attrs.get("large-community", [])],
    )
