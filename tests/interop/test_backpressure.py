"""A client that completes the handshake and then stops reading (its TCP
window closes) while another client announces ROUTES prefixes CYCLES times
with new MEDs each time: the RS's queue for it stays bounded, the reading
clients get every route of every cycle in normal time, and once the
stalled client also stops sending KEEPALIVEs its hold timer ends it.
Figures (RSS, queue, cycle times) are printed (pytest -s)."""

import json
import os
import re
import subprocess
import sys
import threading
import time

import pytest

from lab.netns import Lab, rss_kib
from lab.route_server import RsGroup, RsSpec, make_route_server, rs_kind
from lab.wait import wait_for

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="meshbgp's out_queue_bytes")

ROUTES = int(os.environ.get("MESHBGP_ZW_ROUTES", "100000"))
CYCLES = int(os.environ.get("MESHBGP_ZW_CYCLES", "4"))
HOLD = 9
QUEUE_LIMIT = 4 << 20          # rib::UpdateGroup kDefaultMemberQueueLimit
QUEUE_SLACK = 4 << 20          # one batch of encoded UPDATEs may go past it
CYCLE_TIMEOUT = 300.0          # generous: the machine is shared
DRIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lab", "zero_window_driver.py")


def test_stalled_reader_is_bounded_and_slows_nobody():
    lab = Lab("zerowin")
    try:
        rs_node = lab.add_node("rs", ["10.0.0.1/16"])
        clients = lab.add_node("clients", [f"10.0.0.{i}/16" for i in (10, 11, 12, 13, 20)])
        spec = RsSpec(asn=65000, router_id="10.0.0.1", listen_ip="10.0.0.1", hold_time=HOLD,
                      groups=[RsGroup("CLIENTS", allow=["10.0.0.0/24"], peer_as=["65010-65099"])])
        rs = make_route_server(rs_node, spec, "meshbgp")
        rs.start()
        rs.wait_ready()
        pid = rs.process.pid
        samples = []  # (time, rss KiB, staller queue bytes)
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                queue = None
                try:
                    n = rs.bgpctl_json("show", "neighbor", "10.0.0.20")
                    entry = n["neighbors"][0] if isinstance(n, dict) and "neighbors" in n else n
                    queue = entry.get("out_queue_bytes")
                except Exception:  # noqa: BLE001 - not up yet, or gone
                    pass
                samples.append((time.time(), rss_kib(pid), queue))
                stop.wait(0.3)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        driver = subprocess.Popen(
            ["ip", "netns", "exec", clients.ns, sys.executable, DRIVER, "10.0.0.1", "10.0.0.10", "10.0.0.20",
             "10.0.0.11,10.0.0.12,10.0.0.13", str(ROUTES), str(CYCLES), str(HOLD), str(CYCLE_TIMEOUT)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=os.path.dirname(DRIVER),
            env={**os.environ, "PYTHONPATH": os.path.dirname(DRIVER)})
        events = []
        for line in driver.stdout:
            events.append(json.loads(line))
        driver.wait(30)
        stop.set()
        sampler.join()
        done = events[-1] if events else {"ok": False, "detail": driver.stderr.read()}
        assert done.get("event") == "done" and done["ok"], (done, rs.log_tail(30))

        ready = next(e["t"] for e in events if e["event"] == "ready")
        silent = next(e["t"] for e in events if e["event"] == "stalled_silent")
        cycles = [e["seconds"] for e in events if e["event"] == "cycle"]
        base = [r for t, r, _ in samples if t <= ready][-1]
        during = [(r, q) for t, r, q in samples if ready <= t <= silent]
        peak_rss = max(r for r, _ in during)
        queues = [q for _, q in during if q is not None]
        print(f"\nzero-window: {ROUTES} routes x {CYCLES} cycles; cycle seconds {cycles}; "
              f"bgpd RSS {base // 1024} MiB before, peak {peak_rss // 1024} MiB; "
              f"stalled client's queue max {max(queues or [0]) / 2**20:.1f} MiB over {len(queues)} samples")
        assert len(cycles) == CYCLES
        assert queues and max(queues) <= QUEUE_LIMIT + QUEUE_SLACK, max(queues)
        # It did fall behind: the test means something.
        assert max(queues) >= QUEUE_LIMIT // 2, max(queues)
        # The hold timer ended the silent one.
        wait_for(lambda: (re.search(r"peer 10\.0\.0\.20 .*Hold Timer Expired", rs.process.log_text()) is not None,
                          rs.log_tail(5)), HOLD + 20, "the RS to end the stalled session on its hold timer")
        # (The driver's "done" already said the reading clients' sessions
        # stayed up to the end; it has closed them since.)
    finally:
        lab.close()
