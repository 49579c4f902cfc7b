#!/usr/bin/env python3
"""Route-server fan-out benchmark: meshbgp against BIRD, FRR, OpenBGPD and
GoBGP on the same machine, the same lab and the same load.

For every cell NxP (N clients, P unique IPv4 /24s each) and repetition, each
daemon in turn (interleaved: A B C, A B C, ...) is started as the route
server in its own netns, meshbgp-loadgen opens the N client sessions from
another netns, announces everything once all are Established and waits
until every client holds the (N-1)*P routes of the others. Recorded per
run: the completion time from the first UPDATE written, and the daemon's
CPU seconds and peak RSS (summed over its processes), read from /proc
while the sessions are still up. A run of the load generator against its
own do-nothing sink gives the harness floor.

  sudo MESHBGP_BUILD_DIR=build bench/run_fanout.py --cells 10x10000,20x20000 --reps 3

--family evpn sends P EVPN MAC/IP (type-2) routes per client instead of
/24s, to the daemons that can relay EVPN (meshbgp, FRR, GoBGP):

  sudo MESHBGP_BUILD_DIR=build bench/run_fanout.py --family evpn --daemons meshbgp,frr,gobgp --cells 10x5000

Needs root (network namespaces). See bench/README.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fanout import procstat, summary  # noqa: E402
from fanout.daemons import DAEMONS, RsSpec  # noqa: E402
from fanout.lab import CLIENT_RANGE, RS_IP, FanoutLab, client_ip  # noqa: E402
from fanout.loadgen import FIRST_AS, loadgen_path, run_loadgen  # noqa: E402

DEFAULT_DAEMONS = "meshbgp,bird,frr,openbgpd"


def parse_cells(text: str) -> list[tuple[int, int]]:
    cells = []
    for part in text.split(","):
        try:
            n, p = part.lower().split("x")
            cells.append((int(n), int(p)))
        except ValueError:
            raise SystemExit(f"--cells: expected NxP[,NxP...], got {part!r}")
    return cells


def machine_info() -> dict:
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    pressure = None
    try:  # share of the last minute in which some runnable task waited for a CPU
        with open("/proc/pressure/cpu") as f:
            pressure = float(f.readline().split()[2].split("=")[1])
    except (OSError, IndexError, ValueError):
        pass
    return {"nproc": os.cpu_count(), "kernel": platform.release(), "cpu": model,
            "loadavg_at_start": os.getloadavg()[0], "cpu_pressure_avg60": pressure}


def build_type() -> str:
    cache = os.path.join(os.path.dirname(os.path.dirname(loadgen_path())), "CMakeCache.txt")
    try:
        with open(cache) as f:
            for line in f:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def run_daemon(lab: FanoutLab, name: str, n: int, p: int, rep: int, args) -> dict:
    cell = f"{n}x{p}"
    record = {"cell": cell, "daemon": name, "rep": rep}
    spec = RsSpec(asn=args.rs_asn, ip=RS_IP, clients=[(client_ip(i), FIRST_AS + i) for i in range(n)],
                  allow=CLIENT_RANGE, hold_time=args.hold_time, family=args.family)
    rs = DAEMONS[name](lab.rs, spec, os.path.join(lab.dir, f"{cell}-{name}-{rep}"))
    sampled: dict = {}

    def on_report(report: dict) -> None:
        if rs.process.alive():
            sampled.update(procstat.sample(rs.pid))

    try:
        rs.start()
        rs.wait_ready()
        report = run_loadgen(lab.lg.ns, n, p, args.rs_asn, args.timeout, args.threads,
                             os.path.join(lab.dir, f"loadgen-{cell}-{name}-{rep}.log"), on_report,
                             extra=["--family", args.family])
        record.update(_from_report(report))
        record.update(sampled)
        if report.get("error"):
            record["daemon_log"] = rs.log_tail(15)
    except Exception as e:  # noqa: BLE001 - one failed run must not end the benchmark
        record["error"] = f"{type(e).__name__}: {e}"
        record["complete_s"] = None
    finally:
        rs.stop()
    return record


def run_sink(lab: FanoutLab, n: int, p: int, rep: int, args) -> dict:
    cell = f"{n}x{p}"
    record = {"cell": cell, "daemon": "sink", "rep": rep}
    try:
        report = run_loadgen(lab.lg.ns, n, p, args.rs_asn, args.timeout, args.threads,
                             os.path.join(lab.dir, f"loadgen-{cell}-sink-{rep}.log"), sink_ns=lab.rs.ns,
                             extra=["--family", args.family])
        record.update(_from_report(report))
    except Exception as e:  # noqa: BLE001
        record["error"] = f"{type(e).__name__}: {e}"
        record["complete_s"] = None
    return record


def _from_report(report: dict) -> dict:
    return {k: report.get(k) for k in ("complete_s", "written_s", "median_session_complete_s",
                                       "t_connect", "timeout", "error")}


def describe(r: dict) -> str:
    if r.get("complete_s") is None:
        return f"FAILED: {r.get('error')}" + (f"\n{r['daemon_log']}" if r.get("daemon_log") else "")
    s = f"complete {r['complete_s']:.3f} s (written {r['written_s']:.3f} s)"
    if "cpu_s" in r:
        s += f", CPU {r['cpu_s']:.2f} s, peak RSS {r['peak_rss_mb']:.0f} MB over {r['processes']} process(es)"
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--daemons", default=DEFAULT_DAEMONS,
                    help=f"comma-separated, from {','.join(DAEMONS)} (default {DEFAULT_DAEMONS}); "
                         "unavailable ones are skipped with a note")
    ap.add_argument("--cells", default="10x10000", help="NxP[,NxP...]: N clients, P prefixes each")
    ap.add_argument("--family", choices=("ipv4", "evpn"), default="ipv4",
                    help="ipv4: P /24s per client; evpn: P EVPN type-2 routes per client")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120, help="per run, from the first UPDATE (s)")
    ap.add_argument("--threads", type=int, default=1, help="load generator threads")
    ap.add_argument("--hold-time", type=int, default=90)
    ap.add_argument("--rs-asn", type=int, default=65000)
    ap.add_argument("--no-sink", action="store_true", help="skip the harness-floor runs")
    ap.add_argument("--json", help="also write every run's record here")
    ap.add_argument("--keep-dir", action="store_true", help="keep the lab directory (configs, logs)")
    args = ap.parse_args()

    if os.geteuid() != 0:
        print("run_fanout.py needs root (network namespaces)", file=sys.stderr)
        return 2
    if not os.access(loadgen_path(), os.X_OK):
        print(f"{loadgen_path()} not found: build it (ninja -C $MESHBGP_BUILD_DIR meshbgp-loadgen) "
              "or set MESHBGP_BUILD_DIR / MESHBGP_LOADGEN", file=sys.stderr)
        return 2
    cells = parse_cells(args.cells)
    daemons = []
    for name in [d.strip() for d in args.daemons.split(",") if d.strip()]:
        if name not in DAEMONS:
            print(f"unknown daemon {name!r}: choose from {', '.join(DAEMONS)}", file=sys.stderr)
            return 2
        why = DAEMONS[name].available()
        if not why and args.family not in DAEMONS[name].families:
            why = f"cannot relay {args.family} as a route server here"
        if why:
            print(f"skipping {name}: {why}", file=sys.stderr)
        else:
            daemons.append(name)

    info = machine_info()
    info["loadgen"] = loadgen_path()
    info["build_type"] = build_type()
    info["versions"] = {d: DAEMONS[d].version() for d in daemons}
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), kernel {info['kernel']}, "
          f"load average {info['loadavg_at_start']:.2f} at start, CPU pressure {info['cpu_pressure_avg60']}% "
          "(figures from a busy machine are inflated: compare ratios)")
    print(f"loadgen: {info['loadgen']} ({info['build_type']} build), {args.threads} thread(s), "
          f"family {args.family}")
    print("daemons: " + ", ".join(f"{d} {v}" for d, v in info["versions"].items()))
    if info["build_type"] == "Debug":
        print("warning: the load generator is a Debug build; figures will be pessimistic", file=sys.stderr)

    records = []
    order = daemons + ([] if args.no_sink else ["sink"])
    with FanoutLab(max(n for n, _ in cells), keep_dir=args.keep_dir) as lab:
        print(f"lab: {lab.dir}" + ("" if args.keep_dir else " (removed at the end; --keep-dir keeps it)"))
        for n, p in cells:
            for rep in range(1, args.reps + 1):
                for name in order:
                    t0 = time.monotonic()
                    r = run_sink(lab, n, p, rep, args) if name == "sink" else run_daemon(lab, name, n, p, rep, args)
                    records.append(r)
                    print(f"[{n}x{p} rep {rep}/{args.reps}] {name:9s} {describe(r)} "
                          f"({time.monotonic() - t0:.1f} s wall)", flush=True)

    print()
    print(summary.table(records, [f"{n}x{p}" for n, p in cells], daemons))
    print(f"\nmedians of {args.reps}; complete = every client holds all (N-1)*P routes of the others, "
          "timed from the first UPDATE written; 'x best other' = this daemon / the best of the others")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "args": vars(args), "runs": records}, f, indent=1)
    return 0 if all(r.get("complete_s") is not None for r in records) else 1


if __name__ == "__main__":
    sys.exit(main())
