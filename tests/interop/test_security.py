"""Transport security and admission, each seen from real clients (meshbgp
only: BIRD as RS has other keys):
  - TCP MD5 (RFC 2385): FRR and BIRD with the allow range's key and a static
    FRR neighbor with its own key come up and exchange routes; FRR with a
    wrong key or none never gets a session;
  - a static neighbor's own `password` (set, or "" for none) replaces its
    group's key, on our connects and on the listening sockets, and a reload
    that changes only that password resets only that neighbor;
  - GTSM (RFC 5082): FRR with `ttl-security hops 1` comes up (we send TTL
    255); FRR without it sends TTL 1 and is never admitted;
  - max_prefixes_restart: after 6/1 the peer's reconnections are refused;
  - passwords are in no log, no bgpctl output and not in --print-config."""

import re
import signal
import time

import pytest

from conftest import KEEP
from lab import topologies
from lab.netns import run
from lab.peers.secured import LAB_MD5_KEY, LAB_NEIGHBOR_MD5_KEY, LAB_STATIC_MD5_KEY, WRONG_MD5_KEY
from lab.route_server import meshbgp_bgpd, rs_kind
from lab.wait import wait_for

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="meshbgp's security keys")

GOOD = ["frr_md5", "bird_md5", "frr_static", "frr_gtsm"]
NEVER = ["frr_wrong", "frr_nokey", "frr_ttl1"]
# Static neighbors whose own password decides (topologies.security_lab).
NEIGHBOR_KEYED = ["frr_nbkey", "frr_nbover", "frr_nbnone"]
SECRETS = [LAB_MD5_KEY, LAB_STATIC_MD5_KEY, LAB_NEIGHBOR_MD5_KEY, WRONG_MD5_KEY]


@pytest.fixture(scope="module")
def sec():
    lab = topologies.security_lab(keep_dir=KEEP).start()
    yield lab
    lab.close()


def test_md5_and_gtsm_clients_exchange_routes(sec):
    sec.wait_converged([sec.peers[n] for n in GOOD])
    summary = sec.rs.summary()
    for n in GOOD:
        assert summary[sec.peers[n].ip]["state"] == "Established", summary


def assert_never_established(sec, name: str, summary: dict, md5: bool = True) -> None:
    """`name` never had a session. With an MD5 mismatch (md5) the kernels
    dropped every SYN both ways: no OPEN was ever received on either side."""
    frr = sec.peers[name]
    nb = frr.neighbor()
    assert nb.get("bgpState") != "Established", (name, nb.get("bgpState"))
    assert nb.get("connectionsEstablished", 0) == 0, (name, nb)
    if md5:
        assert nb.get("messageStats", {}).get("opensRecv", 0) == 0, (name, nb.get("messageStats"))
        state = summary.get(frr.ip, {}).get("state")
        assert state in (None, "Idle", "Active", "Connect"), (name, state)


def test_wrong_missing_key_and_low_ttl_never_establish(sec):
    sec.wait_converged([sec.peers[n] for n in GOOD])
    # Every one of them has had time for several attempts (connect retry 1 s).
    time.sleep(5)
    summary = sec.rs.summary()
    for n in NEVER:
        # (GTSM applies from the accepted connection on: frr_ttl1 gets our OPEN,
        # but its own packets, TTL 1, never reach bgpd.)
        assert_never_established(sec, n, summary, md5=n != "frr_ttl1")
    # The good ones never noticed.
    for n in GOOD:
        assert sec.peers[n].session_state() == "Established"


def test_neighbor_password_overrides_the_groups_key(sec):
    """frr_nbkey: own key in a group without one; frr_nbover: own key instead
    of its group's; frr_nbnone: `password: ""` in a keyed group, FRR without
    a key. All three come up and exchange routes. frr_nbwrong has its
    group's key, but its neighbor entry has another one: never a session."""
    sec.wait_converged([sec.peers[n] for n in GOOD + NEIGHBOR_KEYED])
    time.sleep(5)  # several connect attempts each way for frr_nbwrong
    summary = sec.rs.summary()
    for n in NEIGHBOR_KEYED:
        assert summary[sec.peers[n].ip]["state"] == "Established", (n, summary)
        assert sec.peers[n].session_state() == "Established", n
    assert_never_established(sec, "frr_nbwrong", summary)


def test_max_prefixes_restart_holds_the_peer_down(sec):
    limited = sec.peers["limited"]
    wait_for(lambda: (limited.neighbor().get("lastErrorCodeSubcode") == "0601", limited.neighbor().get("bgpState")),
             30, "the limited client to get Cease / Maximum Number of Prefixes Reached")
    log = sec.rs.process
    wait_for(lambda: (re.search(rf"connection from {re.escape(limited.ip)} refused: held down \d+s more",
                                log.log_text()) is not None, log.log_tail(5)),
             30, "its reconnection refused while held down")
    assert limited.neighbor().get("connectionsEstablished") == 1


def test_passwords_are_never_shown(sec):
    sec.wait_converged([sec.peers[n] for n in GOOD])
    outputs = {
        "log": sec.rs.process.log_text(),
        "show summary -j": sec.rs.bgpctl("-j", "show", "summary"),
        "show neighbor -j": sec.rs.bgpctl("-j", "show", "neighbor"),
        "show neighbor": sec.rs.bgpctl("show", "neighbor"),
        "--print-config": run([meshbgp_bgpd(), "--print-config", "-c", sec.rs.conf]).stdout,
    }
    for what, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} shown in {what}"
    keyed = sum(1 for g in sec.spec.groups if g.password) + sum(1 for n in sec.spec.neighbors if n.password)
    assert keyed == 5
    assert outputs["--print-config"].count('password: "<redacted>"') == keyed, outputs["--print-config"]


def test_reload_changing_only_a_neighbor_password_resets_only_it(sec):
    """Last: it changes the lab. frr_nbwrong's own key removed: the group's
    key, which its FRR has, applies on the listener and on our connects; it
    comes up after a SIGHUP, and the other neighbors' sessions stay."""
    sec.wait_converged([sec.peers[n] for n in GOOD + NEIGHBOR_KEYED])
    others = {n: sec.peers[n].session_mark() for n in ["frr_static"] + NEIGHBOR_KEYED}
    wrong = sec.peers["frr_nbwrong"]
    next(n for n in sec.spec.neighbors if n.address == wrong.ip).password = None
    sec.rs.write_config()
    sec.rs.send_signal(signal.SIGHUP)
    sec.specs["frr_nbwrong"].accepted = True
    sec.wait_established([wrong])
    sec.wait_converged()  # its routes everywhere, everyone's at its FRR
    assert {n: sec.peers[n].session_mark() for n in others} == others
