"""What the soak's clients are and what their tables must be: shared by
the two processes that play them (soak_clients.py: the stable clients and
the churn; soak_flappers.py: the flapping clients).

CLIENTS sessions from 10.0.1.1 upward (AS 65100 + i). The first CHURNERS own
ROUTES /24s between them; the last FLAPPERS own 200 /24s each. Both
processes build every client (layout()), so each knows the whole expected
table, and drive only their own."""

from __future__ import annotations

import argparse
import json
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
        """Blocks until Established, then announces the client's routes."""
        self.session.parse = parse
        self.session.connect(timeout)
        loop.add(self.session)
        self.announce(list(self.routes.items()))

    def start_connect(self, loop: Loop) -> None:
        """Connects without blocking and without keeping the table it
        receives (a flapper's); the caller announces once established."""
        self.session.parse = False
        self.session.start_connect()
        loop.add(self.session)

    def announce(self, items: list[tuple[int, int]]) -> None:
        by_med: dict[int, list[int]] = {}
        for p, med in items:
            by_med.setdefault(med, []).append(p & 0xFFFFFF00)
        self.session.send(b"".join(announce_messages(ps, attributes((self.asn,), self.ip, med))
                                   for med, ps in by_med.items()))

    def withdraw(self, prefixes: list[int]) -> None:
        self.session.send(withdraw_messages([p & 0xFFFFFF00 for p in prefixes]))


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """The options both processes take (soak_clients.py passes them on)."""
    ap.add_argument("--rs", default="10.0.0.1")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--flappers", type=int, default=20)
    ap.add_argument("--churners", type=int, default=10)
    ap.add_argument("--routes", type=int, default=100000)
    ap.add_argument("--hold-time", type=int, default=90)
    ap.add_argument("--converge-timeout", type=float, default=600)
    ap.add_argument("--seed", type=int, default=1)


def layout(a) -> tuple[list[Client], list[Client], list[Client], list[Client]]:
    """(all clients, stable, flappers, churners), each holding its initial routes."""
    clients = [Client(i, a.rs, a.hold_time) for i in range(a.clients)]
    stable = clients[:a.clients - a.flappers]
    flappers = clients[a.clients - a.flappers:]
    churners = stable[:a.churners]
    for k, c in enumerate(churners):
        c.routes = initial_churn_routes(a, k)
    for k, c in enumerate(flappers):
        for j in range(FLAPPER_ROUTES):
            c.routes[prefix24(k * FLAPPER_ROUTES + j, FLAP_BASE) | 24] = 1
    return clients, stable, flappers, churners


def churn_share(a) -> int:
    return a.routes // a.churners


def initial_churn_routes(a, k: int) -> dict[int, int]:
    per = churn_share(a)
    return {prefix24(k * per + j, CHURN_BASE) | 24: 1 for j in range(per)}


def expected_of(clients: list[Client]) -> dict[int, tuple]:
    out = {}
    for c in clients:
        for p, med in c.routes.items():
            out[p] = ((c.asn,), c.ip, med, c.i)
    return out


def mismatches(everyone: list[Client], mine: list[Client], limit: int = 5) -> dict[str, str]:
    """Clients of `mine` whose table differs from what the RS must have sent
    them, given every client's routes (`everyone`)."""
    want = expected_of(everyone)
    bad = {}
    for c in mine:
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


def converge(loop: Loop, everyone: list[Client], mine: list[Client], timeout: float) -> tuple[bool, float, dict]:
    """Runs the loop until every client of `mine` has its exact table."""
    t0 = time.monotonic()
    state = {"bad": {}}

    def done() -> bool:
        # Cheap check first: sizes; the full comparison only when they agree.
        want = sum(len(c.routes) for c in everyone)
        if any(len(c.session.table) != want - len(c.routes) for c in mine):
            return False
        state["bad"] = mismatches(everyone, mine)
        return not state["bad"]
    ok = loop.run(timeout, until=done)
    if not ok:
        state["bad"] = mismatches(everyone, mine)
    return ok, round(time.monotonic() - t0, 2), state["bad"]
