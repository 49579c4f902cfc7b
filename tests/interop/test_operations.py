"""Operating meshbgp's bgpd, each step checked from the clients' own view
(ops lab, lab.topologies.ops_lab):
  - reload by SIGHUP and by `bgpctl reload`: a changed group's sessions are
    reset with Cease / Other Configuration Change (6/6), a removed neighbor's
    with Cease / Peer De-configured (6/3), an added neighbor comes up, and
    every other session keeps its uptime and its routes;
  - an invalid file is refused with file:line:column, the running
    configuration stays and no session is touched;
  - `bgpctl neighbor ADDR clear|down|up`: Cease / Administrative Reset (6/4)
    and back; Cease / Administrative Shutdown (6/2) and kept down until `up`;
  - ROUTE-REFRESH from a client: the RS sends its table again;
  - SIGTERM (last: it ends the lab's RS): every client gets Cease /
    Administrative Shutdown with an RFC 9003 message, bgpd exits 0.
Every RS log line checked is one that says why a session went up or down.
The tests share one lab and run in file order; each first waits for the
state it starts from."""

from __future__ import annotations

import re
import signal
import subprocess
import time

import pytest

from conftest import KEEP
from lab import topologies
from lab.observe import RsLog, Untouched, session_lines, wait_notification
from lab.route_server import RsNeighbor, rs_kind
from lab.wait import GiveUp, wait_for

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="reload, bgpctl and shutdown of meshbgp's bgpd")

SHUTDOWN_MESSAGE = "meshbgp shutting down"  # bgpd/daemon/daemon.cc
SHUTDOWN_TIMEOUT = 8.0                      # bgpd gives sessions 3 s to close


@pytest.fixture(scope="module")
def ops():
    lab = topologies.ops_lab(keep_dir=KEEP).start()
    yield lab
    lab.close()


def group(lab, name):
    return next(g for g in lab.spec.groups if g.name == name)


def others(lab, *names):
    return [p for p in lab.live_peers() if p.name not in names]


def group_of(lab, peer):
    statics = {n.address: n.group for n in lab.spec.neighbors}
    if peer.ip in statics:
        return statics[peer.ip]
    return "LIMITED" if peer.ip.startswith("10.0.3.") else "CLIENTS"


def bgpctl_ok(lab, *args):
    r = lab.rs.bgpctl_result(*args)
    assert r.returncode == 0, f"bgpctl {' '.join(args)} exited {r.returncode}: {r.stdout}{r.stderr}"
    return r


# -- reload -------------------------------------------------------------------------
def test_sighup_reload_adds_a_neighbor_and_resets_only_the_changed_group(ops):
    """SIGHUP after adding a static neighbor and lowering LIMITED's
    max_prefixes: the newcomer comes up, the LIMITED client is reset with
    6/6 and comes back, nobody else notices."""
    ops.wait_converged()
    newcomer, limited = ops.peers["newcomer"], ops.peers["limited"]
    watch = Untouched(others(ops, "limited"))
    limited_before, limited_mark = limited.notifications(), limited.session_mark()
    log = RsLog(ops)

    ops.spec.neighbors.append(RsNeighbor(newcomer.ip, newcomer.asn, "STATIC"))
    group(ops, "LIMITED").max_prefixes = topologies.OPS_LIMIT_RELOADED
    ops.rs.write_config()
    ops.rs.send_signal(signal.SIGHUP)

    log.wait(r"configuration reloaded from ", "the reload")
    ops.specs["newcomer"].accepted = True
    wait_notification(limited, limited_before, (6, 6), "Cease / Other Configuration Change")
    ops.wait_established([newcomer, limited])
    assert limited.session_mark() != limited_mark
    ops.wait_converged()  # the newcomer's routes everywhere, limited's back
    watch.check(limited.announced)
    log.wait(session_lines(limited, "LIMITED") + r"sending NOTIFICATION Cease / Other Configuration Change",
             "the 6/6 it sent to the changed group's client")
    log.wait(session_lines(limited, "LIMITED") + r"session down \(Established\): configuration changed",
             "why that session went down")
    log.wait(session_lines(newcomer, "STATIC") + r"session Established", "the added neighbor coming up")


def test_bgpctl_reload_removes_a_neighbor_with_peer_deconfigured(ops):
    ops.wait_converged()
    leaving = ops.peers["leaving"]
    watch = Untouched(others(ops, "leaving"))
    before = leaving.notifications()
    log = RsLog(ops)

    ops.spec.neighbors = [n for n in ops.spec.neighbors if n.address != leaving.ip]
    ops.rs.write_config()
    bgpctl_ok(ops, "reload")

    wait_notification(leaving, before, (6, 3), "Cease / Peer De-configured")
    ops.specs["leaving"].accepted = False
    ops.wait_converged()  # its routes gone from every other client
    watch.check(leaving.announced)
    log.wait(session_lines(leaving, "STATIC") + r"sending NOTIFICATION Cease / Peer De-configured",
             "the 6/3 it sent to the removed neighbor")
    log.wait(session_lines(leaving, "STATIC") + r"session down \(Established\): peer removed from the configuration",
             "why that session went down")
    # BIRD tries again; no neighbor entry and no allow range admit it any more.
    log.wait(rf"connection from {re.escape(leaving.ip)} refused: not a configured neighbor", "the removed peer refused")
    assert leaving.session_state() != "Established"


def _unknown_key(text):
    """The config with an unknown key in the CLIENTS group: (text, line, column, reason)."""
    lines = text.splitlines()
    at = lines.index("  - name: CLIENTS") + 1
    lines.insert(at, "    max_prefix: 3")
    return "\n".join(lines) + "\n", at + 1, 5, 'unknown key "max_prefix"'


def _yaml_syntax_error(text):
    """An unclosed flow sequence at the end: the parser notices at the end of the file."""
    return text + "extra: [1, 2\n", None, None, "YAML"


def _break_config(lab, breakage):
    """Writes a broken config; returns (regex of FILE:LINE:COL, reason text)."""
    broken, line, column, reason = breakage(lab.rs.config_yaml())
    lab.rs.write_config(broken)
    return re.escape(lab.rs.conf) + (rf":{line}:{column}: " if line else r":\d+:\d+: "), reason


@pytest.mark.parametrize("how,breakage", [("bgpctl", _yaml_syntax_error), ("sighup", _unknown_key)],
                         ids=["bgpctl-yaml-syntax", "sighup-unknown-key"])
def test_invalid_file_is_refused_and_the_running_config_stays(ops, how, breakage):
    ops.wait_established(ops.live_peers())
    watch = Untouched(ops.live_peers())
    log = RsLog(ops)
    try:
        where, reason = _break_config(ops, breakage)
        if how == "bgpctl":
            r = ops.rs.bgpctl_result("reload")
            assert r.returncode == 1, f"bgpctl reload of a broken file exited {r.returncode}: {r.stdout}{r.stderr}"
            assert re.search(where, r.stderr) and reason in r.stderr, \
                f"bgpctl reload must print the reason as {ops.rs.conf}:LINE:COL: ..., got: {r.stderr!r}"
        else:
            ops.rs.send_signal(signal.SIGHUP)
            logged = log.wait(r"reload refused, running configuration kept: " + where, "the refused reload")
            assert reason in logged
    finally:
        ops.rs.write_config()
    assert log.count(r"configuration reloaded") == 0
    watch.check([])
    summary = ops.rs.summary()
    assert all(summary.get(p.ip, {}).get("state") == "Established" for p in ops.live_peers()), summary
    # The file is valid again: reloading it changes nothing and resets nobody.
    bgpctl_ok(ops, "reload")
    log.wait(r"configuration reloaded from ", "the reload of the repaired file")
    watch.check([])


def test_bgpctl_reload_of_an_invalid_file_is_logged(ops):
    log = RsLog(ops)
    try:
        where, reason = _break_config(ops, _unknown_key)
        assert ops.rs.bgpctl_result("reload").returncode == 1
    finally:
        ops.rs.write_config()
    logged = log.wait(r"reload refused, running configuration kept: " + where, "the refused reload", timeout=1)
    assert reason in logged


def test_reload_opens_no_connection_to_an_established_static_neighbor(ops):
    frr = ops.peers["frr"]
    ops.wait_established([frr])
    me = ops.rs.bgpctl_json("show", "neighbor", frr.ip)["neighbors"][0]
    if me.get("direction") != "inbound":
        pytest.skip(f"the session with {frr!r} is {me.get('direction')}: only an inbound one shows the bug")
    log = RsLog(ops)
    frr_log_start = len(frr.log_text())
    bgpctl_ok(ops, "reload")  # the same file: nothing changed
    log.wait(r"configuration reloaded from ", "the reload")
    assert log.count(rf"connecting to {re.escape(frr.ip)}:") == 0, log.text()
    assert "BGP connection from host 10.0.0.1" not in frr.log_text()[frr_log_start:], \
        f"{frr!r} got a new connection from the RS while its session was Established"


# -- neighbor clear / down / up -----------------------------------------------------
def test_clear_resets_one_session_with_administrative_reset_and_it_comes_back(ops):
    frr = ops.peers["frr"]
    ops.wait_converged()
    watch = Untouched(others(ops, "frr"))
    before, mark = frr.notifications(), frr.session_mark()
    log = RsLog(ops)

    bgpctl_ok(ops, "neighbor", frr.ip, "clear")

    wait_notification(frr, before, (6, 4), "Cease / Administrative Reset", message="cleared by operator")
    wait_for(lambda: (frr.session_mark() != mark and frr.established(), frr.session_state()), 20,
             f"{frr!r} to be Established again after the clear")
    ops.wait_converged()  # its routes are back at every client, and it has everyone's
    watch.check(frr.announced)
    lines = session_lines(frr, "STATIC")
    log.wait(lines + r'sending NOTIFICATION Cease / Administrative Reset: "cleared by operator"', "the 6/4 sent")
    log.wait(lines + r"session down \(Established\): cleared by operator", "why the session went down")
    log.wait(lines + r"session Established", "the session coming back")


DOWNED_AT: dict[str, float] = {}  # peer name -> time.monotonic() of its last `down`


def _down(lab, peer):
    before = peer.notifications()
    DOWNED_AT[peer.name] = time.monotonic()
    bgpctl_ok(lab, "neighbor", peer.ip, "down")
    return wait_notification(peer, before, (6, 2), "Cease / Administrative Shutdown",
                             message="neighbor down by operator")


def test_down_keeps_a_static_neighbor_down(ops):
    frr = ops.peers["frr"]
    ops.wait_converged()
    watch = Untouched(others(ops, "frr"))
    log = RsLog(ops)

    _down(ops, frr)
    # FRR keeps connecting (1 s retry): each attempt is turned away.
    log.wait(rf"connection from {re.escape(frr.ip)} refused: neighbor is administratively down",
             "the downed neighbor's reconnection refused")
    assert frr.session_state() != "Established"
    ops.specs["frr"].accepted = False
    try:
        ops.wait_converged()  # its routes gone from every other client
    finally:
        ops.specs["frr"].accepted = True
    watch.check(frr.announced)
    entry = ops.rs.bgpctl_json("show", "summary")
    mine = [n for n in entry["neighbors"] if n["address"] == frr.ip]
    assert mine and mine[0]["state"] != "Established" and mine[0].get("last_error") == "administratively down", mine
    log.wait(session_lines(frr, "STATIC") + r"session down \(Established\): administratively down",
             "why the session went down")


def test_summary_of_a_downed_neighbor_counts_from_the_down(ops):
    frr = ops.peers["frr"]
    if frr.established() or frr.name not in DOWNED_AT:
        _down(ops, frr)
    mine = [n for n in ops.rs.bgpctl_json("show", "summary")["neighbors"] if n["address"] == frr.ip]
    down_for = time.monotonic() - DOWNED_AT[frr.name]
    assert mine and mine[0].get("uptime_s", 10**9) <= down_for + 2, \
        f"{frr!r} went down {down_for:.1f} s ago; the summary says {mine}"


def test_up_brings_a_downed_static_neighbor_back(ops):
    frr = ops.peers["frr"]
    if frr.established():
        _down(ops, frr)
    log = RsLog(ops)
    bgpctl_ok(ops, "neighbor", frr.ip, "up")
    frr.wait_established(timeout=20)
    ops.wait_converged()
    log.wait(session_lines(frr, "STATIC") + r"session Established", "the session coming back")


def test_down_on_a_dynamic_peer_sends_administrative_shutdown(ops):
    bird = ops.peers["bird"]
    ops.wait_established([bird])
    try:
        _down(ops, bird)
    finally:
        # `up` on a dynamic peer is refused today ("it reconnects by itself"): whatever it says, wait for it.
        ops.rs.bgpctl_result("neighbor", bird.ip, "up")
    bird.wait_established(timeout=20)
    ops.wait_converged()


def test_down_keeps_a_dynamic_peer_down(ops):
    bird = ops.peers["bird"]
    ops.wait_established([bird])
    log = RsLog(ops)
    try:
        _down(ops, bird)
        mark = bird.session_mark()

        def check():
            if bird.established() and bird.session_mark() != mark:
                raise GiveUp(f"{bird!r} is Established again after `neighbor {bird.ip} down`:\n{log.text()[-1500:]}")
            return log.count(rf"connection from {re.escape(bird.ip)} refused") >= 1, bird.session_state()
        wait_for(check, 10, f"{bird!r}'s reconnection to be refused while it is down")
        assert not bird.established()
    finally:
        ops.rs.bgpctl_result("neighbor", bird.ip, "up")
        bird.wait_established(timeout=20)


# -- ROUTE-REFRESH ------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["frr", "bird"])
def test_route_refresh_makes_the_rs_send_its_table_again(ops, name):
    """`clear bgp RS soft in` (FRR) / `reload in` (BIRD) send ROUTE-REFRESH;
    the RS answers with every route again, the session stays up."""
    peer = ops.peers[name]
    ops.wait_view(peer)
    mark, updates = peer.session_mark(), peer.updates_received()
    log = RsLog(ops)

    peer.refresh_in()

    log.wait(rf"peer {re.escape(peer.ip)} AS{peer.asn}: route refresh requested", "the ROUTE-REFRESH received")
    wait_for(lambda: (peer.updates_received() > updates, peer.updates_received()), 10,
             f"{peer!r} to receive UPDATEs again (it had {updates})")
    ops.wait_view(peer)
    assert peer.session_mark() == mark, f"{peer!r}: the session was reset instead of refreshed"


def test_rs_reconnects_a_passive_static_neighbor_after_its_restart(ops):
    quiet = ops.peers["quiet"]
    attempt = rf"peer {re.escape(quiet.ip)} AS{quiet.asn}: connect failed: Connection refused"
    was_up = quiet.established()
    log = RsLog(ops)
    quiet.stop()
    # Nobody listens now: bgpd's attempts are refused, and it must keep trying
    # (ConnectRetry is 5 s, jittered down). If the session was up, bgpd
    # reconnects at once, then again; if not, it has been retrying since the start.
    log.wait(attempt, "connections to the stopped neighbor refused, again and again", count=2 if was_up else 1,
             timeout=7)
    quiet.start()
    quiet.after_start()
    quiet.wait_established(timeout=8)


# -- SIGTERM (last: the RS is gone afterwards) -----------------------------------------------
def test_sigterm_sends_every_client_administrative_shutdown_and_exits_0(ops):
    live = ops.live_peers()
    ops.wait_established(live)
    before = {p.name: p.notifications() for p in live}
    log = RsLog(ops)
    t0 = time.monotonic()

    ops.rs.send_signal(signal.SIGTERM)
    try:
        status = ops.rs.process.popen.wait(SHUTDOWN_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"bgpd still running {SHUTDOWN_TIMEOUT:g} s after SIGTERM:\n{log.text()[-2000:]}")
    assert status == 0, (f"bgpd exited with {status} {time.monotonic() - t0:.1f} s after SIGTERM:\n"
                         f"{log.text()[-2000:]}")

    for p in live:
        if p.decodes_shutdown_communication:
            wait_notification(p, before[p.name], (6, 2), "Cease / Administrative Shutdown", message=SHUTDOWN_MESSAGE)
        else:
            wait_for(lambda: (not p.established(), p.session_state()), 10, f"{p!r}: session down")
    text = log.text()
    assert "SIGTERM: shutting down" in text and "meshbgp stopped" in text, text[-2000:]
    for p in live:
        lines = session_lines(p, group_of(ops, p))
        sent = rf'sending NOTIFICATION Cease / Administrative Shutdown: "{SHUTDOWN_MESSAGE}"'
        assert re.search(lines + sent, text), \
            f"no decoded NOTIFICATION to {p!r} in the RS log:\n{text[-3000:]}"
        assert re.search(lines + r"session down \(Established\): shutting down", text), \
            f"no reason for the end of {p!r}'s session in the RS log:\n{text[-3000:]}"

    # And bgpctl says plainly that nobody answers any more.
    r = ops.rs.bgpctl_result("show", "summary")
    assert r.returncode == 1 and "is bgpd running?" in r.stderr, (r.returncode, r.stderr)
