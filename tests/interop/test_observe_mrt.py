"""`bgpctl dump rib FILE` writes MRT TABLE_DUMP_V2 (RFC 6396) that Debian's
bgpdump reads back: every client's IPv4 routes with their peer, AS path,
next hop, MED and communities; the EVPN routes are RIB_GENERIC records for
AFI 25 / SAFI 70 (bgpdump cannot decode EVPN, so the test reads those
records' framing itself and checks route types, MACs and next hop)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess

import pytest

from lab.netns import run
from lab.observe_lab import EVPN_IP, EVPN_ROUTES
from lab.route_server import rs_kind

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="bgpctl dump is meshbgp's own")

BGPDUMP = "/usr/bin/bgpdump"


@pytest.fixture
def dump(observe_lab, tmp_path):
    if not os.access(BGPDUMP, os.X_OK):
        pytest.skip("bgpdump is not installed (scripts/setup --test)")
    path = tmp_path / "rib.mrt"
    observe_lab.rs.bgpctl("dump", "rib", str(path))
    return path.read_bytes(), path


def records(data: bytes):
    """(type, subtype, message) of each MRT record."""
    off = 0
    while off < len(data):
        _, typ, sub, length = struct.unpack_from("!IHHI", data, off)
        yield typ, sub, data[off + 12: off + 12 + length]
        off += 12 + length
    assert off == len(data), "trailing bytes after the last record"


def test_bgpdump_reads_every_ipv4_route(observe_lab, dump):
    _, path = dump
    out = run([BGPDUMP, "-m", str(path)]).stdout
    got = {}
    for line in out.splitlines():
        f = line.split("|")
        if f[0] != "TABLE_DUMP2":
            continue
        # TABLE_DUMP2|time|B|peer ip|peer as|prefix|as path|origin|next hop|local pref|med|communities|...
        got[f[5]] = {"peer": f[3], "peer_as": int(f[4]), "as_path": [int(a) for a in f[6].split()],
                     "next_hop": f[8], "med": int(f[10]) if f[10] not in ("", "0") else None,
                     "communities": sorted(c for c in f[11].split() if c.count(":") == 1)}
    want = {}
    for p in observe_lab.live_peers():
        for a in p.announced.values():
            r = p.originated(a).as_received(p.ip, p.asn)
            want[a.prefix] = {"peer": p.ip, "peer_as": p.asn, "as_path": r["as_path"], "next_hop": r["next_hop"],
                              "med": r["med"] or None, "communities": sorted(r["communities"])}
    assert got == want, f"bgpdump -m {path}:\n{out}"


def test_evpn_routes_are_rib_generic_records(observe_lab, dump):
    data, _ = dump
    evpn = []
    for typ, sub, msg in records(data):
        assert typ == 13, "TABLE_DUMP_V2 only"
        if sub != 6:
            continue
        _seq, afi, safi = struct.unpack_from("!IHB", msg, 0)
        route_type, length = msg[7], msg[8]
        nlri = msg[9: 9 + length]
        (count,) = struct.unpack_from("!H", msg, 9 + length)
        assert (afi, safi, count) == (25, 70, 1)
        entry = msg[11 + length:]
        attr_len = struct.unpack_from("!H", entry, 6)[0]
        attrs = entry[8: 8 + attr_len]
        # First attribute: MP_REACH_NLRI holding only the next hop (RFC 6396 4.3.4).
        assert attrs[1] == 14 and attrs[3] == 4, attrs[:8].hex()
        next_hop = ".".join(str(b) for b in attrs[4:8])
        evpn.append((route_type, nlri, next_hop))
    assert sorted(t for t, _, _ in evpn) == sorted({"macadv": 2, "multicast": 3, "prefix": 5}[r[0]]
                                                   for r in EVPN_ROUTES)
    assert {nh for _, _, nh in evpn} == {EVPN_IP}
    macs = {bytes.fromhex(r[1].replace(":", "")) for r in EVPN_ROUTES if r[0] == "macadv"}
    # Type 2 value: RD(8) ESI(10) ETag(4) MAC length(1) MAC(6) ...
    assert {nlri[23:29] for t, nlri, _ in evpn if t == 2} == macs
