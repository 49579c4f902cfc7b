"""Runs meshbgp-loadgen in the lab's load-generator netns. With
--wait-stdin it prints its report once every session is complete (or it
gave up) and keeps the sessions up until its stdin closes, so the route
server is sampled while it still serves them, before any teardown work."""

from __future__ import annotations

import json
import os
import subprocess
from typing import Callable

from .lab import RS_IP, client_ip
from .daemons.meshbgp import build_dir

FIRST_AS = 65001
# Options every run of this invocation adds (run_fanout.py's --announcers,
# --churn, --linger).
EXTRA_ARGS: list[str] = []


def loadgen_path() -> str:
    return os.environ.get("MESHBGP_LOADGEN") or os.path.join(build_dir(), "bench", "meshbgp-loadgen")


def run_loadgen(ns: str, clients: int, prefixes: int, rs_asn: int, timeout: float,
                threads: int, log_path: str, on_report: Callable[[dict], None] | None = None,
                sink_ns: str | None = None, extra: list[str] = ()) -> dict:
    """Returns the loadgen's JSON report (also saved beside log_path as
    .json); calls on_report(report) while the sessions are still up."""
    argv = ["ip", "netns", "exec", ns, loadgen_path(),
            "--rs", RS_IP, "--sources", f"{client_ip(0)}+{clients}",
            "--local-as-base", str(FIRST_AS), "--rs-as", str(rs_asn),
            "--prefixes", str(prefixes), "--timeout", str(timeout),
            "--threads", str(threads), "--wait-stdin", *extra, *EXTRA_ARGS]
    if sink_ns:
        argv += ["--sink", "--sink-netns", sink_ns]
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            # The report is pretty-printed JSON ending with a "}" line.
            lines = []
            for line in proc.stdout:
                lines.append(line)
                if line.rstrip("\n") == "}":
                    break
            if not lines:
                proc.wait(10)
                raise RuntimeError(f"meshbgp-loadgen printed no report (exit {proc.returncode}); see {log_path}")
            report = json.loads("".join(lines))
            with open(os.path.splitext(log_path)[0] + ".json", "w") as f:
                f.write("".join(lines))
            if on_report:
                on_report(report)
            proc.stdin.close()
            proc.wait(30)
            return report
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
