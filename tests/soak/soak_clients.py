"""The soak's clients, run inside the lab's client netns by soak.py: this
process plays the stable clients and the churn (one thread, raw sessions
from tests/interop/lab/raw_bgp.py) and starts soak_flappers.py for the
flapping clients (soak_tables.py: who announces what). Phases, each
reported as a JSON line on stdout:
  initial    everyone announces; every table equals the expected one
  churn      for DURATION s: churners change CHURN_RATE routes a second
             (withdraw, or re-announce with a new MED) while every flapper
             drops its session every 2-6 s and comes back 0.5-2 s later
  final      churn stops, the churners restore their initial routes, every
             flapper comes back for good; every client's table equals the
             expected one (the initial one) exactly
  done       {"ok", stable sessions' connects and losses, ...}"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import subprocess
import sys
import time

from raw_bgp import Loop, prefix24
from soak_tables import CHURN_BASE, add_arguments, churn_share, converge, initial_churn_routes, layout, say

HERE = os.path.dirname(os.path.abspath(__file__))


class Flappers:
    """soak_flappers.py, its events read without blocking the loop."""

    def __init__(self, argv: list[str]):
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "soak_flappers.py"), *argv],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=False)
        self._buf = b""

    def _line(self) -> bytes | None:
        if b"\n" not in self._buf:
            fd = self.proc.stdout.fileno()
            if select.select([fd], [], [], 0)[0]:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise RuntimeError(f"soak_flappers.py exited ({self.proc.wait()})")
                self._buf += chunk
        if b"\n" not in self._buf:
            return None
        line, self._buf = self._buf.split(b"\n", 1)
        return line

    def event(self, loop: Loop, name: str, timeout: float) -> dict:
        """The next event called `name` (others are passed on to stdout),
        the loop served while waiting."""
        found: list[dict] = []

        def got() -> bool:
            line = self._line()
            while line is not None:
                e = json.loads(line)
                if e["event"] == name:
                    found.append(e)
                    return True
                print(line.decode(), flush=True)
                line = self._line()
            return False
        if not loop.run(timeout, until=got):
            raise TimeoutError(f"no {name} event from soak_flappers.py in {timeout:g} s")
        return found[0]

    def command(self, text: str) -> None:
        self.proc.stdin.write(text.encode() + b"\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)


def main() -> int:
    ap = argparse.ArgumentParser()
    add_arguments(ap)
    ap.add_argument("--churn-rate", type=int, default=2000, help="route changes per second, all churners")
    ap.add_argument("--duration", type=float, default=600)
    ap.add_argument("--settle", type=float, default=12,
                    help="seconds to wait after each convergence before reporting it (bgpd returns free "
                         "memory every 10 s)")
    a = ap.parse_args()
    shared = ["--rs", a.rs, "--clients", str(a.clients), "--flappers", str(a.flappers),
              "--churners", str(a.churners), "--routes", str(a.routes), "--hold-time", str(a.hold_time),
              "--converge-timeout", str(a.converge_timeout), "--seed", str(a.seed)]
    rnd = random.Random(a.seed)
    loop = Loop()
    clients, stable, _, churners = layout(a)
    per = churn_share(a)
    flappers = Flappers(shared)

    for c in stable:
        c.connect(loop)
    ok, secs, bad = converge(loop, clients, stable, a.converge_timeout)
    theirs = flappers.event(loop, "initial", a.converge_timeout + 60)
    loop.run(a.settle)
    say(event="initial", ok=ok and theirs["ok"], seconds=max(secs, theirs["seconds"]),
        routes=sum(len(c.routes) for c in clients), bad={**bad, **theirs["bad"]})
    if not (ok and theirs["ok"]):
        return 1

    # -- churn ------------------------------------------------------------
    flappers.command(f"churn {a.duration}")
    end = time.monotonic() + a.duration
    changes = 0
    rounds = 0
    med_counter = 2
    last = time.monotonic()
    while time.monotonic() < end:
        rounds += 1
        loop.run(0.5)
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
        lost = [c for c in stable if c.session.sock is None]
        if lost:
            say(event="done", ok=False, detail=f"stable sessions lost: {[(c.ip, c.session.closed_reason) for c in lost]}")
            return 1
    flaps = flappers.event(loop, "churn", 120)
    say(event="churn", seconds=a.duration, changes=changes, rounds=rounds,
        **{k: v for k, v in flaps.items() if k not in ("event", "t")})

    # -- final ---------------------------------------------------------------
    # The churners put back the initial table, so that memory after the
    # churn is compared with memory for the same routes before it.
    for k, c in enumerate(churners):
        c.routes = initial_churn_routes(a, k)
        c.announce(list(c.routes.items()))
    flappers.command("final")
    ok, secs, bad = converge(loop, clients, stable, a.converge_timeout)
    theirs = flappers.event(loop, "final", a.converge_timeout + 120)
    loop.run(a.settle)
    ok = ok and theirs["ok"]
    say(event="final", ok=ok, seconds=max(secs, theirs["seconds"]), routes=sum(len(c.routes) for c in clients),
        bad={**bad, **theirs["bad"]})
    stable_connects = {c.ip: c.session.connects for c in stable if c.session.connects != 1}
    stable_lost = {c.ip: c.session.closed_reason for c in stable if c.session.sock is None}
    say(event="done", ok=ok and not stable_connects and not stable_lost,
        stable_reconnects=stable_connects, stable_lost=stable_lost,
        stable=len(stable), flappers=a.flappers)
    flappers.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
