"""A client that dies (SIGKILL: the kernel closes its socket) loses its
routes at every other client once the RS notices (EOF at once, the hold
timer at the latest)."""

from lab.wait import wait_for


def _kill_victim(lab):
    victim = lab.peers["victim"]
    if not victim.dead:
        lab.wait_converged()  # the victim's routes are everywhere first
        victim.kill()
    return victim


def test_killed_client_routes_disappear_from_all_others(relay_lab):
    victim = _kill_victim(relay_lab)
    gone = set(victim.announced)
    assert gone
    # hold_time is 9 s in the lab: the RS must notice within it even without EOF.
    relay_lab.wait_converged(timeout=relay_lab.spec.hold_time + 15)
    for p in relay_lab.live_peers():
        assert not gone & set(p.routes()), f"{p!r} kept routes of the killed client"


def test_rs_no_longer_reports_the_killed_client_established(relay_lab):
    victim = _kill_victim(relay_lab)

    def check():
        entry = relay_lab.rs.summary().get(victim.ip)
        return entry is None or entry.get("state") != "Established", entry
    wait_for(check, relay_lab.spec.hold_time + 15,
             f"the RS to report the session of killed {victim!r} down (or drop it)")
