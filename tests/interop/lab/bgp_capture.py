"""BGP on the wire in a lab: dumpcap records every TCP segment to and from
port 179 in one node's namespace, tshark reads the payloads back, and the
byte streams are cut into BGP messages per direction. What a client's own
parser shows (and hides) does not matter here: these are the bytes sent.

EVPN helpers split MP_REACH/MP_UNREACH NLRI of AFI 25 / SAFI 70 into whole
routes (type, length, value) so a route can be compared byte for byte."""

from __future__ import annotations

import dataclasses
import os
import struct
import time

from .bgp_messages import EVPN, MARKER, MP_REACH, MP_UNREACH, UPDATE, split_messages
from .netns import Node, Process, run
from .wait import wait_for
from .wire_paths import path_attributes

TSHARK = "/usr/bin/tshark"
DUMPCAP = "/usr/bin/dumpcap"


@dataclasses.dataclass
class Update:
    src: str
    dst: str
    attrs: dict[int, bytes]       # type code -> value, MP_REACH/MP_UNREACH included
    evpn_announced: list[bytes]   # whole routes from MP_REACH (AFI 25/SAFI 70)
    evpn_withdrawn: list[bytes]   # whole routes from MP_UNREACH
    evpn_next_hop: bytes | None   # MP_REACH next hop as sent


class Capture:
    """dumpcap in `node`'s namespace on every interface it has, BGP only."""

    def __init__(self, node: Node, name: str = "capture"):
        self.node = node
        self.file = os.path.join(node.dir, f"{name}.pcapng")
        self.process: Process = node.spawn(name, [DUMPCAP, "-q", "-i", "any", "-f", "tcp port 179",
                                                  "-w", self.file])
        # dumpcap creates its file once capturing: from then on nothing is missed.
        wait_for(lambda: (os.path.exists(self.file) and os.path.getsize(self.file) > 0, self.process.log_tail(5)),
                 15, f"dumpcap writing {self.file}")
        self._read_at = -1e9
        self._updates: list[Update] = []

    def updates(self) -> list[Update]:
        """Every UPDATE captured so far, in order per TCP direction. tshark
        takes seconds on a loaded machine, so a reading is reused for
        MAX_AGE seconds: a check that looks at several directions reads once."""
        if time.monotonic() - self._read_at < self.MAX_AGE:
            return self._updates
        self._updates = self._read()
        self._read_at = time.monotonic()
        return self._updates

    MAX_AGE = 2.0

    def _read(self) -> list[Update]:
        cp = run([TSHARK, "-r", self.file, "-Y", "tcp.len > 0", "-T", "fields", "-E", "separator=;",
                  "-e", "ip.src", "-e", "tcp.srcport", "-e", "ip.dst", "-e", "tcp.dstport",
                  "-e", "tcp.seq_raw", "-e", "tcp.payload"], timeout=120)
        streams: dict[tuple, dict[int, bytes]] = {}
        for line in cp.stdout.splitlines():
            parts = line.split(";")
            if len(parts) != 6 or not parts[5]:
                continue
            src, sport, dst, dport, seq, payload = parts
            # A retransmission repeats a sequence number: keep one copy.
            streams.setdefault((src, sport, dst, dport), {})[int(seq)] = bytes.fromhex(payload.replace(":", ""))
        out = []
        for (src, _, dst, _), segments in streams.items():
            data = b"".join(segments[s] for s in sorted(segments))
            out += [u for u in _split_updates(data, src, dst)]
        return out

    def stop(self) -> None:
        self.process.stop()


def _split_updates(data: bytes, src: str, dst: str):
    if data[:16] != MARKER:
        return  # the capture began mid-stream: no message boundary to start from
    for kind, body in split_messages(data)[0]:
        if kind == UPDATE:
            yield parse_update(body, src, dst)


def parse_update(body: bytes, src: str = "", dst: str = "") -> Update:
    attrs = path_attributes(body)
    u = Update(src, dst, attrs, [], [], None)
    reach = attrs.get(MP_REACH)
    if reach and (struct.unpack_from("!H", reach, 0)[0], reach[2]) == EVPN:
        nh_len = reach[3]
        u.evpn_next_hop = reach[4:4 + nh_len]
        u.evpn_announced = split_evpn(reach[4 + nh_len + 1:])  # after the reserved octet
    unreach = attrs.get(MP_UNREACH)
    if unreach and (struct.unpack_from("!H", unreach, 0)[0], unreach[2]) == EVPN:
        u.evpn_withdrawn = split_evpn(unreach[3:])
    return u


def split_evpn(field: bytes) -> list[bytes]:
    routes, at = [], 0
    while at + 2 <= len(field):
        length = field[at + 1]
        routes.append(field[at:at + 2 + length])
        at += 2 + length
    return routes


def evpn_table(updates: list[Update], src: str | None = None, dst: str | None = None) -> dict[bytes, dict[int, bytes]]:
    """The EVPN routes a direction holds after `updates`: {route bytes:
    {attribute type: value}}, with MP_REACH replaced by its next hop (key 0)
    so attributes compare without the NLRI they were packed with."""
    table: dict[bytes, dict[int, bytes]] = {}
    for u in updates:
        if (src and u.src != src) or (dst and u.dst != dst):
            continue
        for r in u.evpn_withdrawn:
            # A withdrawal names the route by its key; our table is keyed by the whole
            # route, so drop every held route of the same type whose bytes match.
            table.pop(r, None)
            for held in [h for h in table if _same_key(h, r)]:
                table.pop(held)
        for r in u.evpn_announced:
            attrs = {k: v for k, v in u.attrs.items() if k not in (MP_REACH, MP_UNREACH)}
            attrs[0] = u.evpn_next_hop
            table[r] = attrs
    return table


def _same_key(a: bytes, b: bytes) -> bool:
    """Type-2 routes are withdrawn with zeroed ESI and labels by some speakers:
    compare type, RD, Ethernet tag, MAC and IP (RFC 7432 §7.2)."""
    if a[0] != b[0] or a[0] != 2 or len(a) < 35 or len(b) < 35:
        return False
    def key(r: bytes) -> bytes:
        ip_len = r[2 + 8 + 10 + 4 + 1 + 6] // 8
        return r[2:10] + r[20:24] + r[24:31] + r[31:32 + ip_len]
    return key(a) == key(b)
