"""AS_PATH and AS4_PATH as they were on the wire, from the raw body of an
UPDATE (RFC 4271 §4.3, RFC 6793): what a client's parsed view hides once it
merged AS4_PATH into AS_PATH. Pure functions, no sockets."""

from __future__ import annotations

import struct

AS_PATH, AS4_PATH = 2, 17
_EXTENDED_LENGTH = 0x10


def path_attributes(body: bytes) -> dict[int, bytes]:
    """{type code: value} of an UPDATE body (the bytes after the 19-octet header)."""
    (withdrawn_len,) = struct.unpack_from("!H", body, 0)
    at = 2 + withdrawn_len
    (attrs_len,) = struct.unpack_from("!H", body, at)
    at += 2
    end = at + attrs_len
    out = {}
    while at < end:
        flags, code = body[at], body[at + 1]
        if flags & _EXTENDED_LENGTH:
            (length,) = struct.unpack_from("!H", body, at + 2)
            at += 4
        else:
            length = body[at + 2]
            at += 3
        out[code] = body[at:at + length]
        at += length
    return out


def as_numbers(value: bytes, octets: int) -> list[int]:
    """The ASNs of an AS_PATH/AS4_PATH value, segment types flattened."""
    fmt = "!H" if octets == 2 else "!I"
    out, at = [], 0
    while at < len(value):
        count = value[at + 1]
        at += 2
        for _ in range(count):
            out.append(struct.unpack_from(fmt, value, at)[0])
            at += octets
    return out


def wire_as_paths(body: bytes, as_path_octets: int) -> tuple[list[int], list[int] | None]:
    """(AS_PATH, AS4_PATH or None) of an UPDATE body received on a session
    whose AS_PATH carries `as_path_octets`-octet ASNs (2 without the 4-octet
    AS capability on both sides)."""
    attrs = path_attributes(body)
    as4 = attrs.get(AS4_PATH)
    return as_numbers(attrs.get(AS_PATH, b""), as_path_octets), (None if as4 is None else as_numbers(as4, 4))
