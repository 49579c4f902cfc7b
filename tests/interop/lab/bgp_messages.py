"""BGP messages as bytes, for tests that must send exactly what they mean,
malformed on purpose included (test_malformed_messages.py): every length
and flag can be given instead of computed. Pure functions, no sockets."""

from __future__ import annotations

import socket
import struct

MARKER = b"\xff" * 16
OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE_REFRESH = 1, 2, 3, 4, 5

# Attribute flags (RFC 4271 §4.3)
OPTIONAL, TRANSITIVE, PARTIAL, EXTENDED = 0x80, 0x40, 0x20, 0x10
WELL_KNOWN = TRANSITIVE
OPT_TRANS = OPTIONAL | TRANSITIVE

ORIGIN, AS_PATH, NEXT_HOP, MED, LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR = 1, 2, 3, 4, 5, 6, 7
COMMUNITIES, MP_REACH, MP_UNREACH, EXT_COMMUNITIES, AS4_PATH, LARGE_COMMUNITIES = 8, 14, 15, 16, 17, 32

IPV4_UNICAST = (1, 1)
EVPN = (25, 70)


def message(typ: int, body: bytes = b"", length: int | None = None, marker: bytes = MARKER) -> bytes:
    """A whole message; `length` overrides the header's length field."""
    return marker + struct.pack("!HB", 19 + len(body) if length is None else length, typ) + body


def keepalive() -> bytes:
    return message(KEEPALIVE)


def capabilities(asn: int, families=(IPV4_UNICAST,), route_refresh: bool = True) -> bytes:
    """The Capabilities optional parameter (RFC 5492) as most speakers send it."""
    caps = b"".join(bytes([1, 4]) + struct.pack("!HBB", afi, 0, safi) for afi, safi in families)
    if route_refresh:
        caps += bytes([2, 0, 70, 0])  # route refresh, enhanced route refresh
    caps += bytes([65, 4]) + struct.pack("!I", asn)
    return bytes([2, len(caps)]) + caps


def open_body(asn: int, router_id: str, hold_time: int = 90, version: int = 4, my_as: int | None = None,
              params: bytes | None = None, families=(IPV4_UNICAST,)) -> bytes:
    params = capabilities(asn, families) if params is None else params
    my_as = (asn if asn < 65536 else 23456) if my_as is None else my_as
    return struct.pack("!BHH4sB", version, my_as, hold_time, socket.inet_aton(router_id), len(params)) + params


def open_message(*args, **kw) -> bytes:
    return message(OPEN, open_body(*args, **kw))


def attr(typ: int, value: bytes, flags: int | None = None, length: int | None = None) -> bytes:
    """One path attribute; flags default to the type's own, Extended Length
    is used when the value needs it or the flags ask for it."""
    if flags is None:
        flags = WELL_KNOWN if typ in (ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE) else (
            OPTIONAL if typ in (MED, MP_REACH, MP_UNREACH) else OPT_TRANS)
    n = len(value) if length is None else length
    if n > 255:
        flags |= EXTENDED
    if flags & EXTENDED:
        return struct.pack("!BBH", flags, typ, n) + value
    return struct.pack("!BBB", flags, typ, n) + value


def as_path(*asns: int, seg_type: int = 2) -> bytes:
    """An AS_SEQUENCE (or seg_type) of 4-octet ASNs."""
    return bytes([seg_type, len(asns)]) + b"".join(struct.pack("!I", a) for a in asns)


def prefix(text: str) -> bytes:
    """NLRI encoding of "10.31.1.0/24" (RFC 4271 §4.3)."""
    addr, plen = text.split("/")
    plen = int(plen)
    return bytes([plen]) + socket.inet_aton(addr)[:(plen + 7) // 8]


def update(attrs: bytes = b"", nlri: bytes = b"", withdrawn: bytes = b"", withdrawn_len: int | None = None,
           attrs_len: int | None = None) -> bytes:
    wl = len(withdrawn) if withdrawn_len is None else withdrawn_len
    al = len(attrs) if attrs_len is None else attrs_len
    return message(UPDATE, struct.pack("!H", wl) + withdrawn + struct.pack("!H", al) + attrs + nlri)


def base_attrs(asn: int, next_hop: str, origin: bytes | None = None, path: bytes | None = None,
               nh: bytes | None = None) -> bytes:
    """ORIGIN IGP, AS_PATH [asn], NEXT_HOP: the mandatory three, each replaceable."""
    return ((attr(ORIGIN, b"\x00") if origin is None else origin) +
            (attr(AS_PATH, as_path(asn)) if path is None else path) +
            (attr(NEXT_HOP, socket.inet_aton(next_hop)) if nh is None else nh))


def mp_reach(family: tuple[int, int], next_hop: bytes, nlri: bytes) -> bytes:
    afi, safi = family
    return struct.pack("!HBB", afi, safi, len(next_hop)) + next_hop + b"\x00" + nlri


def mp_unreach(family: tuple[int, int], nlri: bytes) -> bytes:
    afi, safi = family
    return struct.pack("!HB", afi, safi) + nlri


def evpn_multicast_route(rd_admin: int, rd_number: int, originator: str, etag: int = 0,
                         length: int | None = None) -> bytes:
    """EVPN type 3, Inclusive Multicast Ethernet Tag (RFC 7432 §7.3): RD type
    1 (IPv4:number), Ethernet Tag, IP length 32, originator."""
    rd = struct.pack("!H4sH", 1, socket.inet_aton(f"10.0.0.{rd_admin}"), rd_number)
    value = rd + struct.pack("!IB", etag, 32) + socket.inet_aton(originator)
    return bytes([3, len(value) if length is None else length]) + value


def notification(code: int, subcode: int, data: bytes = b"") -> bytes:
    return message(NOTIFICATION, bytes([code, subcode]) + data)


def split_messages(data: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """(type, body) of each whole message at the start of data, and the rest."""
    out, i = [], 0
    while len(data) - i >= 19:
        (length,) = struct.unpack_from("!H", data, i + 16)
        if length < 19 or len(data) - i < length:
            break
        out.append((data[i + 18], data[i + 19:i + length]))
        i += length
    return out, data[i:]
