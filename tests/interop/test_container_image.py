"""meshbgp's container image (deploy/Containerfile, scripts/build-image)
run by podman inside a lab namespace, restricted as the Helm chart's pod
is: non-root, read-only root filesystem, only NET_BIND_SERVICE, no
privilege escalation. With the native config it serves an FRR and a BIRD
client; with meshrr's ConfigMap mounted instead (the drop-in for meshrr's
StatefulSets) it relays EVPN between FRR and GoBGP. Every client's own
view is checked, plus what the image holds and how it stops.

Needs the archive of scripts/build-image ($MESHBGP_IMAGE_ARCHIVE or
$MESHBGP_BUILD_DIR/image/meshbgp-*.oci.tar; scripts/test builds it)."""

from __future__ import annotations

import os
import time

import pytest

from conftest import KEEP
from lab.podman import IMAGE_UID, PODMAN, ContainerRouteServer, Podman, image_archive
from lab.route_server import RsGroup, RsSpec, rs_kind
from lab.scenario import CLIENT_AS_RANGE, DYNAMIC_RANGE, RS_ASN, RS_IP, ClientSpec, RsLab, standard_announcements
from lab.wait import wait_for
from test_evpn_relay import A_IP, ROUTES, frr_view

pytestmark = [
    pytest.mark.skipif(rs_kind() != "meshbgp", reason="the image holds meshbgp"),
    pytest.mark.skipif(not os.access(PODMAN, os.X_OK), reason="podman missing (scripts/setup --test)"),
    pytest.mark.skipif(image_archive() is None, reason="no image archive: run scripts/build-image"),
]

CAP_NET_BIND_SERVICE = 1 << 10
MESHRR_ASN = 4259840001  # "65000.1", as in meshrr's example


@pytest.fixture(scope="module")
def podman():
    p = Podman()
    try:
        p.load(image_archive())
        yield p
    finally:
        p.close()


@pytest.fixture(scope="module")
def native_lab(podman):
    clients = [ClientSpec(name, kind, index, announcements=standard_announcements(kind, index))
               for name, kind, index in (("frr", "frr", 11), ("bird", "bird", 13))]
    spec = RsSpec(asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP,
                  groups=[RsGroup("CLIENTS", allow=[DYNAMIC_RANGE], peer_as=[CLIENT_AS_RANGE])])
    lab = RsLab("image", spec, clients, keep_dir=KEEP,
                rs_factory=lambda node, s: ContainerRouteServer(node, s, podman)).start()
    yield lab
    lab.close()


def proc_status(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/status") as f:
        return dict(line.rstrip("\n").split(":\t", 1) for line in f if ":\t" in line)


def test_image_holds_bgpd_bgpctl_and_their_libraries_only(podman):
    files = podman.image_files()
    binaries = sorted(f for f in files if f.startswith("usr/bin/") and not f.endswith("/"))
    assert binaries == ["usr/bin/bgpctl", "usr/bin/bgpd", "usr/bin/meshbgp-entrypoint"], binaries
    regular = [f for f in files if not f.endswith("/")]
    others = [f for f in regular if not f.startswith(("usr/bin/", "usr/lib/", "usr/lib64/"))
              and f not in ("etc/passwd", "etc/group", "etc/nsswitch.conf", "bin", "lib", "lib64")]
    assert not others, others
    assert not [f for f in regular if f.endswith(("/sh", "/bash", "/dash", "/busybox"))]
    config = podman.image_config()
    assert config["Config"]["User"] == f"{IMAGE_UID}:{IMAGE_UID}"
    assert config["Config"]["Entrypoint"] == ["/usr/bin/meshbgp-entrypoint"]
    labels = config["Config"]["Labels"]
    for key in ("version", "revision", "source", "created", "title"):
        assert labels.get(f"org.opencontainers.image.{key}"), (key, labels)


def test_clients_establish_and_routes_are_relayed(native_lab):
    native_lab.wait_converged()
    summary = native_lab.rs.summary()
    assert {a: s["state"] for a, s in summary.items()} == {"10.0.0.11": "Established",
                                                           "10.0.0.13": "Established"}


def test_runs_unprivileged_on_a_read_only_root(native_lab):
    rs = native_lab.rs
    status = proc_status(rs.container_pid())
    assert status["Name"] == "bgpd"
    assert [int(x) for x in status["Uid"].split()] == [IMAGE_UID] * 4
    # podman hands a non-root user its added capabilities as ambient ones;
    # the lab netns keeps the default unprivileged port start (1024), so
    # the bind on 179 did use this capability and nothing else.
    assert int(status["CapEff"], 16) == CAP_NET_BIND_SERVICE, status["CapEff"]
    assert int(status["CapBnd"], 16) == CAP_NET_BIND_SERVICE, status["CapBnd"]
    start = rs.node.exec(["cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start"]).stdout
    assert int(start) > 179, start
    assert status["NoNewPrivs"] == "1"
    with open(f"/proc/{rs.container_pid()}/mounts") as f:
        root = [line.split() for line in f if line.split()[1] == "/"]
    assert root and "ro" in root[-1][3].split(","), root
    # bgpd listens on 179 itself: the container holds nothing else.
    assert rs.node.listening(179)


def test_image_bgpctl_reads_the_socket_the_chart_names(native_lab):
    """`kubectl exec POD -- bgpctl show summary`, as podman exec."""
    out = native_lab.rs.container_exec("bgpctl", "show", "summary").stdout
    assert established_in_summary(out) == {"10.0.0.11", "10.0.0.13"}, out


def established_in_summary(text: str) -> set[str]:
    """Neighbors of `bgpctl show summary` whose State/PrfRcvd is a prefix
    count, i.e. Established (docs/bgpctl.md)."""
    rows = [line.split() for line in text.splitlines()]
    return {r[0] for r in rows if len(r) >= 6 and r[0][0].isdigit() and r[-1].isdigit()}


def test_sigterm_stops_it_cleanly(native_lab):
    """Last of its module: the runtime's SIGTERM reaches bgpd (PID 1 after
    the entrypoint's exec), which closes its sessions and exits 0 well
    within the chart's termination margin."""
    rs, frr = native_lab.rs, native_lab.peers["frr"]
    started = time.monotonic()
    rs.podman("stop", "-t", "30", rs.container, timeout=60)
    assert time.monotonic() - started < 15
    state = rs.podman.inspect(rs.container)["State"]
    assert state["ExitCode"] == 0, state
    wait_for(lambda: (frr.session_state() != "Established", frr.session_state()), 20,
             "FRR sees the session closed")


MESHRR_CONF = f"""\
encrypted_root_pw: NOLOGIN
asn: "65000.1"
mode: evpnrs
bgpgroups:
- {{name: MESHRR-CORE, type: mesh, source: {{sourcetype: dns, hostname: meshrr-core}}}}
- {{name: MESHRR-CLIENTS, type: subtractive, prefixes: [{DYNAMIC_RANGE}], asranges: [{CLIENT_AS_RANGE}]}}
"""


@pytest.fixture(scope="module")
def meshrr_lab(podman):
    clients = [ClientSpec("frr", "frr-evpn", 11), ClientSpec("a", "gobgp-evpn", 12)]
    # What the peers need to know of the RS: the ConfigMap above decides the rest.
    spec = RsSpec(asn=MESHRR_ASN, router_id=RS_IP, listen_ip=RS_IP, groups=[])
    lab = RsLab("imgmeshrr", spec, clients, keep_dir=KEEP,
                rs_factory=lambda node, s: ContainerRouteServer(node, s, podman, meshrr_conf=MESHRR_CONF)).start()
    lab.peers["a"].add_evpn(ROUTES)
    yield lab
    lab.close()


def test_meshrr_configmap_drop_in_relays_evpn(meshrr_lab):
    frr = meshrr_lab.peers["frr"]
    view = wait_for(lambda: (len(frr_view(frr)) == len(ROUTES), frr_view(frr)), 30,
                    f"FRR holds the {len(ROUTES)} EVPN routes of GoBGP A")
    assert all(r["next_hop"] == [A_IP] for r in view.values()), view
    # evpnrs as cRPD runs it: eBGP towards clients, own AS prepended.
    detail = frr.vtysh("show bgp l2vpn evpn route type prefix")
    assert f"{MESHRR_ASN} 65012" in detail, detail
    # The image's bgpctl finds bgpd's default socket: both follow XDG_RUNTIME_DIR.
    out = meshrr_lab.rs.container_exec("bgpctl", "show", "summary").stdout
    assert established_in_summary(out) == {"10.0.0.11", "10.0.0.12"}, out
