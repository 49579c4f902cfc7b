"""The soak's clients, run inside the lab's client netns by soak.py (one
process, one thread, raw sessions from tests/interop/lab/raw_bgp.py).

CLIENTS sessions from 10.0.1.1 upward (AS 65100 + i). The first CHURNERS own
ROUTES /24s between them; the last FLAPPERS own 200 /24s each. Phases, each
reported as a JSON line on stdout:
  initial    everyone announces; every table equals the expected one
  churn      for DURATION s: churners change CHURN_RATE routes a second
             (withdraw, or re-announce with a new MED); every flapper drops
             its session every 2-6 s (Cease or an abrupt close, in turn) and
             comes back 0.5-2 s later with its routes
  final      churn stops, the churners restore their initial routes, every
             flapper comes back for good; every client's table equals the
             expected one (the initial one) exactly
  done       {"ok", stable sessions' connects and losses, ...}"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

from raw_bgp import Loop, Session, announce_messages, attributes, ip_to_int, prefix24, withdraw_messages

FLAPPER_ROUTES = 200
CHURN_BASE = ip_to_int("100.0.0.0")
FLAP_BASE = ip_to_int("120.0.0.0")


def say(**kw) -> None:
    kw["t"] = time.time()
    print(json.dumps(kw), flush=True)


class Client:
    def __init__(self, i: int, rs: str, hold: int):
        self.i = i
        self.ip = f"10.0.1.{i + 1}"
        self.asn = 65100 + i
        self.session = Session(self.ip, self.asn, rs, hold_time=hold)
        self.routes: dict[int, int] = {}  # prefix (addr|24) -> MED, announced now
        self.flaps = 0

    def connect(self, loop: Loop, parse: bool = True, timeout: float = 30) -> None:
        self.session.parse = parse
        self.session.connect(timeout)
        loop.add(self.session)
        self.announce(list(self.routes.items()))

    def announce(self, items: list[tuple[int, int]]) -> None:
        by_med: dict[int, list[int]] = {}
        for p, med in items:
            by_med.setdefault(med, []).append(p & 0xFFFFFF00)
        self.session.send(b"".join(announce_messages(ps, attributes((self.asn,), self.ip, med))
                                   for med, ps in by_med.items()))

    def withdraw(self, prefixes: list[int]) -> None:
        self.session.send(withdraw_messages([p & 0xFFFFFF00 for p in prefixes]))


def expected_of(clients: list[Client]) -> dict[int, tuple]:
    out = {}
    for c in clients:
        for p, med in c.routes.items():
            out[p] = ((c.asn,), c.ip, med, c.i)
    return out


def mismatches(clients: list[Client], limit: int = 5) -> dict[str, str]:
    """Clients whose table differs from what the RS must have sent them."""
    want = expected_of(clients)
    bad = {}
    for c in clients:
        table = c.session.table
        own = len(c.routes)
        if len(table) != len(want) - own:
            bad[c.ip] = f"{len(table)} routes, want {len(want) - own}"
            continue
        for p, (path, nh, med, owner) in want.items():
            if owner == c.i:
                continue
            if table.get(p) != (path, nh, med):
                bad[c.ip] = f"{p:#x}: got {table.get(p)}, want {(path, nh, med)}"
                break
        if len(bad) >= limit:
            break
    return bad


def converge(loop: Loop, clients: list[Client], timeout: float) -> tuple[bool, float, dict]:
    t0 = time.monotonic()
    state = {"bad": {}}

    def done() -> bool:
        # Cheap check first: sizes; the full comparison only when they agree.
        want = sum(len(c.routes) for c in clients)
        if any(len(c.session.table) != want - len(c.routes) for c in clients):
            return False
        state["bad"] = mismatches(clients)
        return not state["bad"]
    ok = loop.run(timeout, until=done)
    if not ok:
        state["bad"] = mismatches(clients)
    return ok, round(time.monotonic() - t0, 2), state["bad"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rs", default="10.0.0.1")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--flappers", type=int, default=20)
    ap.add_argument("--churners", type=int, default=10)
    ap.add_argument("--routes", type=int, default=100000)
    ap.add_argument("--churn-rate", type=int, default=2000, help="route changes per second, all churners")
    ap.add_argument("--duration", type=float, default=600)
    ap.add_argument("--hold-time", type=int, default=90)
    ap.add_argument("--converge-timeout", type=float, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--settle", type=float, default=12,
                    help="seconds to wait after each convergence before reporting it (bgpd returns free "
                         "memory every 10 s)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    loop = Loop()
    clients = [Client(i, a.rs, a.hold_time) for i in range(a.clients)]
    stable = clients[:a.clients - a.flappers]
    flappers = clients[a.clients - a.flappers:]
    churners = stable[:a.churners]
    per = a.routes // len(churners)
    for k, c in enumerate(churners):
        for j in range(per):
            c.routes[prefix24(k * per + j, CHURN_BASE) | 24] = 1
    for k, c in enumerate(flappers):
        for j in range(FLAPPER_ROUTES):
            c.routes[prefix24(k * FLAPPER_ROUTES + j, FLAP_BASE) | 24] = 1

    for c in clients:
        c.connect(loop)
    ok, secs, bad = converge(loop, clients, a.converge_timeout)
    loop.run(a.settle)
    say(event="initial", ok=ok, seconds=secs, routes=sum(len(c.routes) for c in clients), bad=bad)
    if not ok:
        return 1

    # -- churn ------------------------------------------------------------
    end = time.monotonic() + a.duration
    next_flap = {c.i: time.monotonic() + rnd.uniform(2, 6) for c in flappers}
    down_until: dict[int, float] = {}
    changes = 0
    med_counter = 2
    tick = 0.5
    last = time.monotonic()
    while time.monotonic() < end:
        loop.run(tick)
        now = time.monotonic()
        budget = int(a.churn_rate * (now - last))
        last = now
        for k, c in enumerate(churners):
            final: dict[int, int | None] = {}  # what each touched prefix ends as in this round
            for _ in range(budget // len(churners)):
                p = prefix24(rnd.randrange(per) + k * per, CHURN_BASE) | 24
                if p in c.routes and rnd.random() < 0.3:
                    del c.routes[p]
                    final[p] = None
                else:
                    med_counter += 1
                    c.routes[p] = final[p] = med_counter % 1000 + 2  # a few hundred attribute sets
            gone = [p for p, med in final.items() if med is None]
            items = [(p, med) for p, med in final.items() if med is not None]
            if gone:
                c.withdraw(gone)
            if items:
                c.announce(items)
            changes += len(final)
        reconnected = False
        for c in flappers:
            if c.i in down_until:
                # One (blocking) reconnect per round, briefly: the other
                # sessions' KEEPALIVEs must not wait behind several.
                if now >= down_until[c.i] and not reconnected:
                    reconnected = True
                    del down_until[c.i]
                    try:
                        c.connect(loop, parse=False, timeout=5)
                    except OSError as e:  # refused while the RS still closes the old one: retry
                        say(event="reconnect_failed", client=c.ip, error=str(e))
                        down_until[c.i] = now + 1
                        continue
                    next_flap[c.i] = now + rnd.uniform(2, 6)
            elif now >= next_flap[c.i]:
                loop.remove(c.session)
                c.session.close(notify=c.flaps % 2 == 0)
                c.flaps += 1
                down_until[c.i] = now + rnd.uniform(0.5, 2)
        lost = [c for c in stable if c.session.sock is None]
        if lost:
            say(event="done", ok=False, detail=f"stable sessions lost: {[(c.ip, c.session.closed_reason) for c in lost]}")
            return 1
    say(event="churn", seconds=a.duration, changes=changes, flaps=sum(c.flaps for c in flappers))

    # -- final ---------------------------------------------------------------
    # The churners put back the initial table, so that memory after the
    # churn is compared with memory for the same routes before it.
    for k, c in enumerate(churners):
        c.routes = {prefix24(k * per + j, CHURN_BASE) | 24: 1 for j in range(per)}
        c.announce(list(c.routes.items()))
    for c in flappers:
        if c.i in down_until or c.session.sock is None:
            for attempt in range(20):
                try:
                    c.connect(loop)
                    break
                except OSError:
                    loop.run(0.5)
        else:
            # Up, but its table was not kept: start it afresh.
            loop.remove(c.session)
            c.session.close()
            loop.run(0.5)
            c.connect(loop)
    ok, secs, bad = converge(loop, clients, a.converge_timeout)
    loop.run(a.settle)
    say(event="final", ok=ok, seconds=secs, routes=sum(len(c.routes) for c in clients), bad=bad)
    stable_connects = {c.ip: c.session.connects for c in stable if c.session.connects != 1}
    stable_lost = {c.ip: c.session.closed_reason for c in stable if c.session.sock is None}
    say(event="done", ok=ok and not stable_connects and not stable_lost,
        stable_reconnects=stable_connects, stable_lost=stable_lost,
        stable=len(stable), flappers=len(flappers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
