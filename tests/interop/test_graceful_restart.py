"""Graceful restart (RFC 4724), both roles, against FRR 8.4 (graceful
restart lab, lab.topologies.graceful_restart_lab):
  - helper: a client with graceful restart is killed; the RS keeps its
    routes (stale, shown by bgpctl) and the other clients hear nothing;
    when it is back the RS holds exactly what it announces again; when it
    does not come back within its restart time, its routes are withdrawn
    everywhere;
  - restarting speaker: the RS is killed and started again; the FRR client
    keeps the routes it learned through the RS, marked stale, until the RS
    is back, and then holds exactly the right set: a route another client
    withdrew meanwhile is gone, the others never left;
  - SIGTERM: Cease / Administrative Shutdown, and FRR (N bit negotiated,
    RFC 8538) still keeps our routes until we are back.
The tests share one lab and run in file order."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from conftest import KEEP
from lab import topologies
from lab.peers.frr_gr import GR_RESTART_TIME
from lab.route_server import rs_kind
from lab.wait import wait_equal, wait_for

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="graceful restart is checked on meshbgp's bgpd")


@pytest.fixture(scope="module")
def gr():
    lab = topologies.graceful_restart_lab(keep_dir=KEEP).start()
    yield lab
    lab.close()


def _prefixes(peer) -> set[str]:
    return set(peer.announced)


def _neighbor(lab, peer) -> dict:
    return lab.rs.bgpctl_json("show", "neighbor", peer.ip)["neighbors"][0]


class Watch:
    """Polls a client's table from the RS in the background and records every
    moment one of `prefixes` was missing: churn a restart must not cause."""

    def __init__(self, peer, prefixes: set[str]):
        self.peer, self.prefixes = peer, set(prefixes)
        self.missing: list[tuple[float, set[str]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                held = set(self.peer.routes())
            except Exception:  # noqa: BLE001 - vtysh busy: try again
                held = self.prefixes
            gone = self.prefixes - held
            if gone:
                self.missing.append((time.monotonic(), gone))
            self._stop.wait(0.2)

    def stop(self) -> list:
        self._stop.set()
        self._thread.join(5)
        return self.missing


def test_capabilities_are_exchanged_with_frr(gr):
    gr.wait_converged()
    helper = gr.peers["helper"]
    caps = helper.neighbor()["neighborCapabilities"]
    # FRR's view of our capability: received, with IPv4 forwarding preserved.
    gr_caps = {k: v for k, v in caps.items() if k.lower().startswith("gracefulrestart")}
    assert any(str(v).startswith("advertisedAndReceived") for v in gr_caps.values()), caps
    assert caps.get("addressFamiliesByPeer", {}).get("ipv4Unicast", {}).get("preserved") is True, caps
    me = _neighbor(gr, helper)
    assert me["capabilities"]["graceful_restart"] is True, me
    assert me["graceful_restart"]["peer_restart_time"] > 0, me
    assert "ipv4" in me["graceful_restart"]["peer_families"], me


def test_restarting_client_keeps_its_routes_then_exactly_what_it_sends_again(gr):
    gr.wait_converged()
    restarter, announcer, helper = gr.peers["restarter"], gr.peers["announcer"], gr.peers["helper"]
    kept = _prefixes(restarter)
    dropped = sorted(kept)[-1]  # not announced again after the restart
    # The other clients never miss a route the restarting client keeps.
    watch = [Watch(p, kept - {dropped}) for p in (announcer, helper)]

    restarter.kill()
    # The RS keeps the routes, stale, and tells the operator so.
    wait_for(lambda: (_neighbor(gr, restarter).get("graceful_restart", {}).get("stale_paths") == len(kept),
                      _neighbor(gr, restarter)), 15, "the RS to keep the killed client's paths as stale")
    stale = {r["prefix"] for r in gr.rs.bgpctl_json("show", "rib")["routes"] if r.get("stale")}
    assert stale == kept
    assert "stale paths (restarting" in gr.rs.bgpctl("show", "neighbor", restarter.ip)
    assert "S = stale" in gr.rs.bgpctl("show", "rib")
    time.sleep(3)
    for p in (announcer, helper):
        assert kept <= set(p.routes()), f"{p!r} lost routes of the restarting client"

    # It comes back announcing one prefix less: that one goes at its End-of-RIB.
    del restarter.announced[dropped]
    restarter.dead = False
    restarter.start()
    restarter.after_start()
    gr.wait_established([restarter])
    gr.wait_converged()
    for p in (announcer, helper):
        assert dropped not in p.routes()
    for w in watch:
        assert not w.stop(), f"{w.peer!r} lost routes the restarting client kept: {w.missing[:3]}"
    wait_for(lambda: ("stale_paths" not in _neighbor(gr, restarter).get("graceful_restart", {}),
                      _neighbor(gr, restarter)), 10, "no stale paths left at the RS")
    assert not any(r.get("stale") for r in gr.rs.bgpctl_json("show", "rib")["routes"])


def test_client_that_does_not_come_back_loses_its_routes_after_its_restart_time(gr):
    gr.wait_converged()
    restarter, announcer = gr.peers["restarter"], gr.peers["announcer"]
    kept = _prefixes(restarter)
    restarter.kill()
    t0 = time.monotonic()
    gr.specs["restarter"].accepted = False  # from now on its routes are expected nowhere
    # Still there a few seconds before its restart time runs out...
    wait_for(lambda: (time.monotonic() - t0 > GR_RESTART_TIME - 5, None), GR_RESTART_TIME, "time to pass",
             interval=0.5)
    assert kept <= set(announcer.routes()), "withdrawn before the client's restart time ran out"
    # ...and gone from everyone once it has.
    gr.wait_converged(timeout=20)
    assert time.monotonic() - t0 >= GR_RESTART_TIME - 1
    assert not kept & set(announcer.routes())
    summary = gr.rs.bgpctl_json("show", "summary")["neighbors"]
    assert not [n for n in summary if n["prefixes"]["ipv4"].get("stale")], summary


def test_rs_restart_frr_keeps_routes_stale_then_holds_exactly_the_right_set(gr):
    helper, announcer, restarter = gr.peers["helper"], gr.peers["announcer"], gr.peers["restarter"]
    if not restarter.dead:  # run alone: only the static clients take part (see the lab's docstring)
        restarter.kill()
        gr.specs["restarter"].accepted = False
    gr.wait_converged(timeout=GR_RESTART_TIME + 20)
    before = helper.from_rs()
    assert before and not any(before.values()), before
    withdrawn = "10.12.3.0/24"
    stays = set(before) - {withdrawn}

    gr.rs.process.kill()  # SIGKILL: the kernel closes the sockets, no NOTIFICATION
    wait_for(lambda: (helper.session_state() != "Established", helper.session_state()), 15,
             "FRR to notice the RS is gone")
    # FRR keeps every route it had from the RS, marked stale.
    wait_equal(helper.from_rs, {p: True for p in before}, 10, "FRR's routes from the RS, all stale")
    announcer.withdraw(withdrawn)
    time.sleep(2)
    assert helper.from_rs() == {p: True for p in before}

    watch = Watch(helper, stays)
    gr.rs.start()
    gr.rs.wait_ready()
    gr.wait_established([helper, announcer], timeout=60)
    # Back: exactly the right set, nothing stale, the withdrawn route gone.
    wait_equal(helper.from_rs, {p: False for p in stays}, 45, "FRR's routes from the RS after the restart")
    assert not watch.stop(), f"FRR lost routes during the RS restart: {watch.missing[:3]}"
    gr.wait_converged(timeout=30)


def test_rs_sigterm_lets_frr_keep_routes_with_the_n_bit(gr):
    """SIGTERM (a pod rescheduled) sends Cease / Administrative Shutdown: with
    the RFC 8538 N bit negotiated, FRR still keeps our routes as stale until
    we are back."""
    helper = gr.peers["helper"]
    gr.wait_converged(timeout=30)
    assert _neighbor(gr, helper)["graceful_restart"]["notification"] is True
    before = helper.from_rs()
    assert before and not any(before.values()), before
    received = helper.notifications().count

    gr.rs.send_signal(signal.SIGTERM)
    gr.rs.process.popen.wait(60)
    wait_for(lambda: (helper.session_state() != "Established", helper.session_state()), 15,
             "FRR to see the RS go")
    assert helper.notifications().count > received  # a NOTIFICATION, not a lost connection
    wait_equal(helper.from_rs, {p: True for p in before}, 10, "FRR's routes from the RS, all stale")

    watch = Watch(helper, set(before))
    gr.rs.start()
    gr.rs.wait_ready()
    wait_equal(helper.from_rs, {p: False for p in before}, 45, "FRR's routes from the RS after the restart")
    assert not watch.stop(), f"FRR lost routes during the RS restart: {watch.missing[:3]}"
