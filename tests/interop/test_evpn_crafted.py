"""Crafted EVPN input, sent byte by byte by a raw BGP speaker: a route type
no RFC defines (11 and 250) is relayed to every EVPN client byte-identical
(checked on the wire in the RS's namespace and in a second raw speaker's
log) and each client's own reaction is recorded; a malformed MAC/IP route
inside intact framing makes its UPDATE treat-as-withdraw (RFC 7606), the
session stays up and nothing else is touched; an NLRI whose length overruns
its attribute resets only that session (NOTIFICATION 3/9). max_prefixes
counts each family on its own and its Cease names the family's AFI/SAFI;
ROUTE-REFRESH re-sends only the AFI/SAFI asked for."""

from __future__ import annotations

import re
import socket
import struct

import pytest

from conftest import KEEP
from lab import bgp_messages as bm
from lab.bgp_capture import evpn_table, parse_update
from lab.route_server import rs_kind
from lab.scenario import LIMITED_RANGE, RS_IP, ClientSpec
from lab.topologies import evpn_group, evpn_lab
from lab.wait import wait_for

RAW_IP, RX_IP, BAD_IP, LIMITED_IP = "10.0.0.18", "10.0.0.19", "10.0.0.20", "10.0.3.21"
RAW_AS, BAD_AS, LIMITED_AS = 65018, 65020, 65021
LIMIT = 2  # the LIMITED group's max_prefixes, per family
RECEIVERS = {"gobgp": "10.0.0.16", "frr": "10.0.0.11", "exa": "10.0.0.15", "rx": RX_IP}

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="EVPN relay is a meshbgp feature test")


def rd(ip: str, n: int) -> bytes:
    return struct.pack("!H4sH", 1, socket.inet_aton(ip), n)


def mac_ip(ip: str, mac_last: int, vni: int = 100) -> bytes:
    """A well-formed type-2 route: RD, zero ESI, tag 0, MAC, IPv4, one label."""
    value = (rd(ip, 100) + bytes(10) + bytes(4) + bytes([48, 2, 0, 0, 0, 0x77, mac_last])
             + bytes([32]) + bytes([10, 7, 0, mac_last]) + struct.pack("!I", vni)[1:])
    return bytes([2, len(value)]) + value


def route(kind: int, value: bytes) -> bytes:
    return bytes([kind, len(value)]) + value


def update(asn: int, next_hop: str, nlri: list[bytes], withdraw: list[bytes] = ()) -> bytes:
    """An UPDATE body with EVPN routes: ORIGIN, AS_PATH, route target and
    VXLAN encapsulation, MP_REACH with an IPv4 next hop; MP_UNREACH."""
    attrs = b""
    if nlri:
        ext = struct.pack("!HHI", 0x0002, asn, 100) + bytes([3, 0x0c, 0, 0, 0, 0, 0, 8])
        attrs += (bm.attr(bm.ORIGIN, b"\x00") + bm.attr(bm.AS_PATH, bm.as_path(asn))
                  + bm.attr(bm.EXT_COMMUNITIES, ext)
                  + bm.attr(bm.MP_REACH, bm.mp_reach(bm.EVPN, socket.inet_aton(next_hop), b"".join(nlri))))
    if withdraw:
        attrs += bm.attr(bm.MP_UNREACH, bm.mp_unreach(bm.EVPN, b"".join(withdraw)))
    return bm.update(attrs)[19:]


# Unknown types: an RD then opaque octets, as a future RFC might define.
TYPE_11 = route(11, rd(RAW_IP, 11) + bytes.fromhex("0123456789abcdef00112233"))
TYPE_250 = route(250, rd(RAW_IP, 250) + bytes(range(40)))
KNOWN = mac_ip(RAW_IP, 1)


@pytest.fixture(scope="module")
def lab():
    clients = [
        ClientSpec("frr", "frr-evpn", 11),
        ClientSpec("exa", "exabgp-evpn", 15),
        ClientSpec("gobgp", "gobgp-evpn", 16),
        ClientSpec("raw", "raw-evpn", 18, asn=RAW_AS),
        ClientSpec("rx", "raw-evpn", 19),
        ClientSpec("bad", "raw-evpn", 20, asn=BAD_AS),
        ClientSpec("limited", "raw-evpn", 21, subnet=3, asn=LIMITED_AS),
    ]
    lab = evpn_lab("evpn-crafted", clients, capture=True, keep_dir=KEEP,
                   extra_groups=[evpn_group("LIMITED", allow=LIMITED_RANGE, max_prefixes=LIMIT)]).start()
    raw = lab.peers["raw"]
    raw.send_update(update(RAW_AS, RAW_IP, [KNOWN]))
    raw.send_update(update(RAW_AS, RAW_IP, [TYPE_11]))
    raw.send_update(update(RAW_AS, RAW_IP, [TYPE_250]))
    yield lab
    lab.close()


def sent(lab, src: str) -> dict:
    return evpn_table(lab.capture.updates(), src=src, dst=RS_IP)


def relayed(lab, dst: str) -> dict:
    return evpn_table(lab.capture.updates(), src=RS_IP, dst=dst)


def test_unknown_route_types_leave_the_rs_byte_identical(lab):
    """On the wire toward every EVPN client: the same route bytes, next hop
    and attribute bytes as the raw speaker sent."""
    wait_for(lambda: (len(sent(lab, RAW_IP)) == 3, sent(lab, RAW_IP)), 20, "the raw speaker sent its routes")
    expected = sent(lab, RAW_IP)
    for name, ip in RECEIVERS.items():
        wait_for(lambda: (all(relayed(lab, ip).get(r) == a for r, a in expected.items()),
                          {r.hex(): a for r, a in relayed(lab, ip).items()}),
                 30, f"{name} was sent types 11 and 250 unchanged")
    # The second raw speaker's own log: the same bytes arrived.
    rx = lab.peers["rx"]
    got = evpn_table(rx.updates())
    assert got[TYPE_11] == expected[TYPE_11] and got[TYPE_250] == expected[TYPE_250]
    shown = {r["raw"]: r for r in lab.rs.bgpctl_json("show", "evpn", "type", "11")["routes"]}
    assert list(shown) == [TYPE_11.hex()] and shown[TYPE_11.hex()]["type_name"] == "unknown"


def test_what_each_client_does_with_unknown_types(lab):
    """Recorded behaviour of the clients (not ours): ExaBGP decodes the
    routes as generic EVPN with their raw bytes; FRR 8.4 drops them and keeps
    the session and the known route; GoBGP 3.10 logs "Capability was
    disabled" for L2VPN EVPN, drops the UPDATE that carried the unknown
    route (a known route packed into it too, so whether it holds the known
    route depends on how the routes were packed) and keeps the session."""
    exa, frr, gobgp = lab.peers["exa"], lab.peers["frr"], lab.peers["gobgp"]
    wait_for(lambda: ({TYPE_11.hex(), TYPE_250.hex(), KNOWN.hex()} <= set(exa.evpn_routes()),
                      sorted(exa.evpn_routes())), 30, "ExaBGP decoded both unknown types and the known one")
    wait_for(lambda: ("02:00:00:00:77:01" in frr.vtysh("show bgp l2vpn evpn"), frr.vtysh("show bgp l2vpn evpn")),
             30, "FRR holds the known route")
    assert frr.session_state() == "Established"
    assert "[11]" not in frr.vtysh("show bgp l2vpn evpn")
    assert gobgp.session_state() == "Established", gobgp.log_tail(20)
    # Whichever unknown type GoBGP meets first.
    wait_for(lambda: (re.search(r"Capability was disabled.*Unknown EVPN Route type: (11|250)", gobgp.log_text()),
                      gobgp.log_tail(10)), 20, "GoBGP's reason for disabling EVPN")
    held = gobgp.evpn_routes()
    assert all(r["nlri"]["type"] == 2 for r in held.values()), held


def test_unknown_type_withdrawal_is_relayed(lab):
    raw = lab.peers["raw"]
    wait_for(lambda: (TYPE_250 in relayed(lab, RX_IP), None), 30, "type 250 relayed first")
    raw.send_update(update(RAW_AS, RAW_IP, [], withdraw=[TYPE_250]))
    for name, ip in RECEIVERS.items():
        wait_for(lambda: (TYPE_250 not in relayed(lab, ip) and TYPE_11 in relayed(lab, ip), None), 30,
                 f"{name} was sent the withdrawal of type 250 only")


def test_malformed_mac_ip_route_is_treat_as_withdraw(lab):
    """RFC 7606: an UPDATE whose MAC/IP route is malformed inside intact
    framing withdraws the UPDATE's routes (here a route the same speaker
    announced before) and nothing else; the session stays up."""
    bad = lab.peers["bad"]
    good = mac_ip(BAD_IP, 2)
    bad.send_update(update(BAD_AS, BAD_IP, [good]))
    for ip in RECEIVERS.values():
        wait_for(lambda: (good in relayed(lab, ip), None), 30, f"{ip} got the good route")
    mark = bad.session_mark()
    # MAC length 47 instead of 48: the type-2 value does not parse.
    broken = bytearray(mac_ip(BAD_IP, 3))
    broken[2 + 8 + 10 + 4] = 47
    bad.send_update(update(BAD_AS, BAD_IP, [bytes(broken), good]))
    for ip in RECEIVERS.values():
        wait_for(lambda: (good not in relayed(lab, ip), None), 30, f"{ip} was sent the withdrawal")
        assert bytes(broken) not in relayed(lab, ip)
    assert bad.session_state() == "Established" and bad.session_mark() == mark
    assert not any(kind == "notification" for kind, _ in bad._lines())
    # The raw speaker's routes are untouched.
    assert TYPE_11 in relayed(lab, RX_IP)


def ipv4_update(asn: int, next_hop: str, prefixes: list[str]) -> bytes:
    return bm.update(bm.base_attrs(asn, next_hop), b"".join(bm.prefix(p) for p in prefixes))[19:]


def is_evpn_end_of_rib(u) -> bool:
    return list(u.attrs) == [15] and u.attrs[15] == bytes([0, 25, 70])


def test_route_refresh_resends_only_the_family_asked_for(lab):
    """RFC 2918: a ROUTE-REFRESH for IPv6 unicast, not negotiated, is
    ignored and the session stays; one for L2VPN EVPN gets the EVPN table
    again up to its End-of-RIB, and nothing of IPv4 (not even its
    End-of-RIB). The requests are handled in order, so once the EVPN
    End-of-RIB is back the IPv6 one has been dealt with."""
    rx = lab.peers["rx"]
    wait_for(lambda: (TYPE_11 in evpn_table(rx.updates()), None), 30, "rx holds the raw speaker's routes")
    before, mark = len(rx.messages("update")), rx.session_mark()
    rx.send_message(5, bytes([0, 2, 0, 1]))   # IPv6 unicast
    rx.send_message(5, bytes([0, 25, 0, 70]))  # L2VPN EVPN

    def after():
        return [parse_update(b) for b in rx.messages("update")[before:]]
    wait_for(lambda: (any(is_evpn_end_of_rib(u) for u in after()), len(after())), 20,
             "the EVPN table sent again, up to its End-of-RIB")
    resent = after()
    assert any(TYPE_11 in u.evpn_announced for u in resent)
    for u in resent:
        reach = u.attrs.get(14) or u.attrs.get(15) or b""
        assert reach[:3] == bytes([0, 25, 70]), ("only EVPN after an EVPN refresh", u)
    assert rx.session_mark() == mark and rx.session_state() == "Established"


def test_max_prefixes_counts_each_family_and_names_it_in_the_cease(lab):
    """LIMITED allows 2 per family: 2 IPv4 prefixes and 2 EVPN routes are
    fine together; a third EVPN route ends the session with Cease / Maximum
    Number of Prefixes Reached carrying AFI 25, SAFI 70 and the limit."""
    limited = lab.peers["limited"]
    limited.send_update(ipv4_update(LIMITED_AS, LIMITED_IP, ["10.77.1.0/24", "10.77.2.0/24"]))
    limited.send_update(update(LIMITED_AS, LIMITED_IP, [mac_ip(LIMITED_IP, 1), mac_ip(LIMITED_IP, 2)]))
    wait_for(lambda: (mac_ip(LIMITED_IP, 2) in relayed(lab, RX_IP), None), 30, "the first two EVPN routes relayed")
    assert limited.session_state() == "Established" and not limited.messages("notification")
    limited.send_update(update(LIMITED_AS, LIMITED_IP, [mac_ip(LIMITED_IP, 3)]))
    wait_for(lambda: (limited.messages("notification"), limited._lines()[-5:]), 20, "the Cease")
    note = limited.messages("notification")[0]
    assert note == bytes([6, 1, 0, 25, 70]) + struct.pack("!I", LIMIT), note.hex()
    # Its routes leave the other clients.
    wait_for(lambda: (mac_ip(LIMITED_IP, 1) not in relayed(lab, RX_IP), None), 30, "its routes withdrawn")


def test_evpn_nlri_overrunning_its_attribute_resets_only_that_session(lab):
    """Last: the route length says 200 octets where 10 follow, so no route
    after it can be located: NOTIFICATION UPDATE Message Error / Optional
    Attribute Error (3/9) to that speaker; every other session stays."""
    bad = lab.peers["bad"]
    others = {n: lab.peers[n].session_mark() for n in ("raw", "rx", "gobgp", "exa", "frr")}
    assert bad.session_state() == "Established"
    bad.send_update(update(BAD_AS, BAD_IP, [bytes([2, 200]) + bytes(10)]))
    wait_for(lambda: (any(k == "notification" for k, _ in bad._lines()), bad._lines()[-5:]), 20,
             "the bad speaker got a NOTIFICATION")
    note = next(rest for k, rest in bad._lines() if k == "notification")
    assert note[:4] == "0309", note
    assert {n: lab.peers[n].session_mark() for n in others} == others
    assert all(lab.peers[n].session_state() == "Established" for n in others)
