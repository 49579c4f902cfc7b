"""A minimal BGP speaker in Python for load and fault tests: many sessions
from one process and one thread, each from its own source address, over
non-blocking sockets (run it inside a lab netns).

It speaks just enough BGP to be a route-server client: the connection
(OPEN with 4-octet AS and IPv4 unicast, KEEPALIVEs) is bgp_connection.py's;
here are UPDATEs of IPv4 /24s encoded in bulk, and a received table
{prefix: (as_path, next_hop, med)} kept as the RS sends it.
Deliberately simple and fast rather than complete: the route server is the
thing under test, this is the load."""

from __future__ import annotations

import selectors
import socket
import struct
import time

try:  # as part of the lab package (pytest) or as a top-level module (netns scripts)
    from . import bgp_messages as m
    from .bgp_connection import Connection, connect
except ImportError:
    import bgp_messages as m
    from bgp_connection import Connection, connect

UPDATE = m.UPDATE
MAX_MESSAGE = 4096
message = m.message


def ip_to_int(ip: str) -> int:
    return struct.unpack("!I", socket.inet_aton(ip))[0]


def int_to_ip(v: int) -> str:
    return socket.inet_ntoa(struct.pack("!I", v))


def attributes(as_path: tuple[int, ...], next_hop: str, med: int | None = None) -> bytes:
    """ORIGIN IGP, a 4-octet AS_PATH, NEXT_HOP and, if given, MED."""
    return (m.base_attrs(0, next_hop, path=m.attr(m.AS_PATH, m.as_path(*as_path)))
            + (b"" if med is None else m.attr(m.MED, struct.pack("!I", med))))


def prefix24(index: int, base: int) -> int:
    """The index-th /24 from `base` (an IPv4 address as an int)."""
    return (base + (index << 8)) & 0xFFFFFF00


def _nlri24(prefixes) -> bytes:
    return b"".join(struct.pack("!BI", 24, p)[:4] for p in prefixes)


def announce_messages(prefixes: list[int], attrs: bytes) -> bytes:
    """UPDATEs announcing /24 `prefixes` with `attrs`, packed to 4096 bytes."""
    room = MAX_MESSAGE - 19 - 4 - len(attrs)
    per = room // 4
    out = []
    for i in range(0, len(prefixes), per):
        nlri = _nlri24(prefixes[i:i + per])
        out.append(message(UPDATE, struct.pack("!H", 0) + struct.pack("!H", len(attrs)) + attrs + nlri))
    return b"".join(out)


def withdraw_messages(prefixes: list[int]) -> bytes:
    per = (MAX_MESSAGE - 19 - 4) // 4
    out = []
    for i in range(0, len(prefixes), per):
        w = _nlri24(prefixes[i:i + per])
        out.append(message(UPDATE, struct.pack("!H", len(w)) + w + struct.pack("!H", 0)))
    return b"".join(out)


def _prefixes(field: bytes) -> list[int]:
    """Prefixes of a withdrawn-routes or NLRI field, each as (address | length)
    in one int: /24s share the fast path, other lengths are read one by one."""
    n = len(field)
    if n % 4 == 0 and field[0::4] == b"\x18" * (n // 4):
        return [v & 0xFFFFFF00 | 24 for v in
                (struct.unpack_from("!I", field, i)[0] << 8 for i in range(0, n, 4))]
    out, i = [], 0
    while i < n:
        length = field[i]
        size = (length + 7) // 8
        addr = int.from_bytes(field[i + 1:i + 1 + size].ljust(4, b"\0"), "big")
        out.append(addr & 0xFFFFFF00 | length if length == 24 else (addr << 0) | length)
        i += 1 + size
    return out


def parse_attributes(data: bytes) -> tuple:
    """(as_path tuple, next_hop str, med) of an UPDATE's attribute block
    (4-octet AS_PATH)."""
    as_path, next_hop, med = (), None, None
    i = 0
    while i < len(data):
        flags, code = data[i], data[i + 1]
        if flags & 0x10:
            length = struct.unpack_from("!H", data, i + 2)[0]
            i += 4
        else:
            length = data[i + 2]
            i += 3
        value = data[i:i + length]
        i += length
        if code == 2:
            path, j = [], 0
            while j < len(value):
                count = value[j + 1]
                path += struct.unpack_from(f"!{count}I", value, j + 2)
                j += 2 + 4 * count
            as_path = tuple(path)
        elif code == 3:
            next_hop = socket.inet_ntoa(value)
        elif code == 4:
            med = struct.unpack("!I", value)[0]
    return as_path, next_hop, med


class Session:
    """One client session (its connection: bgp_connection.Connection), which
    connect() opens again after a loss. `table` maps received prefixes
    (address|length) to parsed attributes, unless parse=False (then only
    UPDATEs and bytes are counted)."""

    def __init__(self, local_ip: str, asn: int, rs_ip: str, hold_time: int = 90,
                 parse: bool = True, rcvbuf: int | None = None):
        self.local_ip, self.asn, self.rs_ip = local_ip, asn, rs_ip
        self.hold_time = hold_time
        self.parse = parse
        self.rcvbuf = rcvbuf
        self.conn: Connection | None = None
        self.table: dict[int, tuple] = {}
        self.eor = False
        self.connects = 0
        self.updates_in = 0
        self._attr_cache: dict[bytes, tuple] = {}
        self._closed_reason: str | None = None

    def connect(self, timeout: float = 30.0) -> None:
        """Opens the TCP connection and exchanges OPENs and KEEPALIVEs,
        blocking until Established (or raising)."""
        self.table.clear()
        self.eor = False
        self.conn = Connection(connect(self.rs_ip, local_ip=self.local_ip, timeout=timeout, rcvbuf=self.rcvbuf),
                               self.asn, self.local_ip, self.hold_time, on_message=self._on_message)
        self.connects += 1
        try:
            self.conn.establish(timeout=timeout)
        except OSError:
            self.conn.close()
            raise

    # What the connection knows, as the soak and the zero-window driver read it.
    @property
    def sock(self):
        return self.conn.sock if self.conn and not self.conn.closed else None

    @property
    def established(self) -> bool:
        return bool(self.conn and self.conn.established)

    @property
    def closed_reason(self) -> str | None:
        return self.conn.closed if self.conn else self._closed_reason

    @property
    def notification(self):
        return self.conn.notification if self.conn else None

    @property
    def bytes_in(self) -> int:
        return self.conn.bytes_in if self.conn else 0

    @property
    def last_in(self) -> float:
        return self.conn.last_in if self.conn else 0.0

    def fileno(self) -> int:
        return self.conn.sock.fileno()

    def send(self, data: bytes) -> None:
        self.conn.send(data)

    def flush(self) -> bool:
        return self.conn.flush()

    def pending_out(self) -> int:
        return self.conn.pending_out()

    def tick(self, now: float) -> None:
        self.conn.tick(now)

    def on_readable(self) -> None:
        # One read per call: the loop then serves the other sessions and
        # their KEEPALIVEs before this one is read again.
        self.conn.receive()

    def _on_message(self, kind: int, body: bytes) -> None:
        if kind != UPDATE:
            return
        if self.conn.established:
            self.updates_in += 1
        if self.parse or not self.conn.established:
            self._update(body)

    def _update(self, body: bytes) -> None:
        wlen = (body[0] << 8) | body[1]
        if wlen:
            table = self.table
            for p in _prefixes(body[2:2 + wlen]):
                table.pop(p, None)
        alen = (body[2 + wlen] << 8) | body[3 + wlen]
        nlri = body[4 + wlen + alen:]
        if not nlri:
            if not wlen and not alen:
                self.eor = True
            return
        raw = body[4 + wlen:4 + wlen + alen]
        attrs = self._attr_cache.get(raw)
        if attrs is None:
            attrs = self._attr_cache[raw] = parse_attributes(raw)
        self.table.update(dict.fromkeys(_prefixes(nlri), attrs))

    def lost(self, reason: str) -> None:
        self.conn.lost(reason)

    def close(self, notify: bool = True) -> None:
        """Ends the session: Cease / Administrative Shutdown first if `notify`,
        else an abrupt close."""
        self.conn.close(notify)


def prefix_text(p: int) -> str:
    return f"{int_to_ip(p & 0xFFFFFF00)}/{p & 0xFF}"


class Loop:
    """Runs sessions' reads, writes and keepalives in one thread."""

    def __init__(self):
        self.sel = selectors.DefaultSelector()
        self.sessions: dict[int, Session] = {}

    def add(self, s: Session, read: bool = True) -> None:
        """read=False: the session's keepalives and writes go on, but nothing
        is ever read from its socket (a peer with a zero TCP window)."""
        self.sessions[s.fileno()] = s
        if read:
            self.sel.register(s.fileno(), selectors.EVENT_READ, s)

    def remove(self, s: Session) -> None:
        for fd, x in list(self.sessions.items()):
            if x is s:
                try:
                    self.sel.unregister(fd)
                except (KeyError, ValueError, OSError):
                    pass
                del self.sessions[fd]

    def run(self, seconds: float, until=None) -> bool:
        """Runs for `seconds`, or until until() is true (checked every round);
        returns whether until() became true."""
        end = time.monotonic() + seconds
        while True:
            if until is not None and until():
                return True
            now = time.monotonic()
            for s in list(self.sessions.values()):
                if s.sock is None:
                    self.remove(s)
                    continue
                s.tick(now)
                s.flush()
            timeout = end - now
            if timeout <= 0:
                return False
            if self.sel.get_map():
                events = self.sel.select(min(timeout, 0.2))
            else:
                time.sleep(min(timeout, 0.2))
                events = []
            for key, _ in events:
                key.data.on_readable()
                # A busy round must not starve the KEEPALIVEs.
                if time.monotonic() - now > 1.0:
                    now = time.monotonic()
                    for s in list(self.sessions.values()):
                        if s.sock is not None:
                            s.tick(now)
