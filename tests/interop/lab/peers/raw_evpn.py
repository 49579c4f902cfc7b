"""A raw BGP speaker (raw_bgp/speaker.py) as an RS client: it sends UPDATE
bodies crafted byte by byte (an EVPN route type no daemon originates) and
keeps every message the RS sends it as bytes, so what the RS relays can be
compared with what was sent, octet for octet."""

from __future__ import annotations

import os

from ..bgp_capture import Update, parse_update
from .base import Peer

PYTHON = "/usr/bin/python3"
SPEAKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "raw_bgp", "speaker.py")


class RawEvpnPeer(Peer):
    kind = "raw-evpn"

    def start(self) -> None:
        self.commands = self.path("commands.hex")
        self.received = self.path("received.log")
        open(self.commands, "w").close()
        open(self.received, "w").close()
        self.process = self.node.spawn("speaker", [PYTHON, SPEAKER, self.ip, str(self.asn), self.rs_ip,
                                                   str(self.hold_time), self.commands, self.received])

    def send_update(self, body: bytes) -> None:
        self.send_message(2, body)

    def send_message(self, kind: int, body: bytes) -> None:
        with open(self.commands, "a") as f:
            f.write(f"{kind}:{body.hex()}\n")

    def messages(self, kind: str) -> list[bytes]:
        """Bodies of every message of `kind` ("update", "notification", ...) received."""
        return [bytes.fromhex(rest) for k, rest in self._lines() if k == kind]

    def _lines(self) -> list[tuple[str, str]]:
        with open(self.received) as f:
            return [tuple((line.split(" ", 1) + [""])[:2]) for line in f.read().splitlines() if line]

    def session_state(self) -> str:
        states = [rest for kind, rest in self._lines() if kind == "state"]
        return "Established" if states and states[-1] == "up" else (states[-1] if states else "Connect")

    def session_mark(self):
        return sum(1 for kind, rest in self._lines() if kind == "state" and rest == "up")

    def updates(self) -> list[Update]:
        return [parse_update(bytes.fromhex(rest), self.rs_ip, self.ip) for kind, rest in self._lines()
                if kind == "update"]

    def updates_received(self) -> int:
        return len(self.updates())

    def routes(self) -> dict[str, dict]:
        return {}
