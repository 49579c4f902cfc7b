"""ExaBGP 4.2 as a route-server client. Two API processes: commands.py
relays announce/withdraw lines appended to a file, receive.py writes every
received message as JSON lines; routes() replays that file."""

from __future__ import annotations

import json
import os

from ..routes import Announcement, route
from .base import Notifications, Peer

EXABGP = "/usr/sbin/exabgp"
PYTHON = "/usr/bin/python3"
API_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exabgp_api")
AS_TRANS = 23456  # RFC 6793: what a 2-octet speaker sees of a 4-octet AS


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

    # ExaBGP 4.2.21 fails on any non-empty shutdown communication (bytes % str
    # in Notification.__init__), answers NOTIFICATION 1/0 "can not decode update
    # message of type 3" and reports the session down as a broken connection.
    decodes_shutdown_communication = False
    # Overridden by the 2-octet variant below.
    asn4 = True
    # What the receive process gets: parsed messages; see _replay().
    receive = "parsed; update; notification; open;"

    def config(self) -> str:
        # A 2-octet speaker knows a 4-octet peer only as AS_TRANS, in its OPEN.
        peer_as = self.rs_asn if self.asn4 or self.rs_asn <= 0xFFFF else AS_TRANS
        capability = "" if self.asn4 else "    capability { asn4 disable; }\n"
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
    peer-as {peer_as};
    hold-time {self.hold_time};
{capability}    family {{ ipv4 unicast; }}
    api out {{ processes [ commands ]; }}
    api in {{
        processes [ receive ];
        neighbor-changes;
        receive {{ {self.receive} }}
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

    def _from_rs(self, kind: str):
        for msg in self._messages():
            if msg.get("type") == kind and msg.get("neighbor", {}).get("address", {}).get("peer") == self.rs_ip:
                yield msg["neighbor"]

    def session_mark(self):
        return sum(1 for nb in self._from_rs("state") if nb.get("state") == "up")

    def received_opens(self) -> list[dict]:
        """Every OPEN the RS sent, as ExaBGP parsed it: {"asn", "hold_time", "router_id", "capabilities"}."""
        return [nb["open"] for nb in self._from_rs("open") if nb.get("direction", "receive") == "receive"]

    def raw_updates(self) -> dict[str, bytes]:
        """{prefix: body of the last UPDATE announcing it}; only where the
        receive process gets raw bodies (`packets; consolidate;`)."""
        out = {}
        for msg in self._messages():
            nb = msg.get("neighbor", {})
            if msg.get("type") != "update" or nb.get("address", {}).get("peer") != self.rs_ip or "body" not in msg:
                continue
            body = bytes.fromhex(msg["body"][2:])
            for entries in nb.get("message", {}).get("update", {}).get("announce", {}).get("ipv4 unicast", {}).values():
                for entry in entries:
                    out[entry["nlri"]] = body
        return out

    def updates_received(self) -> int:
        return sum(1 for _ in self._from_rs("update"))

    def withdrawn_prefixes(self) -> list[str]:
        """Every prefix the RS withdrew, in order, over every session."""
        return [entry["nlri"] for nb in self._from_rs("update")
                for entry in nb.get("message", {}).get("update", {}).get("withdraw", {}).get("ipv4 unicast", [])]

    def withdrawals_received(self) -> int:
        return len(self.withdrawn_prefixes())

    def notifications(self) -> Notifications:
        seen = [nb["notification"] for nb in self._from_rs("notification")
                if nb.get("direction", "receive") == "receive"]
        if not seen:
            return Notifications(0)
        last = seen[-1]
        return Notifications(len(seen), (int(last["code"]), int(last["subcode"])),
                             _shutdown_communication(int(last["code"]), int(last["subcode"]), last.get("data", "")))

    def routes(self) -> dict[str, dict]:
        return self._replay()[1]


class ExaBgpTwoOctetPeer(ExaBgpPeer):
    """ExaBGP without the 4-octet AS capability (RFC 6793): a 2-octet speaker."""
    kind = "exabgp-as2"
    asn4 = False
    # consolidate: each parsed UPDATE also carries its raw body, for the
    # AS_PATH as sent on the wire (ExaBGP's parsed path is already merged with AS4_PATH).
    receive = "parsed; packets; consolidate; update; notification; open;"


def _shutdown_communication(code: int, subcode: int, data: str) -> str | None:
    """RFC 9003: the data of Cease / Administrative Shutdown or Reset is a
    length octet and that many octets of UTF-8. ExaBGP shows data as "0x..." hex."""
    raw = bytes.fromhex(data[2:] if data.lower().startswith("0x") else data)
    if code != 6 or subcode not in (2, 4) or not raw or raw[0] + 1 > len(raw):
        return None
    return raw[1:1 + raw[0]].decode("utf-8", "replace")


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
