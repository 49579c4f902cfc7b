"""The labs the interop tests (and scripts/demo) run, built from scenario's
pieces. Each returns an unstarted RsLab; call start() or use `with`."""

from __future__ import annotations

from .bgp_capture import Capture
from .route_server import RsGroup, RsNeighbor, RsSpec
from .routes import Announcement
from .scenario import (CLIENT_AS_RANGE, DYNAMIC_RANGE, LIMITED_RANGE, RS_ASN, RS_IP, ClientSpec, RsLab,
                       client_address, standard_announcements)

# Relay lab: one client of each kind; FRR is a static neighbor outside the
# allow range, the others are dynamic. "victim" exists to be killed.
RELAY_CLIENTS = [
    ("frr", "frr", 11, 1),
    ("gobgp", "gobgp", 12, 0),
    ("bird", "bird", 13, 0),
    ("openbgpd", "openbgpd", 14, 0),
    ("exabgp", "exabgp", 15, 0),
]
VICTIM = ("victim", "gobgp", 16, 0)
MAX_PREFIXES = 2


def _client(name: str, kind: str, index: int, subnet: int, **kw) -> ClientSpec:
    return ClientSpec(name, kind, index, subnet=subnet, announcements=standard_announcements(kind, index), **kw)


def relay_lab(route_server: bool = True, with_victim: bool = True, kinds: list[str] | None = None,
              label: str | None = None, kind: str | None = None, keep_dir: bool = False) -> RsLab:
    """Every kind of client around the RS. route_server=False makes the RS
    prepend its AS (meshbgp `route_server: false`, BIRD without `rs client`)."""
    rows = [r for r in RELAY_CLIENTS if kinds is None or r[1] in kinds]
    if with_victim:
        rows.append(VICTIM)
    clients = [_client(*r) for r in rows]
    statics = [c for c in clients if c.subnet == 1]
    spec = RsSpec(
        asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP,
        groups=[RsGroup("CLIENTS", allow=[DYNAMIC_RANGE], peer_as=[CLIENT_AS_RANGE], route_server=route_server),
                RsGroup("STATIC", route_server=route_server, passive=False)],
        neighbors=[RsNeighbor(c.address, 65000 + c.index, "STATIC") for c in statics],
    )
    return RsLab(label or ("relay" if route_server else "rsfalse"), spec, clients, rs_prepends=not route_server,
                 kind=kind, keep_dir=keep_dir, check_med=route_server)


def evpn_group(name: str = "CLIENTS", allow: str = DYNAMIC_RANGE, **kw) -> RsGroup:
    """Clients from `allow` that may negotiate IPv4 unicast and L2VPN EVPN."""
    return RsGroup(name, allow=[allow], peer_as=[CLIENT_AS_RANGE], families=("ipv4", "evpn"), **kw)


def evpn_lab(label: str, clients: list[ClientSpec], extra_groups: list[RsGroup] = (), capture: bool = False,
             keep_dir: bool = False) -> RsLab:
    """Every client in evpn_group() (or in one of extra_groups). capture=True
    sets lab.capture: a capture in the RS's namespace from before the RS
    starts, so that the wire shows every UPDATE."""
    spec = RsSpec(asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP, groups=[evpn_group(), *extra_groups])
    lab = RsLab(label, spec, clients, keep_dir=keep_dir)
    if capture:
        def start_capture(node) -> None:
            lab.capture = Capture(node)
        lab.on_rs_node = start_capture
    return lab


def rejects_lab(kind: str | None = None, keep_dir: bool = False) -> RsLab:
    """Two good clients plus three the RS must refuse:
      badas    FRR from the allow range with an AS outside peer_as (2/2 expected)
      outside  FRR from 10.0.2.0/24, outside every allow range (closed before OPEN)
      limited  FRR in the max_prefixes group announcing one prefix too many (6/1)
    and two daemon-less nodes for raw connection probes, one outside and one
    inside the allow range."""
    limited_ann = [Announcement(f"10.24.{n}.0/24", communities=(f"65024:{n}",)) for n in range(1, MAX_PREFIXES + 2)]
    clients = [
        _client("gobgp", "gobgp", 12, 0),
        _client("exabgp", "exabgp", 15, 0),
        _client("badas", "frr", 22, 0, asn=64999, accepted=False),
        _client("outside", "frr", 23, 2, accepted=False),
        ClientSpec("limited", "frr", 24, subnet=3, announcements=limited_ann, accepted=False),
    ]
    spec = RsSpec(
        asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP,
        groups=[RsGroup("CLIENTS", allow=[DYNAMIC_RANGE], peer_as=[CLIENT_AS_RANGE]),
                RsGroup("LIMITED", allow=[LIMITED_RANGE], peer_as=[CLIENT_AS_RANGE], max_prefixes=MAX_PREFIXES)],
        # BIRD's dynamic sessions take any external AS; a fixed-AS neighbor makes
        # BIRD send the same Bad Peer AS that meshbgp sends for a peer_as miss.
        neighbors=[RsNeighbor(client_address(22), 65022, "CLIENTS", only_for="bird")],
    )
    return RsLab("rejects", spec, clients, kind=kind, keep_dir=keep_dir,
                 probe_nodes={"probe_outside": client_address(31, 2), "probe_inside": client_address(31, 0)})


# Operations lab (test_operations.py): reloads, neighbor actions, route
# refresh and shutdown, each seen from the clients.
OPS_LIMIT = 10           # max_prefixes of group LIMITED at start...
OPS_LIMIT_RELOADED = 5   # ...and after the first reload (still above what "limited" sends)


def ops_lab(kind: str | None = None, keep_dir: bool = False) -> RsLab:
    """Clients in three groups, so that a reload can change one and leave the others alone:
      frr, gobgp  static neighbors (STATIC); frr is cleared, downed and upped, asks for route refresh
      bird, exabgp  dynamic (CLIENTS)
      limited   BIRD in LIMITED (max_prefixes OPS_LIMIT): a reload changes the limit (6/6)
      leaving   BIRD static neighbor that a reload removes (6/3)
      newcomer  FRR static neighbor only a reload adds: refused before OPEN until then
      quiet     passive FRR static neighbor started after the RS, announcing nothing:
                only the RS can open its session (not waited for at start)
    GoBGP is static so that the RS connects to it at once (GoBGP waits 5-10 s
    before its own first connect); most clients are BIRD, whose CLI is fast."""
    clients = [
        ClientSpec("frr", "frr-nogr", 11, subnet=1, announcements=standard_announcements("frr", 11)),
        _client("gobgp", "gobgp", 12, 1),
        _client("bird", "bird", 13, 0),
        _client("exabgp", "exabgp", 15, 0),
        _client("limited", "bird", 24, 3),
        _client("leaving", "bird", 25, 1),
        _client("newcomer", "frr", 26, 1, accepted=False),
        ClientSpec("quiet", "frr-passive", 27, subnet=1, accepted=False),
    ]
    spec = RsSpec(
        asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP,
        groups=[RsGroup("CLIENTS", allow=[DYNAMIC_RANGE], peer_as=[CLIENT_AS_RANGE]),
                RsGroup("STATIC", passive=False),
                RsGroup("LIMITED", allow=[LIMITED_RANGE], peer_as=[CLIENT_AS_RANGE], max_prefixes=OPS_LIMIT)],
        neighbors=[RsNeighbor(client_address(i, 1), 65000 + i, "STATIC") for i in (11, 12, 25, 27)],
    )
    return RsLab("ops", spec, clients, kind=kind, keep_dir=keep_dir)


# 4-octet AS lab (test_four_octet_as.py): the RS has a 4-octet AS, one
# client speaks only 2-octet ASNs (RFC 6793).
RS_ASN4 = 4259840001          # 65000.1 in asdot
FOUR_OCTET_CLIENT_AS = 4200000011
FOUR_OCTET_HOP = 4200000099   # a 4-octet AS in the path the 2-octet client sends


def four_octet_lab(kind: str | None = None, keep_dir: bool = False) -> RsLab:
    """RS AS 4259840001 with route_server: false (it prepends its AS), an
    FRR client with a 4-octet AS and a 2-octet-only ExaBGP client whose
    path holds a 4-octet ASN, which only AS4_PATH can carry."""
    clients = [
        ClientSpec("frr4", "frr", 11, asn=FOUR_OCTET_CLIENT_AS,
                   announcements=[Announcement("10.11.1.0/24", communities=("65011:1",))]),
        ClientSpec("exabgp2", "exabgp-as2", 15,
                   announcements=[Announcement("10.15.1.0/24", prepend=(FOUR_OCTET_HOP, 65100)),
                                  Announcement("10.15.2.0/24")]),
    ]
    spec = RsSpec(asn=RS_ASN4, router_id=RS_IP, listen_ip=RS_IP,
                  groups=[RsGroup("CLIENTS", allow=[DYNAMIC_RANGE], route_server=False)])
    return RsLab("asn4", spec, clients, rs_prepends=True, kind=kind, keep_dir=keep_dir, check_med=False)


# Security lab (test_security.py): TCP MD5 on an allow range and on a static
# neighbor, GTSM, and max_prefixes with a restart timer; clients with the
# right settings come up, the others never do.
SEC_MD5_KEY_GROUP = "MD5"
SEC_LIMIT = 1
SEC_RESTART = "60s"


def security_lab(kind: str | None = None, keep_dir: bool = False) -> RsLab:
    """  frr_md5     FRR in the MD5 allow range with the right key
      bird_md5    BIRD in the MD5 allow range with the right key
      frr_static  FRR static neighbor of group STATIC_MD5, its own key; the RS connects
      frr_nbkey   FRR static neighbor of group STATIC (no key) with a neighbor password
      frr_nbover  FRR static neighbor of STATIC_MD5 whose neighbor password overrides the group's
      frr_nbnone  FRR without a key, static neighbor of STATIC_MD5 with `password: ""`
      frr_nbwrong FRR with STATIC_MD5's key, static neighbor of STATIC_MD5 with a
                  neighbor password of its own (never Established)
      frr_wrong   FRR in the MD5 range with a wrong key       (never Established)
      frr_nokey   FRR in the MD5 range without a key          (never Established)
      frr_gtsm    FRR with ttl-security hops 1 in group GTSM
      frr_ttl1    FRR without GTSM in group GTSM: TTL 1 < 255 (never Established)
      limited     FRR announcing 2 prefixes in a group with max_prefixes 1 and
                  max_prefixes_restart: reset with 6/1, then held down"""
    from .peers.secured import LAB_MD5_KEY, LAB_NEIGHBOR_MD5_KEY, LAB_STATIC_MD5_KEY
    clients = [
        ClientSpec("frr_md5", "frr-md5", 11, announcements=standard_announcements("frr", 11)),
        ClientSpec("bird_md5", "bird-md5", 13, announcements=standard_announcements("bird", 13)),
        ClientSpec("frr_static", "frr-md5-static", 12, subnet=1, announcements=standard_announcements("frr", 12)),
        ClientSpec("frr_nbkey", "frr-md5-neighbor", 14, subnet=1, announcements=standard_announcements("frr", 14)),
        ClientSpec("frr_nbover", "frr-md5-neighbor", 15, subnet=1, announcements=standard_announcements("frr", 15)),
        ClientSpec("frr_nbnone", "frr", 16, subnet=1, announcements=standard_announcements("frr", 16)),
        ClientSpec("frr_nbwrong", "frr-md5-static", 17, subnet=1, accepted=False,
                   announcements=standard_announcements("frr", 17)),
        ClientSpec("frr_wrong", "frr-md5-wrong", 21, accepted=False),
        ClientSpec("frr_nokey", "frr", 22, accepted=False),
        ClientSpec("frr_gtsm", "frr-gtsm", 24, subnet=4, announcements=standard_announcements("frr", 24)),
        ClientSpec("frr_ttl1", "frr", 25, subnet=4, accepted=False),
        ClientSpec("limited", "frr", 26, subnet=3, accepted=False,
                   announcements=[Announcement(f"10.26.{n}.0/24") for n in (1, 2)]),
    ]
    spec = RsSpec(
        asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP,
        groups=[RsGroup(SEC_MD5_KEY_GROUP, allow=[DYNAMIC_RANGE], peer_as=[CLIENT_AS_RANGE], password=LAB_MD5_KEY),
                RsGroup("STATIC_MD5", passive=False, password=LAB_STATIC_MD5_KEY),
                RsGroup("STATIC", passive=False),
                RsGroup("GTSM", allow=["10.0.4.0/24"], peer_as=[CLIENT_AS_RANGE], ttl_security=True),
                RsGroup("LIMITED", allow=[LIMITED_RANGE], peer_as=[CLIENT_AS_RANGE], max_prefixes=SEC_LIMIT,
                        max_prefixes_restart=SEC_RESTART)],
        neighbors=[RsNeighbor(client_address(12, 1), 65012, "STATIC_MD5"),
                   RsNeighbor(client_address(14, 1), 65014, "STATIC", password=LAB_NEIGHBOR_MD5_KEY),
                   RsNeighbor(client_address(15, 1), 65015, "STATIC_MD5", password=LAB_NEIGHBOR_MD5_KEY),
                   RsNeighbor(client_address(16, 1), 65016, "STATIC_MD5", password=""),
                   RsNeighbor(client_address(17, 1), 65017, "STATIC_MD5", password=LAB_NEIGHBOR_MD5_KEY)],
        # Our first advertisements wait for every static neighbor's End-of-RIB
        # (RFC 4724 selection deferral): frr_nbwrong never comes up, so bound
        # that wait well below the lab's convergence timeout.
        extra_yaml="graceful_restart: { select_defer_time: 3 }",
    )
    return RsLab("security", spec, clients, kind=kind, keep_dir=keep_dir)


# Graceful restart lab (test_graceful_restart.py): RFC 4724 in both roles.
def graceful_restart_lab(kind: str | None = None, keep_dir: bool = False) -> RsLab:
    """  helper     FRR with graceful restart, static neighbor: keeps the RS's
                 routes as stale while the RS restarts (static because FRR 8.4
                 in helper mode stays Active after one refused connect: the
                 RS's restart ends when the RS connects to it)
      announcer  plain FRR static neighbor: the RS waits for its End-of-RIB
                 after a restart; it withdraws a route while the RS is down
      restarter  FRR with graceful restart (dynamic, restart time 30 s):
                 killed and started again; the RS keeps its routes meanwhile"""
    clients = [
        ClientSpec("helper", "frr-gr", 11, subnet=1, announcements=[Announcement("10.11.1.0/24")]),
        ClientSpec("announcer", "frr", 12, subnet=1,
                   announcements=[Announcement(f"10.12.{n}.0/24", communities=(f"65012:{n}",)) for n in (1, 2, 3)]),
        ClientSpec("restarter", "frr-gr", 13,
                   announcements=[Announcement(f"10.13.{n}.0/24", med=n) for n in (1, 2, 3)]),
    ]
    spec = RsSpec(
        asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP,
        groups=[RsGroup("CLIENTS", allow=[DYNAMIC_RANGE], peer_as=[CLIENT_AS_RANGE]),
                RsGroup("STATIC", passive=False)],
        neighbors=[RsNeighbor(client_address(i, 1), 65000 + i, "STATIC") for i in (11, 12)],
    )
    return RsLab("gr", spec, clients, kind=kind, keep_dir=keep_dir)
