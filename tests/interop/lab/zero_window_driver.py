"""Run inside a lab netns: one client stops reading (its TCP window closes)
while another announces ROUTES prefixes again and again with new MEDs, and
RECEIVERS clients read everything. Prints one JSON object per line:
  {"event": "ready", "t": ...}                   every session Established
  {"event": "cycle", "n": i, "seconds": s, "t": ...}  every receiver holds cycle i exactly
  {"event": "stalled_silent", "t": ...}           the stalled client stops its KEEPALIVEs
  {"event": "done", "ok": bool, "detail": ...}

  python3 zero_window_driver.py RS_IP ANNOUNCER_IP STALLER_IP RECEIVER_IP,... ROUTES CYCLES HOLD_TIME TIMEOUT"""

from __future__ import annotations

import json
import sys
import time

from raw_bgp import Loop, Session, announce_messages, attributes, ip_to_int, prefix24

BASE = ip_to_int("100.0.0.0")
FIRST_AS = 65010


def say(**kw) -> None:
    kw["t"] = time.time()
    print(json.dumps(kw), flush=True)


def main() -> int:
    rs, announcer_ip, staller_ip, receivers_csv = sys.argv[1:5]
    routes, cycles, hold, timeout = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
    loop = Loop()
    # A tiny receive buffer so that its window closes after a few KB.
    staller = Session(staller_ip, FIRST_AS + 9, rs, hold_time=hold, parse=False, rcvbuf=4096)
    staller.connect()
    loop.add(staller, read=False)
    receivers = [Session(ip, FIRST_AS + 1 + i, rs, hold_time=hold) for i, ip in enumerate(receivers_csv.split(","))]
    announcer = Session(announcer_ip, FIRST_AS, rs, hold_time=hold)
    for s in receivers + [announcer]:
        s.connect()
        loop.add(s)
    say(event="ready")
    prefixes = [prefix24(i, BASE) | 24 for i in range(routes)]
    want_path = (FIRST_AS,)
    for cycle in range(cycles):
        # Ten prefixes share a MED; every cycle changes every MED.
        med = lambda i: cycle * 1_000_000 + i // 10  # noqa: E731
        data = b"".join(announce_messages([p & 0xFFFFFF00 for p in prefixes[i:i + 10]],
                                          attributes(want_path, announcer_ip, med(i)))
                        for i in range(0, routes, 10))
        t0 = time.monotonic()
        announcer.send(data)

        def complete() -> bool:
            for r in receivers:
                if len(r.table) != routes:
                    return False
            # Spot checks, then the full comparison once they pass.
            for r in receivers:
                for i in (0, routes // 2, routes - 1):
                    if r.table.get(prefixes[i]) != (want_path, announcer_ip, med(i)):
                        return False
            return all(r.table.get(p) == (want_path, announcer_ip, med(i))
                       for r in receivers for i, p in enumerate(prefixes))
        lost = [s for s in [staller, announcer] + receivers if s.sock is None]
        if lost:
            say(event="done", ok=False, detail=f"sessions lost: {[(s.local_ip, s.closed_reason) for s in lost]}")
            return 1
        if not loop.run(timeout, until=complete):
            say(event="done", ok=False, detail=f"cycle {cycle}: receivers hold "
                f"{[len(r.table) for r in receivers]} of {routes} after {timeout}s")
            return 1
        say(event="cycle", n=cycle, seconds=round(time.monotonic() - t0, 3))
    # The stalled client goes silent too: the RS's hold timer decides.
    staller.tick = lambda now: None
    say(event="stalled_silent")
    loop.run(hold + 10)
    ok = all(s.sock is not None for s in receivers + [announcer])
    say(event="done", ok=ok, detail="receivers and announcer still up" if ok else "a session was lost")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
