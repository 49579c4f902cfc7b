#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from what real peers and operators
produce: the BGP messages FRR, GoBGP, BIRD and OpenBGPD sent in
tests/unit/golden/*.txt, and the configuration examples in
docs/configuration.md. Writes OUT/<target>/<sha1> files, the input format
each target's first bytes expect (see fuzz/fuzz_*.cc).

usage: make_seeds.py SOURCE_DIR OUT_DIR
"""
import hashlib
import pathlib
import re
import sys

HEADER = 19
RIB_MAX_LEN = 2048  # fuzz_rib_exchange's -max_len (scripts/fuzz)
OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE_REFRESH = 1, 2, 3, 4, 5
EVPN = (25, 70)
FRAMING_MAX_LEN = 1024


def golden_messages(src):
    for path in sorted((src / "tests/unit/golden").glob("*.txt")):
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                yield bytes.fromhex(line)


def attributes(body):
    """(type, value) of each path attribute of an UPDATE body."""
    wlen = int.from_bytes(body[0:2], "big")
    alen = int.from_bytes(body[2 + wlen:4 + wlen], "big")
    block, i = body[4 + wlen:4 + wlen + alen], 0
    while i + 3 <= len(block):
        flags, typ = block[i], block[i + 1]
        if flags & 0x10:
            n, i = int.from_bytes(block[i + 2:i + 4], "big"), i + 4
        else:
            n, i = block[i + 2], i + 3
        yield typ, block[i:i + n]
        i += n


def evpn_nlri_fields(body):
    for typ, value in attributes(body):
        if len(value) < 3 or (value[0:2], value[2]) != (b"\x00\x19", 70):
            continue
        if typ == 14:  # MP_REACH: AFI, SAFI, NH len, NH, reserved, NLRI
            yield value[5 + value[3]:]
        elif typ == 15:  # MP_UNREACH: AFI, SAFI, NLRI
            yield value[3:]


def doc_blocks(src):
    text = (src / "docs/configuration.md").read_text()
    return [m.group(1) for m in re.finditer(r"```(?:yaml|text)\n(.*?)```", text, re.S)]


def main():
    src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    seeds = {}

    def add(target, data):
        seeds.setdefault(target, set()).add(bytes(data))

    # framing: 4096-octet messages, 4-octet AS; streams of whole messages
    # within the target's -max_len (scripts/fuzz).
    stream = bytearray(b"\x00")
    # fuzz_rib_exchange: records of (flags: peer in the low bits, length,
    # UPDATE body). Each UPDATE from every peer alone, then the captures in
    # turn from peers 0..3 in streams within the target's -max_len.
    rib_stream, rib_peer = bytearray(), 0
    for msg in golden_messages(src):
        body = msg[HEADER:]
        if msg[18] != UPDATE or len(body) + 3 > RIB_MAX_LEN:
            continue
        for peer in range(4):
            add("fuzz_rib_exchange", bytes([peer]) + len(body).to_bytes(2, "big") + body)
        if len(rib_stream) + len(body) + 3 > RIB_MAX_LEN:
            add("fuzz_rib_exchange", rib_stream)
            rib_stream = bytearray()
        rib_stream += bytes([rib_peer]) + len(body).to_bytes(2, "big") + body
        rib_peer = (rib_peer + 1) % 4
    if rib_stream:
        add("fuzz_rib_exchange", rib_stream)
    for msg in golden_messages(src):
        add("fuzz_framing", b"\x00" + msg)
        if len(stream) > 1 and len(stream) + len(msg) > FRAMING_MAX_LEN:
            add("fuzz_framing", stream)
            stream = bytearray(b"\x00")
        stream += msg
        body, typ = msg[HEADER:], msg[18]
        if typ == OPEN:
            add("fuzz_open", body)
        elif typ == UPDATE:
            add("fuzz_update", b"\x00" + body)  # 4-octet AS eBGP session
            for field in evpn_nlri_fields(body):
                add("fuzz_update_evpn", field)
        elif typ == NOTIFICATION:
            add("fuzz_notification", body)
        elif typ == ROUTE_REFRESH:
            add("fuzz_route_refresh", body)
    add("fuzz_framing", stream)
    # No capture holds a ROUTE-REFRESH: the three forms RFC 7313 defines.
    for subtype in (0, 1, 2):
        add("fuzz_route_refresh", bytes([0, 1, subtype, 1]))
        add("fuzz_route_refresh", bytes([0, 25, subtype, 70]))
    for block in doc_blocks(src):
        target = "fuzz_meshrr_config" if "bgpgroups" in block else "fuzz_config"
        add(target, block.encode())
    # Inputs long runs found new coverage with (minimised, see
    # docs/hostile-input.md), kept as they are.
    for found in sorted((src / "fuzz/corpus").glob("*/*")):
        add(found.parent.name, found.read_bytes())
    for target, items in sorted(seeds.items()):
        d = out / target
        d.mkdir(parents=True, exist_ok=True)
        for data in items:
            (d / hashlib.sha1(data).hexdigest()).write_bytes(data)
        print(f"{target}: {len(items)} seeds")


if __name__ == "__main__":
    main()
