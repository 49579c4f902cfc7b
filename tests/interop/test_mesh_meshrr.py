"""meshrr's example ConfigMap, unchanged, runs two route-server replicas
(`bgpd --meshrr-config`): they find each other through the headless
Service name `meshrr-core` (resolv.conf search domains), form an iBGP EVPN
mesh although their pod addresses are inside the clients' subtractive
`allow` range 192.168.0.0/16, and relay a GoBGP client's EVPN routes to a
client of the other replica with the next hop unchanged and 65000.1
prepended (meshrr's cRPD template has no route-server-client)."""

from __future__ import annotations

import json
import os

import pytest

from lab.mesh_lab import MeshLab
from lab.wait import wait_for

KEEP = os.environ.get("MESHBGP_INTEROP_KEEP", "") not in ("", "0")

# meshrr examples/load-balanced-route-servers, ConfigMap meshrr-conf, as is.
MESHRR_CONF = """encrypted_root_pw: NOLOGIN
asn: "65000.1"
mode: evpnrs
bgpgroups:
- {name: MESHRR-CORE, type: mesh, source: {sourcetype: dns, hostname: meshrr-core}}
- {name: MESHRR-CLIENTS, type: subtractive, prefixes: [192.168.0.0/16], asranges: [65001-65535]}
"""
AS_65000_1 = 65000 * 65536 + 1
REPLICAS = {"rs-a0": "192.168.0.11", "rs-b0": "192.168.0.21"}
CLIENTS = {"c1": ("192.168.0.101", 65001, "rs-a0"), "c2": ("192.168.0.102", 65002, "rs-b0")}
RD = "192.168.0.101:100"
ROUTES = [  # gobgp `global rib add -a evpn` arguments, sent by c1
    ["macadv", "02:00:00:00:00:01", "10.1.0.5", "etag", "0", "label", "100", "rd", RD,
     "rt", "65001:100", "encap", "vxlan"],
    ["multicast", "192.168.0.101", "etag", "0", "rd", RD, "rt", "65001:100", "encap", "vxlan"],
]


@pytest.fixture(scope="module")
def meshrr():
    with MeshLab("meshrr", keep_dir=KEEP, dns_ip="192.168.0.2", mesh_group="MESHRR-CORE",
                 rs_asn=AS_65000_1) as lab:
        for name, ip in REPLICAS.items():
            lab.add_replica(name, ip, MESHRR_CONF, args=["--meshrr-config", "{conf}"])
        for name, (ip, asn, home) in CLIENTS.items():
            lab.add_client(name, "gobgp-evpn", 0, home, ip=ip, asn=asn, announcements=[])
        yield lab.start()


def _as_paths(client) -> dict[str, list[int]]:
    """EVPN route text -> AS path, for the routes the client got from its RS."""
    table = json.loads(client.cli("-j", "global", "rib", "-a", "evpn") or "{}")
    out = {}
    for key, paths in table.items():
        for p in paths:
            if p.get("neighbor-ip") != client.rs_ip:
                continue
            asns = []
            for a in p["attrs"]:
                if a["type"] == 2:
                    for seg in a.get("as_paths", []):
                        asns += seg.get("asns", [])
            out[key] = asns
    return out


def test_example_configmap_forms_the_mesh_as_ibgp(meshrr):
    for r in meshrr.replicas.values():
        [other] = [o for o in meshrr.replicas.values() if o is not r]
        sessions = meshrr.mesh_sessions(r)
        # Inside the subtractive allow range, yet a mesh peer, never a client.
        assert set(sessions) == {other.ip}, r.summary()
        assert sessions[other.ip]["asn"] == AS_65000_1
        status = r.bgpctl_json("show", "status")
        assert status["router_id"] == r.ip and status["asn"] == AS_65000_1
        [g] = [g for g in r.bgpctl_json("show", "mesh")["groups"]]
        assert g["name"] == "MESHRR-CORE" and g["dns"] == "meshrr-core"
        assert sorted(g["resolved"]) == sorted(REPLICAS.values())


def test_evpn_routes_cross_the_mesh_unchanged_with_our_as_prepended(meshrr):
    c1, c2 = meshrr.clients["c1"], meshrr.clients["c2"]
    c1.add_evpn(ROUTES)
    sent = c1.evpn_routes(received=False)
    assert len(sent) == len(ROUTES), sent
    got = wait_for(lambda: (c2.evpn_routes() == sent, c2.evpn_routes()), 20,
                   "c2 (on the other replica) holds c1's EVPN routes as c1 sent them")
    assert all(r["next_hop"] == c1.ip for r in got.values())
    paths = _as_paths(c2)
    assert paths and all(p == [AS_65000_1, c1.asn] for p in paths.values()), paths
    # c1 does not get its own routes back.
    assert c1.evpn_routes() == {}
