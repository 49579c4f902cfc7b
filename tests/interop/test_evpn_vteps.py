"""L2VPN EVPN between real VTEPs through the route server: GoBGP client A
originates route types 1-5 from its CLI; an FRR VTEP with zebra and a
kernel VXLAN (vxlan100 in bridge br100) originates types 2 and 3 from
`advertise-all-vni` and, last, a static type 5; GoBGP B and ExaBGP decode
as receivers. Proof is taken from the wire (a capture in the RS's namespace:
every route each client sent reaches every other client with the same
NLRI bytes, next hop and attribute bytes), from each client's own decoded
view, and from the kernel: FRR installs A's MAC into vxlan100's FDB,
learned through the RS. A type-2 withdrawal propagates the same way."""

from __future__ import annotations

import json

import pytest

from conftest import KEEP
from lab.bgp_capture import evpn_table
from lab.peers.frr_vtep import LOCAL_MAC, TYPE5_PREFIX
from lab.peers.frr import evpn_paths
from lab.route_server import rs_kind
from lab.scenario import RS_IP, ClientSpec
from lab.topologies import evpn_lab
from lab.wait import wait_for

A_IP, B_IP, EXA_IP, VTEP_IP = "10.0.0.12", "10.0.0.16", "10.0.0.15", "10.0.0.11"
RD = f"{A_IP}:100"
ESI = ["ARBITRARY", "11:22:33:44:55:66:77:88:99"]
MOVING_MAC, KEPT_MAC = "02:00:00:00:00:02", "02:00:00:00:00:01"
# A's routes carry its own route target and the one the FRR VTEP derives for
# VNI 100 (<its AS>:100), so FRR imports them into the kernel.
RTS = ["rt", "65012:100", "65011:100"]
ROUTES = [  # gobgp `global rib add -a evpn` arguments, types 1 to 5
    ["a-d", "esi", *ESI, "etag", "100", "label", "100", "rd", RD, *RTS, "encap", "vxlan",
     "esi-label", "300"],
    ["macadv", KEPT_MAC, "10.1.0.5", "esi", *ESI, "etag", "0", "label", "100,200", "rd", RD,
     *RTS, "encap", "vxlan"],
    ["macadv", MOVING_MAC, "0.0.0.0", "etag", "0", "label", "100", "rd", RD, *RTS,
     "encap", "vxlan", "router-mac", "02:00:00:00:00:12"],
    ["multicast", A_IP, "etag", "0", "rd", RD, *RTS, "encap", "vxlan",
     "pmsi", "ingress-repl", "100", A_IP],
    ["esi", A_IP, "esi", *ESI, "rd", RD, *RTS, "encap", "vxlan"],
    ["prefix", "10.9.0.0/24", "gw", A_IP, "etag", "0", "rd", RD, *RTS, "label", "5000",
     "encap", "vxlan", "router-mac", "02:00:00:00:00:11"],
]
SENDERS = {"a": A_IP, "vtep": VTEP_IP}
RECEIVERS = {"a": A_IP, "b": B_IP, "exa": EXA_IP, "vtep": VTEP_IP}

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="EVPN relay is a meshbgp feature test")


@pytest.fixture(scope="module")
def lab():
    clients = [
        ClientSpec("vtep", "frr-vtep", 11),
        ClientSpec("a", "gobgp-evpn", 12),
        ClientSpec("exa", "exabgp-evpn", 15),
        ClientSpec("b", "gobgp-evpn", 16),
    ]
    lab = evpn_lab("evpn-vteps", clients, capture=True, keep_dir=KEEP).start()
    lab.peers["a"].add_evpn(ROUTES)
    yield lab
    lab.close()


def sent_by(lab, sender: str) -> dict:
    return evpn_table(lab.capture.updates(), src=SENDERS[sender], dst=RS_IP)


def relayed_to(lab, receiver: str) -> dict:
    return evpn_table(lab.capture.updates(), src=RS_IP, dst=RECEIVERS[receiver])


def expected_at(lab, receiver: str) -> dict:
    """Every route the other senders sent, as they sent it."""
    out = {}
    for s in SENDERS:
        if s != receiver:
            out.update(sent_by(lab, s))
    return out


def wait_a_sent_everything(lab) -> dict:
    return wait_for(lambda: (len(sent_by(lab, "a")) == len(ROUTES), sent_by(lab, "a")), 30,
                    f"A sent its {len(ROUTES)} EVPN routes")


def wait_vtep_sent_its_routes(lab, types=(2, 3)) -> dict:
    """FRR: type 2 for the static MAC, type 3 for VNI 100 (and type 5 once
    announced)."""
    def sent():
        return sorted(r[0] for r in sent_by(lab, "vtep"))
    return wait_for(lambda: (all(t in sent() for t in types), sent()), 45,
                    f"the FRR VTEP sent types {types}")


def test_every_route_reaches_every_other_client_byte_identical(lab):
    """On the wire: NLRI bytes (RD, ESI, Ethernet tag, MAC, IP, labels),
    MP_REACH next hop and every other attribute (extended communities,
    PMSI tunnel, AS path, ...) as the sender sent them."""
    wait_a_sent_everything(lab)
    wait_vtep_sent_its_routes(lab)
    for receiver in RECEIVERS:
        expected = expected_at(lab, receiver)
        got = wait_for(lambda: (all(relayed_to(lab, receiver).get(r) == attrs for r, attrs in expected.items()),
                                relayed_to(lab, receiver)), 30, f"{receiver} got every other client's routes")
        # Nothing of its own comes back, nothing else appears.
        assert set(got) == set(expected), (receiver, set(got) ^ set(expected))
    types_from_a = sorted(r[0] for r in sent_by(lab, "a"))
    assert types_from_a == [1, 2, 2, 3, 4, 5]
    pmsi = [attrs.get(22) for r, attrs in sent_by(lab, "a").items() if r[0] == 3]
    assert pmsi and pmsi[0], "A's type-3 route carries a PMSI tunnel attribute"


def test_gobgp_decodes_every_route_as_the_sender_has_it(lab):
    own = wait_for(lambda: (len(lab.peers["a"].evpn_routes(received=False)) == len(ROUTES),
                            lab.peers["a"].evpn_routes(received=False)), 30, "A's own table")
    b = lab.peers["b"]
    got = wait_for(lambda: (all(b.evpn_routes().get(k) == v for k, v in own.items()), b.evpn_routes()), 30,
                   "B holds A's routes as A has them")
    types = sorted(r["nlri"]["type"] for r in got.values())
    assert {1, 2, 3, 4, 5} <= set(types), types
    # The FRR VTEP's routes too, with its own next hop.
    vtep = [r for r in got.values() if r["next_hop"] == VTEP_IP]
    assert {2, 3} <= {r["nlri"]["type"] for r in vtep}, vtep


def test_exabgp_decodes_every_route_byte_identical(lab):
    wait_a_sent_everything(lab)
    wait_vtep_sent_its_routes(lab)
    expected = {r.hex(): attrs for r, attrs in expected_at(lab, "exa").items()}
    exa = lab.peers["exa"]
    wait_for(lambda: (set(exa.evpn_routes()) == set(expected), sorted(exa.evpn_routes())), 30,
             "ExaBGP decoded exactly the other clients' routes")
    got = exa.evpn_routes()
    for raw, r in got.items():
        assert r["next_hop"] in (A_IP, VTEP_IP), r
        e = r["entry"]
        assert e.get("code") in (1, 2, 3, 4, 5), e
        if r["next_hop"] == A_IP:
            assert e.get("rd") == RD, e
    macs = {r["entry"].get("mac", "").lower() for r in got.values() if r["entry"].get("code") == 2}
    assert {KEPT_MAC, MOVING_MAC, LOCAL_MAC} <= macs, macs


def test_frr_vtep_holds_every_gobgp_route(lab):
    vtep = lab.peers["vtep"]

    def from_rs():
        return {k: p for k, p in evpn_paths(vtep.evpn_json()) if p.get("peerId") == RS_IP}
    wait_for(lambda: (len(from_rs()) >= len(ROUTES), sorted(from_rs())), 30, "FRR holds A's routes")
    got = from_rs()
    assert sorted(int(k[1]) for k in got) == [1, 2, 2, 3, 4, 5], sorted(got)
    for key, p in got.items():
        assert [n.get("ip") for n in p["nexthops"]] == [A_IP], (key, p)
        assert "RT:65012:100" in p["extendedCommunity"]["string"], (key, p)
    detail = vtep.vtysh(f"show bgp l2vpn evpn route rd {RD} mac {KEPT_MAC} ip 10.1.0.5")
    assert "ESI 00:11:22:33:44:55:66:77:88:99" in detail and "VNI 100/200" in detail, detail


def test_frr_installs_a_gobgp_mac_into_the_kernel_fdb(lab):
    """Data plane: A's MAC (the one on no Ethernet segment: FRR installs a
    MAC with an ESI only once it knows that segment's VTEPs), learned through
    the RS, is in vxlan100's FDB with A as the remote VTEP."""
    vtep = lab.peers["vtep"]
    fdb = wait_for(lambda: (f"{MOVING_MAC} dst {A_IP}" in vtep.fdb(), vtep.fdb()), 30,
                   f"{MOVING_MAC} in vxlan100's FDB")
    line = next(x for x in fdb.splitlines() if x.startswith(f"{MOVING_MAC} dst {A_IP}"))
    assert "extern_learn" in line, fdb
    # A's type-3 route made A a flood destination of VNI 100.
    assert f"00:00:00:00:00:00 dst {A_IP}" in fdb, fdb


def test_bgpctl_show_evpn_lists_what_the_clients_see(lab):
    wait_a_sent_everything(lab)
    wait_vtep_sent_its_routes(lab)
    expected = {r.hex() for s in SENDERS for r in sent_by(lab, s)}
    doc = wait_for(lambda: ({r["raw"] for r in lab.rs.bgpctl_json("show", "evpn")["routes"]} == expected,
                            lab.rs.bgpctl_json("show", "evpn")), 20, "bgpctl show evpn = what was sent")
    by_raw = {r["raw"]: r for r in doc["routes"]}
    mac = next(r for r in by_raw.values() if r.get("mac") == KEPT_MAC)
    assert mac["rd"] == RD and mac["esi"] == "00:11:22:33:44:55:66:77:88:99" and mac["next_hop"] == A_IP
    assert "rt 65012:100" in mac["ext_communities"] and "encap:vxlan" in mac["ext_communities"], mac
    imet = next(r for r in by_raw.values() if r["type"] == 3 and r["neighbor"] == A_IP)
    assert imet["pmsi"]["tunnel_type"] == "ingress-replication" and imet["pmsi"]["tunnel_id"] == A_IP, imet
    only = lab.rs.bgpctl_json("show", "evpn", "type", "2", "mac", KEPT_MAC)["routes"]
    assert [r["mac"] for r in only] == [KEPT_MAC]
    assert {r["rd"] for r in lab.rs.bgpctl_json("show", "evpn", "rd", RD)["routes"]} == {RD}
    text = lab.rs.bgpctl("show", "evpn", "type", "2")
    assert KEPT_MAC in text and LOCAL_MAC in text and "[3]" not in text, text
    summary = lab.rs.bgpctl_json("show", "summary")
    counts = summary["evpn"]["routes_by_type"]
    assert counts["1"] == 1 and counts["4"] == 1 and counts["2"] >= 3 and counts["3"] == 2, counts
    a = next(n for n in summary["neighbors"] if n["address"] == A_IP)
    assert a["prefixes"]["evpn"]["by_type"] == {"1": 1, "2": 2, "3": 1, "4": 1, "5": 1}, a
    assert "EVPN routes by type" in lab.rs.bgpctl("show", "summary")


def test_type2_withdrawal_propagates(lab):
    """Last but one: A withdraws a MAC; every receiver gets the MP_UNREACH
    and loses it, FRR and GoBGP B and ExaBGP alike."""
    a, b, exa, vtep = (lab.peers[n] for n in ("a", "b", "exa", "vtep"))
    wait_a_sent_everything(lab)
    moving = next(r for r in ROUTES if MOVING_MAC in r)
    wait_for(lambda: (any(r["entry"].get("mac", "").lower() == MOVING_MAC for r in exa.evpn_routes().values()),
                      None), 30, "ExaBGP holds the MAC first")
    a.cli("global", "rib", "del", "-a", "evpn", *moving)
    for receiver in ("b", "exa", "vtep"):
        wait_for(lambda: (set(relayed_to(lab, receiver)) == set(expected_at(lab, receiver)),
                          sorted(r.hex() for r in relayed_to(lab, receiver))), 30,
                 f"the withdrawal reached {receiver} on the wire")
    wait_for(lambda: (not any(MOVING_MAC in json.dumps(r) for r in b.evpn_routes().values()), b.evpn_routes()),
             20, "B lost the MAC")
    wait_for(lambda: (not any(r["entry"].get("mac", "").lower() == MOVING_MAC for r in exa.evpn_routes().values()),
                      exa.evpn_routes()), 20, "ExaBGP lost the MAC")
    wait_for(lambda: (MOVING_MAC not in vtep.vtysh("show bgp l2vpn evpn"), vtep.vtysh("show bgp l2vpn evpn")),
             20, "FRR lost the MAC")
    assert KEPT_MAC in vtep.vtysh("show bgp l2vpn evpn")
    wait_for(lambda: (f"{MOVING_MAC} dst {A_IP}" not in vtep.fdb(), vtep.fdb()), 20,
             "the MAC left FRR's kernel FDB")
    assert not any(lab.rs.bgpctl_json("show", "evpn", "mac", MOVING_MAC)["routes"])


def test_frr_static_type5_with_a_16_octet_next_hop_is_relayed_unchanged(lab):
    """Last: FRR's static type-5 route carries a 16-octet MP_REACH next hop;
    it reaches A and B with the same bytes (next hop included) and GoBGP
    decodes it. ExaBGP 4.2 cannot decode a 16-octet EVPN next hop and resets
    its session over it (recorded, not ours to fix)."""
    vtep, b, exa = lab.peers["vtep"], lab.peers["b"], lab.peers["exa"]
    vtep.announce_type5()
    wait_vtep_sent_its_routes(lab, (2, 3, 5))
    type5 = {r: attrs for r, attrs in sent_by(lab, "vtep").items() if r[0] == 5}
    assert len(type5) == 1 and len(next(iter(type5.values()))[0]) == 16, type5
    for receiver in ("a", "b"):
        wait_for(lambda: (all(relayed_to(lab, receiver).get(r) == a for r, a in type5.items()), None), 30,
                 f"{receiver} got FRR's type-5 route unchanged")
    wait_for(lambda: (any(r["nlri"]["type"] == 5 and TYPE5_PREFIX.split("/")[0] in json.dumps(r["nlri"])
                          for r in b.evpn_routes().values()), b.evpn_routes()), 30, "B decoded FRR's type 5")
    wait_for(lambda: ("next-hop length 16" in open(exa.received).read(), None), 30,
             "ExaBGP's reason for resetting")
