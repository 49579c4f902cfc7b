"""L2VPN EVPN through the route server: what GoBGP client A originates
(MAC/IP routes, an inclusive-multicast route with a PMSI tunnel, an IP
prefix route) reaches GoBGP client B and an FRR client exactly as A sent it
- RD, ESI, Ethernet tag, MAC, IP, labels, MP_REACH next hop, route targets,
PMSI - a withdrawal propagates, and a client that negotiated only IPv4
never gets an EVPN route. Checked in each client's own output."""

from __future__ import annotations

import pytest

from conftest import KEEP
from lab.peers.frr import evpn_paths
from lab.route_server import rs_kind
from lab.scenario import RS_IP, ClientSpec
from lab.topologies import evpn_lab as make_evpn_lab
from lab.wait import wait_for

A_IP = "10.0.0.12"
RD = f"{A_IP}:100"
ROUTES = [  # gobgp `global rib add -a evpn` arguments
    ["macadv", "02:00:00:00:00:01", "10.1.0.5", "esi", "ARBITRARY", "11:22:33:44:55:66:77:88:99",
     "etag", "0", "label", "100,200", "rd", RD, "rt", "65012:100", "encap", "vxlan"],
    ["macadv", "02:00:00:00:00:02", "10.1.0.6", "etag", "0", "label", "100", "rd", RD,
     "rt", "65012:100", "encap", "vxlan"],
    ["multicast", A_IP, "etag", "0", "rd", RD, "rt", "65012:100", "encap", "vxlan",
     "pmsi", "ingress-repl", "100", A_IP],
    ["prefix", "10.9.0.0/24", "gw", A_IP, "etag", "0", "rd", RD, "rt", "65012:100", "label", "5000",
     "encap", "vxlan", "router-mac", "02:00:00:00:00:11"],
]
WITHDRAWN_MAC = "02:00:00:00:00:02"

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="EVPN relay is a meshbgp feature test")


@pytest.fixture(scope="module")
def evpn_lab():
    clients = [
        ClientSpec("frr", "frr-evpn", 11),
        ClientSpec("a", "gobgp-evpn", 12),
        ClientSpec("b", "gobgp-evpn", 16),
        ClientSpec("v4only", "gobgp", 17),
    ]
    lab = make_evpn_lab("evpn", clients, keep_dir=KEEP).start()
    lab.peers["a"].add_evpn(ROUTES)
    yield lab
    lab.close()


def sent_by_a(lab) -> dict:
    own = lab.peers["a"].evpn_routes(received=False)
    assert len(own) == len(ROUTES), f"A's own EVPN table: {sorted(own)}"
    return own


def test_gobgp_receives_evpn_routes_unchanged(evpn_lab):
    expected = sent_by_a(evpn_lab)
    b = evpn_lab.peers["b"]
    got = wait_for(lambda: (b.evpn_routes() == expected, b.evpn_routes()), 20,
                   "B's EVPN table equal to what A sent")
    # The comparison covers every field the task names.
    macs = [r["nlri"]["value"] for r in got.values() if r["nlri"]["type"] == 2]
    assert any(m.get("labels") == [100, 200] and "11:22:33:44:55:66:77:88:99" in m.get("esi", "") for m in macs)
    assert all(r["next_hop"] == A_IP for r in got.values())
    assert any(r["pmsi"] and r["pmsi"].get("tunnel-id") == A_IP for r in got.values())


def frr_view(frr) -> dict[str, dict]:
    out = {}
    for key, p in evpn_paths(frr.evpn_json()):
        if p.get("peerId") not in (None, RS_IP):
            continue
        out[key] = {"next_hop": [n.get("ip") for n in p.get("nexthops", [])],
                    "ext": (p.get("extendedCommunity") or {}).get("string", "")}
    return out


def test_frr_receives_evpn_routes_unchanged(evpn_lab):
    frr = evpn_lab.peers["frr"]
    view = wait_for(lambda: (len(frr_view(frr)) == len(ROUTES), frr_view(frr)), 20,
                    f"FRR holds {len(ROUTES)} EVPN routes")
    text = frr.vtysh("show bgp l2vpn evpn")
    for needle in ("02:00:00:00:00:01", "10.1.0.5", "02:00:00:00:00:02", "10.9.0.0", RD):
        assert needle in text, f"{needle} missing from FRR's EVPN table:\n{text}"
    for key, r in view.items():
        assert r["next_hop"] == [A_IP], (key, r)
        assert "RT:65012:100" in r["ext"], (key, r)
    detail = frr.vtysh(f"show bgp l2vpn evpn route rd {RD} mac 02:00:00:00:00:01 ip 10.1.0.5")
    assert "ESI 00:11:22:33:44:55:66:77:88:99" in detail and "VNI 100/200" in detail, detail
    assert f"{A_IP} from {RS_IP}" in detail, detail
    detail = frr.vtysh(f"show bgp l2vpn evpn route rd {RD} type multicast")
    assert "PMSI" in detail, detail


def test_ipv4_only_client_gets_no_evpn(evpn_lab):
    """No client announces IPv4 here: the IPv4-only client's one UPDATE is
    the IPv4 End-of-RIB. Any EVPN UPDATE sent to it would count too."""
    v4 = evpn_lab.peers["v4only"]
    wait_for(lambda: (len(evpn_lab.peers["b"].evpn_routes()) == len(ROUTES), None), 20, "B converged")
    assert v4.session_state() == "Established"
    assert v4.updates_received() == 1
    assert not v4.evpn_routes()


def test_type2_withdrawal_propagates(evpn_lab):
    a, b, frr = evpn_lab.peers["a"], evpn_lab.peers["b"], evpn_lab.peers["frr"]
    wait_for(lambda: (len(b.evpn_routes()) == len(ROUTES), b.evpn_routes()), 20, "B converged")
    withdrawn = next(r for r in ROUTES if WITHDRAWN_MAC in r)
    a.cli("global", "rib", "del", "-a", "evpn", *withdrawn)
    expected = a.evpn_routes(received=False)
    assert len(expected) == len(ROUTES) - 1
    wait_for(lambda: (b.evpn_routes() == expected, b.evpn_routes()), 20, "B lost the withdrawn MAC route")
    wait_for(lambda: (WITHDRAWN_MAC not in frr.vtysh("show bgp l2vpn evpn"), frr.vtysh("show bgp l2vpn evpn")),
             20, "FRR lost the withdrawn MAC route")
    assert "02:00:00:00:00:01" in frr.vtysh("show bgp l2vpn evpn")


def test_evpn_routes_go_when_their_source_goes_down(evpn_lab):
    """Last in the module: kills A. Its remaining EVPN routes leave B and FRR."""
    a, b, frr = evpn_lab.peers["a"], evpn_lab.peers["b"], evpn_lab.peers["frr"]
    wait_for(lambda: (len(b.evpn_routes()) > 0, b.evpn_routes()), 20, "B holds A's EVPN routes")
    a.kill()
    wait_for(lambda: (b.evpn_routes() == {}, b.evpn_routes()), 20, "B lost every EVPN route of the dead A")
    wait_for(lambda: (frr_view(frr) == {}, frr_view(frr)), 20, "FRR lost every EVPN route of the dead A")
