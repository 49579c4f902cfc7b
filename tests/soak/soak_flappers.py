"""The soak's flapping clients, in a process of their own: started by
soak_clients.py (same netns, same options), so that the stable clients'
parsing of the churn never slows the flapping.

Every flapper drops its session every 2-6 s (Cease or an abrupt close, in
turn) and reconnects 0.5-2 s later without blocking (raw_bgp's
start_connect: the handshake goes on in the loop), announcing its routes
again once Established. Commands on stdin, events (JSON lines) on stdout:
  (start)         connect, announce     -> initial {ok, seconds, bad}
  churn SECONDS   flap for that long    -> churn {flaps, reconnect_failures, ...}
  final           reconnect everyone afresh, keeping the tables
                                        -> final {ok, seconds, bad}
  (EOF on stdin)  exit"""

from __future__ import annotations

import argparse
import os
import random
import select
import sys
import time

from raw_bgp import Loop
from soak_tables import add_arguments, converge, layout, say


def wait_command(loop: Loop) -> str:
    """The next line on stdin, the sessions served meanwhile ("" at EOF)."""
    loop.run(1e9, until=lambda: bool(select.select([sys.stdin], [], [], 0)[0]))
    return sys.stdin.readline()


def reconnect_all(loop: Loop, flappers) -> None:
    """Closes every flapper's session and connects it again (blocking),
    keeping the table it receives."""
    for c in flappers:
        loop.remove(c.session)
        c.session.close(notify=False)
    loop.run(1)  # the RS sees the old sessions go first
    for c in flappers:
        for attempt in range(20):
            try:
                c.connect(loop)
                break
            except OSError:
                loop.run(0.5)


def main() -> int:
    ap = argparse.ArgumentParser()
    add_arguments(ap)
    a = ap.parse_args()
    rnd = random.Random(a.seed + 1)
    loop = Loop()
    clients, _, flappers, _ = layout(a)
    for c in flappers:
        c.connect(loop)
    ok, secs, bad = converge(loop, clients, flappers, a.converge_timeout)
    # One flap each before the RSS baseline is taken: the memory the first
    # teardown and reconnect allocate once (code paths, per-thread caches)
    # is not growth; what 2,000 more flaps add would be.
    reconnect_all(loop, flappers)
    ok2, secs2, bad = converge(loop, clients, flappers, a.converge_timeout)
    say(event="initial", ok=ok and ok2, seconds=secs + secs2, bad=bad)

    cmd = wait_command(loop).split()
    if not cmd:
        return 0
    duration = float(cmd[1])
    now = time.monotonic()
    next_at = {c.i: now + rnd.uniform(2, 6) for c in flappers}  # up: next flap; down: reconnect; connecting: give up
    state = {c.i: "up" for c in flappers}  # up -> down -> connecting -> up
    count = {"reconnect_failures": 0, "drops_by_rs": 0, "reconnects": 0}
    connect_secs: list[float] = []
    connect_started: dict[int, float] = {}

    def step() -> bool:
        now = time.monotonic()
        for c in flappers:
            s = state[c.i]
            if s == "down":
                if now < next_at[c.i]:
                    continue
                try:
                    c.start_connect(loop)
                except OSError as e:
                    count["reconnect_failures"] += 1
                    say(event="reconnect_failed", client=c.ip, error=str(e))
                    next_at[c.i] = now + 1
                    continue
                state[c.i], next_at[c.i] = "connecting", now + 10
                connect_started[c.i] = now
            elif s == "connecting":
                if c.session.established:
                    c.announce(list(c.routes.items()))
                    count["reconnects"] += 1
                    connect_secs.append(now - connect_started[c.i])
                    state[c.i], next_at[c.i] = "up", now + rnd.uniform(2, 6)
                elif c.session.sock is None or now >= next_at[c.i]:
                    # Refused, reset or too slow: the RS may still be closing the old session.
                    count["reconnect_failures"] += 1
                    say(event="reconnect_failed", client=c.ip,
                        error=c.session.closed_reason or "no OPEN+KEEPALIVE within 10 s",
                        notification=c.session.notification)
                    loop.remove(c.session)
                    c.session.close(notify=False)
                    state[c.i], next_at[c.i] = "down", now + 1
            elif c.session.sock is None:  # up, but the RS ended it
                count["drops_by_rs"] += 1
                say(event="flapper_dropped", client=c.ip, reason=c.session.closed_reason,
                    notification=c.session.notification)
                state[c.i], next_at[c.i] = "down", now + 1
            elif now >= next_at[c.i]:
                loop.remove(c.session)
                c.session.close(notify=c.flaps % 2 == 0)
                c.flaps += 1
                state[c.i], next_at[c.i] = "down", now + rnd.uniform(0.5, 2)
        return False
    loop.run(duration, until=step)
    connect_secs.sort()
    say(event="churn", flaps=sum(c.flaps for c in flappers), **count,
        reconnect_median_s=round(connect_secs[len(connect_secs) // 2], 3) if connect_secs else None,
        reconnect_max_s=round(connect_secs[-1], 3) if connect_secs else None)

    if not wait_command(loop):
        return 0
    # Every flapper comes back for good with a fresh session whose table is kept.
    reconnect_all(loop, flappers)
    ok, secs, bad = converge(loop, clients, flappers, a.converge_timeout)
    say(event="final", ok=ok, seconds=secs, bad=bad)
    wait_command(loop)  # until soak_clients.py is done with the sessions
    return 0


if __name__ == "__main__":
    sys.exit(main())
