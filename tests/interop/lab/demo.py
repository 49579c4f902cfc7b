"""The demo behind scripts/demo: a lab with the route server (our bgpd by
default) and FRR, GoBGP and BIRD clients, each announcing a few prefixes;
prints the RS's summary and RIB and every client's own view, then tears the
lab down (or keeps it with --keep until Ctrl-C).

  /usr/bin/python3 -m tests.interop.lab.demo [--build-dir DIR] [--rs meshbgp|bird] [--keep]"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from . import topologies
from .route_server import meshbgp_bgpctl, meshbgp_bgpd
from .wait import WaitTimeout

DEMO_KINDS = ["frr", "gobgp", "bird"]


def _section(title: str, command: str, text: str) -> None:
    print(f"\n=== {title}\n$ {command}\n{text.rstrip()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="scripts/demo", description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default=None, help="meshbgp build directory (default: build/)")
    ap.add_argument("--rs", choices=["meshbgp", "bird"], default="meshbgp", help="route server to run")
    ap.add_argument("--keep", action="store_true", help="keep the lab running until Ctrl-C")
    args = ap.parse_args(argv)
    if args.build_dir:
        os.environ["MESHBGP_BUILD_DIR"] = os.path.abspath(args.build_dir)
    if os.geteuid() != 0:
        print("demo: needs root (network namespaces)", file=sys.stderr)
        return 2
    if args.rs == "meshbgp":
        for binary in (meshbgp_bgpd(), meshbgp_bgpctl()):
            if not os.access(binary, os.X_OK):
                print(f"demo: {binary} not found: build meshbgp first (the demo builds nothing)", file=sys.stderr)
                return 2

    lab = topologies.relay_lab(route_server=True, with_victim=False, kinds=DEMO_KINDS, label="demo",
                               kind=args.rs)
    rs_name = f"meshbgp bgpd ({meshbgp_bgpd()})" if args.rs == "meshbgp" else "BIRD 2 (rs client)"
    print(f"meshbgp demo: route server {rs_name} at 10.0.0.1 AS 65000, clients:")
    for c in lab.client_specs:
        print(f"  {c.name:8} AS{65000 + c.index}  {c.address:10}  announces "
              + ", ".join(a.prefix for a in c.announcements))
    t0 = time.monotonic()
    try:
        lab.start()
        print(f"\nall sessions Established after {time.monotonic() - t0:.1f} s", end="")
        try:
            lab.wait_converged(timeout=20)
            print(f", every client holds every other client's routes after {time.monotonic() - t0:.1f} s")
        except WaitTimeout as e:
            print(f"\nNOT CONVERGED:\n{e}")
        for title, (cmd, text) in (("route server: sessions", lab.rs.summary_text()),
                                   ("route server: RIB", lab.rs.rib_text())):
            _section(title, cmd, text)
        for p in lab.peers.values():
            cmd, text = p.rib_text()
            _section(f"{p.name} (AS{p.asn}, {p.ip}): its own view", cmd, text)
        if args.keep:
            print(f"\nlab running: configs and logs in {lab.lab.dir}, namespaces {lab.lab.id}-*")
            if args.rs == "meshbgp":
                print(f"  {meshbgp_bgpctl()} -s {lab.rs.sock} show summary")
            print("Ctrl-C tears it all down.")
            # Explicit handlers: a shell without job control starts background
            # jobs with SIGINT ignored, and Python then never raises KeyboardInterrupt.
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            try:
                signal.pause()
            except KeyboardInterrupt:
                print()
        return 0
    except Exception as e:  # noqa: BLE001 - print, then tear down in finally
        print(f"\ndemo failed: {e}\n{lab.log_report(20)}", file=sys.stderr)
        return 1
    finally:
        lab.close()


if __name__ == "__main__":
    sys.exit(main())
