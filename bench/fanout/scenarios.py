"""The cells beyond the plain fan-out, as options of run_fanout.py:

- full table: --announcers 1 with N = listeners + 1 (1 client x P prefixes
  relayed to N-1 clients that announce nothing);
- churn: --churn (after the initial load, client 0 withdraws all its P
  prefixes, then announces them again; each step timed from its first write
  until every other client reflects it);
- sessions: many clients, a short --hold-time and --linger S (the sessions
  stay up S more seconds after the load and none may go down): t_connect is
  the time until all were Established.

Also which daemons a cell is too big for (GoBGP takes minutes on 10x10000)."""

from __future__ import annotations

import argparse

from . import summary

# GoBGP took 142 s for 10x10000 on this machine: anything with more
# deliveries ((N-1) x P routes held in total) than this is skipped.
GOBGP_MAX_DELIVERIES = 100_000 * 9


def add_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--announcers", type=int, default=0,
                    help="only clients 0..K-1 announce, the others listen (full table: 1)")
    ap.add_argument("--churn", action="store_true",
                    help="then client 0 withdraws all its prefixes and announces them again")
    ap.add_argument("--linger", type=float, default=0,
                    help="keep the sessions up S more seconds at the end; none may go down")
    ap.add_argument("--connect-timeout", type=float, default=0,
                    help="loadgen: give up unless all sessions are Established within S s (60)")


def loadgen_args(args) -> list[str]:
    out = []
    if args.announcers:
        out += ["--announcers", str(args.announcers)]
    if args.churn:
        out.append("--churn")
    if args.linger:
        out += ["--linger", str(args.linger)]
    if args.connect_timeout:
        out += ["--connect-timeout", str(args.connect_timeout)]
    return out


def skips_sink(args) -> str | None:
    if args.announcers or args.churn:
        return "the sink only plays the plain fan-out (every client announcing, no churn)"
    return None


def deliveries(n: int, p: int, announcers: int) -> int:
    k = announcers if 0 < announcers < n else n
    return k * p * (n - 1)


def too_big(daemon: str, cells: list[tuple[int, int]], args) -> str | None:
    if daemon != "gobgp":
        return None
    big = [f"{n}x{p}" for n, p in cells if deliveries(n, p, args.announcers) > GOBGP_MAX_DELIVERIES]
    if big:
        return (f"GoBGP needs minutes per run from 10x10000 up (142 s measured); "
                f"{', '.join(big)} would take far longer")
    return None


def metrics(args):
    out = [summary.METRICS[0]]
    if args.churn:
        out += [("churn_withdraw_s", "withdraw reflected (s)", "{:.4f}"),
                ("churn_reannounce_s", "re-announce reflected (s)", "{:.4f}")]
    if args.linger:
        out += [("t_connect", "all Established (s)", "{:.3f}")]
    return out + list(summary.METRICS[1:])
