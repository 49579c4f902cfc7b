#!/usr/bin/env python3
"""Soak test of meshbgp (root; network namespaces): 50 clients, 20 of them
flapping every few seconds for DURATION seconds while 100k routes churn
(tests/soak/soak_clients.py plays the clients). Passes when, at the end:
  - every client's table equals the expected table exactly;
  - bgpd's RSS is back within 10% of its level before the churn;
  - no stable session was lost (and bgpd logged no Hold Timer Expired);
  - with an ASan build of bgpd (--bgpd), LeakSanitizer reports no leak.

  sudo tests/soak/soak.py --duration 600              # the full run
  sudo tests/soak/soak.py --duration 45 --routes 20000  # what scripts/test runs

Prints the figures and one JSON summary line; exit status 0 = pass."""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "interop"))

from lab.netns import Lab, anon_kib, rss_kib  # noqa: E402
from lab.route_server import MeshbgpRouteServer, RsGroup, RsSpec  # noqa: E402

RAW_BGP_DIR = os.path.join(REPO, "tests", "interop", "lab")
RSS_TOLERANCE = 0.10
RSS_SETTLE_S = 25  # two and a half MemoryRelease periods


class SoakRouteServer(MeshbgpRouteServer):
    """The lab's meshbgp, logging at info: debug lines for every flap would
    measure the logger."""

    def config_yaml(self) -> str:
        return super().config_yaml().replace("level: debug", "level: info")


def is_asan(binary: str) -> bool:
    out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    return "libasan" in out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=600, help="seconds of churn and flapping (600)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--flappers", type=int, default=20)
    ap.add_argument("--routes", type=int, default=100000)
    ap.add_argument("--churn-rate", type=int, default=2000, help="route changes per second (2000)")
    ap.add_argument("--converge-timeout", type=float, default=300,
                    help="seconds allowed for the tables to become exact (300)")
    ap.add_argument("--bgpd", help="bgpd binary (default: $MESHBGP_BUILD_DIR/bgpd/bgpd)")
    ap.add_argument("--json", help="also write the summary to this file")
    ap.add_argument("--trim-probe", action="store_true",
                    help="after the run, make bgpd call malloc_trim(0) through gdb and report its RSS again: "
                         "free memory glibc kept (fragmentation) vs memory still in use (a leak)")
    ap.add_argument("--rss-slack-kib", type=int, default=0,
                    help="KiB allowed above before*1.10 (0). Short runs keep ~3 MB of heap, and the "
                         "allocator's fragmentation after churn alone moves that by 0.5-1.5 MB; the "
                         "full run (100k routes) holds the plain 10%%")
    ap.add_argument("--keep-dir", action="store_true", help="keep the lab's directory (configs, logs)")
    a = ap.parse_args()
    if os.geteuid() != 0:
        print("soak: needs root (network namespaces)", file=sys.stderr)
        return 2
    if a.bgpd:
        os.environ["MESHBGP_BGPD"] = os.path.abspath(a.bgpd)
    from lab.route_server import meshbgp_bgpd
    bgpd = meshbgp_bgpd()
    asan = is_asan(bgpd)
    if asan:
        os.environ["ASAN_OPTIONS"] = "detect_leaks=1:exitcode=23"

    lab = Lab("soak", keep_dir=a.keep_dir)
    summary: dict = {"duration_s": a.duration, "clients": a.clients, "flappers": a.flappers,
                     "routes": a.routes, "churn_rate": a.churn_rate, "bgpd": bgpd, "asan": asan}
    ok = False
    try:
        rs_node = lab.add_node("rs", ["10.0.0.1/16"])
        cl = lab.add_node("clients", [f"10.0.1.{i + 1}/16" for i in range(a.clients)])
        spec = RsSpec(asn=65000, router_id="10.0.0.1", listen_ip="10.0.0.1", hold_time=90,
                      groups=[RsGroup("CLIENTS", allow=["10.0.1.0/24"], peer_as=["65100-65199"])])
        rs = SoakRouteServer(rs_node, spec)
        rs.start()
        rs.wait_ready()
        pid = rs.process.pid
        peak = [0]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                try:
                    peak[0] = max(peak[0], rss_kib(pid))
                except OSError:
                    return
                stop.wait(0.5)
        threading.Thread(target=sample, daemon=True).start()

        driver = subprocess.Popen(
            ["ip", "netns", "exec", cl.ns, sys.executable, os.path.join(HERE, "soak_clients.py"),
             "--clients", str(a.clients), "--flappers", str(a.flappers), "--routes", str(a.routes),
             "--churn-rate", str(a.churn_rate), "--duration", str(a.duration),
             "--converge-timeout", str(a.converge_timeout)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": RAW_BGP_DIR})
        t_start = time.monotonic()
        for line in driver.stdout:
            e = json.loads(line)
            print(f"soak: [{time.monotonic() - t_start:7.1f}s] {line.strip()}", flush=True)
            if e["event"] == "initial":
                summary["initial_converge_s"] = e["seconds"]
                summary["rss_before_kib"] = rss_kib(pid)
                summary["anon_before_kib"] = anon_kib(pid)
            elif e["event"] == "churn":
                summary["changes"] = e["changes"]
                summary["flaps"] = e["flaps"]
                summary["rss_end_of_churn_kib"] = rss_kib(pid)
            elif e["event"] == "final":
                summary["final_converge_s"] = e["seconds"]
                summary["tables_exact"] = e["ok"]
                if not e["ok"]:
                    summary["mismatches"] = e["bad"]
                summary["rss_after_kib"] = rss_kib(pid)
                summary["anon_after_kib"] = anon_kib(pid)
            elif e["event"] == "done":
                summary["driver_ok"] = e["ok"]
                summary.update({k: v for k, v in e.items() if k.startswith("stable") or k == "detail"})
        driver.wait(60)
        stop.set()
        summary["rss_peak_kib"] = peak[0]
        err = driver.stderr.read()
        if driver.returncode not in (0, None) and err:
            summary["driver_stderr"] = err[-2000:]
        log = rs.process.log_text()
        stable_ips = {f"10.0.1.{i + 1}" for i in range(a.clients - a.flappers)}
        hold_expired = [line for line in log.splitlines()
                        if "Hold Timer Expired" in line and any(f"peer {ip} " in line for ip in stable_ips)]
        summary["stable_hold_timer_expiries"] = len(hold_expired)
        # "RSS back within 10%": the daemon's own (anonymous) memory. bgpd
        # hands freed heap back every MemoryRelease period (10 s), so "back"
        # means after the next period or two, not the instant the tables
        # converged: wait up to RSS_SETTLE_S for it, and say how long.
        before = summary.get("anon_before_kib")
        settle_start = time.monotonic()
        after = summary.get("anon_after_kib")
        limit = before * (1 + RSS_TOLERANCE) + a.rss_slack_kib if before else 0
        summary["anon_limit_kib"] = round(limit)
        while before and after and after > limit \
                and time.monotonic() - settle_start < RSS_SETTLE_S:
            time.sleep(1)
            after = anon_kib(pid)
        summary["anon_settled_kib"] = after
        summary["rss_settled_kib"] = rss_kib(pid)
        summary["rss_settle_s"] = round(time.monotonic() - settle_start, 1)
        rss_ok = bool(before and after and after <= limit)
        summary["rss_back_within_limit"] = rss_ok
        if a.trim_probe:
            subprocess.run(["gdb", "-p", str(pid), "-batch", "-ex", "call (int)malloc_trim(0)"],
                           capture_output=True, timeout=60)
            summary["rss_after_malloc_trim_kib"] = rss_kib(pid)
        # Stop bgpd ourselves so that LeakSanitizer's report lands in its log.
        rs.process.popen.send_signal(signal.SIGTERM)
        try:
            rs.process.popen.wait(60)
        except subprocess.TimeoutExpired:
            pass
        rc = rs.process.popen.returncode
        summary["bgpd_exit"] = rc
        leak_ok = True
        if asan:
            leaks = re.findall(r"ERROR: LeakSanitizer: detected memory leaks", rs.process.log_text())
            summary["asan_leaks"] = len(leaks)
            leak_ok = not leaks and rc == 0
        ok = (summary.get("driver_ok", False) and summary.get("tables_exact", False) and rss_ok
              and not hold_expired and leak_ok and rc == 0)
    finally:
        lab.close()
    summary["ok"] = ok
    print(f"soak: {'PASS' if ok else 'FAIL'}: {json.dumps(summary)}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(summary, f, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
