"""The MRT update log (mrt.updates, docs/mrt.md): a route server whose
config logs with a 2-second rotation; FRR and GoBGP clients announce their
standard routes, then one more prefix each, which they withdraw. Debian's
bgpdump reads every file: each announced prefix is there with its peer,
peer AS and attributes as the client sent them, each withdrawn prefix is
there as a withdrawal from its peer, every client's session is seen going
Established, and the 2-second interval made more than one file."""

from __future__ import annotations

import glob
import os
import time

import pytest

from lab.netns import run
from lab.route_server import RsGroup, RsSpec, rs_kind
from lab.routes import Announcement
from lab.scenario import CLIENT_AS_RANGE, DYNAMIC_RANGE, RS_ASN, RS_IP, ClientSpec, RsLab, standard_announcements
from lab.wait import wait_for

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="mrt.updates is meshbgp's own")

BGPDUMP = "/usr/bin/bgpdump"
KEEP = os.environ.get("MESHBGP_INTEROP_KEEP", "") not in ("", "0")
INTERVAL_S = 2


@pytest.fixture(scope="module")
def mrt_lab(tmp_path_factory):
    if not os.access(BGPDUMP, os.X_OK):
        pytest.skip("bgpdump is not installed (scripts/setup --test)")
    out = tmp_path_factory.mktemp("mrt-updates")
    pattern = str(out / "updates.%Y%m%d.%H%M%S.mrt")
    spec = RsSpec(asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP,
                  groups=[RsGroup("CLIENTS", allow=[DYNAMIC_RANGE], peer_as=[CLIENT_AS_RANGE])],
                  extra_yaml=f'mrt: {{ updates: {{ file: "{pattern}", interval: {INTERVAL_S}s }} }}')
    clients = [ClientSpec("frr", "frr", 11, announcements=standard_announcements("frr", 11)),
               ClientSpec("gobgp", "gobgp", 12, announcements=standard_announcements("gobgp", 12))]
    with RsLab("mrtupd", spec, clients, keep_dir=KEEP) as lab:
        lab.wait_converged()
        yield lab, out


def dump_lines(out) -> tuple[list[str], list[list[str]]]:
    files = sorted(glob.glob(str(out / "updates.*.mrt")))
    lines = []
    for f in files:
        lines += [line.split("|") for line in run([BGPDUMP, "-m", f]).stdout.splitlines() if line]
    return files, lines


def announced(lines) -> dict[tuple[str, str], list[dict]]:
    """(peer, prefix) -> every announcement of it in the log."""
    got: dict[tuple[str, str], list[dict]] = {}
    for f in lines:
        if f[0] != "BGP4MP" or f[2] != "A":
            continue
        # BGP4MP|time|A|peer ip|peer as|prefix|as path|origin|next hop|local pref|med|communities|...
        got.setdefault((f[3], f[5]), []).append(
            {"peer_as": int(f[4]), "as_path": [int(a) for a in f[6].split()], "next_hop": f[8],
             "med": int(f[10]) if f[10] not in ("", "0") else None,
             "communities": sorted(c for c in f[11].split() if c.count(":") == 1)})
    return got


def test_every_announcement_and_withdrawal_is_logged_with_its_peer(mrt_lab):
    lab, out = mrt_lab
    extra = {}
    for p in lab.live_peers():
        a = Announcement(f"10.{p.asn - 65000}.77.0/24", med=77, communities=(f"{p.asn}:77",))
        p.announce(a)
        extra[p.name] = a
    lab.wait_converged()
    for p in lab.live_peers():
        p.withdraw(extra[p.name].prefix)
    lab.wait_converged()

    def logged():
        files, lines = dump_lines(out)
        withdrawn = {(f[3], int(f[4]), f[5]) for f in lines if f[0] == "BGP4MP" and f[2] == "W"}
        want = {(p.ip, p.asn, extra[p.name].prefix) for p in lab.live_peers()}
        return want <= withdrawn, (files, sorted(withdrawn))
    files, _ = wait_for(logged, 10, "every withdrawal in the update log")
    _, lines = dump_lines(out)
    got = announced(lines)
    for p in lab.live_peers():
        for a in [*p.announced.values(), extra[p.name]]:
            r = p.originated(a).as_received(p.ip, p.asn)
            want = {"peer_as": p.asn, "as_path": r["as_path"], "next_hop": r["next_hop"],
                    "med": r["med"] or None, "communities": sorted(r["communities"])}
            assert want in got.get((p.ip, a.prefix), []), \
                f"{p.name}'s {a.prefix}: want {want}, logged {got.get((p.ip, a.prefix))}"
    # Nobody else announced or withdrew these prefixes.
    peers = {(p.ip, p.asn) for p in lab.live_peers()}
    assert {(f[3], int(f[4])) for f in lines if f[0] == "BGP4MP" and f[2] in ("A", "W")} <= peers


def test_state_changes_are_logged(mrt_lab):
    lab, out = mrt_lab
    _, lines = dump_lines(out)
    # BGP4MP|time|STATE|peer ip|peer as|old|new; 6 = Established.
    established = {(f[3], int(f[4])) for f in lines if f[0] == "BGP4MP" and f[2] == "STATE" and f[6] == "6"}
    assert {(p.ip, p.asn) for p in lab.live_peers()} <= established, established


def test_a_short_interval_rotates_into_several_files(mrt_lab):
    lab, out = mrt_lab
    first, _ = dump_lines(out)
    time.sleep(2 * INTERVAL_S + 1)
    files, _ = dump_lines(out)
    assert len(first) >= 1, first
    # A quiet period still gets its file: one per interval.
    assert len(files) >= len(first) + 2, (first, files)


def test_sighup_with_a_new_file_pattern_switches_files_at_once(mrt_lab):
    lab, out = mrt_lab
    moved = out / "moved"
    moved.mkdir()
    lab.rs.spec.extra_yaml = f'mrt: {{ updates: {{ file: "{moved}/u.%s.mrt", interval: 60s }} }}'
    lab.rs.write_config()
    lab.rs.send_signal()
    p = lab.peers["gobgp"]
    a = Announcement(f"10.{p.asn - 65000}.78.0/24")
    wait_for(lambda: (len(glob.glob(str(moved / "u.*.mrt"))) == 1, sorted(os.listdir(moved))), 10,
             "a file under the new pattern")
    p.announce(a)
    try:
        def logged():
            lines = [line.split("|") for f in glob.glob(str(moved / "u.*.mrt"))
                     for line in run([BGPDUMP, "-m", f]).stdout.splitlines()]
            return any(f[2] == "A" and f[3] == p.ip and f[5] == a.prefix for f in lines), lines
        wait_for(logged, 10, f"{a.prefix} in the new file")
    finally:
        p.withdraw(a.prefix)
