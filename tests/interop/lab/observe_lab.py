"""The lab of the observability tests (metrics, looking glass, birdwatcher,
MRT): the RS with its read-only api.http listener at RS_IP:HTTP_PORT, FRR
and GoBGP clients with the standard IPv4 announcements, and a GoBGP client
"a" that originates EVPN routes of types 2, 3 and 5."""

from __future__ import annotations

from .route_server import RsSpec
from .scenario import RS_ASN, RS_IP, ClientSpec, RsLab, standard_announcements
from .topologies import evpn_group

HTTP_PORT = 9179
BASE_URL = f"http://{RS_IP}:{HTTP_PORT}"
EVPN_IP = "10.0.0.16"
EVPN_RD = f"{EVPN_IP}:100"
EVPN_ROUTES = [  # gobgp `global rib add -a evpn` arguments
    ["macadv", "02:00:00:00:00:01", "10.1.0.5", "etag", "0", "label", "100", "rd", EVPN_RD,
     "rt", "65016:100", "encap", "vxlan"],
    ["macadv", "02:00:00:00:00:02", "10.1.0.6", "etag", "0", "label", "100", "rd", EVPN_RD,
     "rt", "65016:100", "encap", "vxlan"],
    ["multicast", EVPN_IP, "etag", "0", "rd", EVPN_RD, "rt", "65016:100", "encap", "vxlan"],
    ["prefix", "10.9.0.0/24", "gw", EVPN_IP, "etag", "0", "rd", EVPN_RD, "rt", "65016:100", "label", "5000",
     "encap", "vxlan", "router-mac", "02:00:00:00:00:11"],
]


def observe_lab(keep_dir: bool = False) -> RsLab:
    clients = [
        ClientSpec("frr", "frr", 11, announcements=standard_announcements("frr", 11)),
        ClientSpec("gobgp", "gobgp", 12, announcements=standard_announcements("gobgp", 12)),
        ClientSpec("a", "gobgp-evpn", 16),
    ]
    spec = RsSpec(asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP, groups=[evpn_group()],
                  http=f"{RS_IP}:{HTTP_PORT}")
    lab = RsLab("observe", spec, clients, keep_dir=keep_dir).start()
    try:
        lab.peers["a"].add_evpn(EVPN_ROUTES)
        lab.wait_converged([lab.peers["frr"], lab.peers["gobgp"]])
    except BaseException:
        lab.close()
        raise
    return lab
