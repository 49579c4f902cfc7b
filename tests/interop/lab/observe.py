"""Watching an operation (a reload, a neighbor reset, a shutdown) from both
sides: what the clients report before and after it (session marks,
withdrawals, NOTIFICATIONs received) and what the RS logged since it began.
Every wait polls with a deadline and fails with what it saw."""

from __future__ import annotations

import re

from .peers.base import Notifications, Peer
from .wait import wait_for


class RsLog:
    """The RS's log from the moment this object is made."""

    def __init__(self, lab):
        self.process = lab.rs.process
        self.start = len(self.process.log_text())

    def text(self) -> str:
        return self.process.log_text()[self.start:]

    def count(self, pattern: str) -> int:
        return len(re.findall(pattern, self.text(), re.M))

    def wait(self, pattern: str, what: str, timeout: float = 10, count: int = 1) -> str:
        """Until `pattern` (a regex) matched `count` lines logged since the start."""
        def check():
            text = self.text()
            return len(re.findall(pattern, text, re.M)) >= count, text[-3000:] or "<nothing logged>"
        return wait_for(check, timeout, f"the RS to log {what} ({count}x /{pattern}/)")


def session_lines(peer: Peer, group: str) -> str:
    """The start of the RS's log lines about one session: "peer 10.0.0.12 AS65012 [CLIENTS]: "."""
    return rf"peer {re.escape(peer.ip)} AS{peer.asn} \[{re.escape(group)}\]: "


def wait_notification(peer: Peer, before: Notifications, code: tuple[int, int], what: str,
                      message: str | None = None, timeout: float = 15) -> Notifications:
    """Until `peer` says it received one more NOTIFICATION than `before` and
    the last one is `code`, with the shutdown communication `message` if given."""
    def check():
        now = peer.notifications()
        done = now.count > before.count and now.last == code and (message is None or now.message == message)
        return done, now
    return wait_for(check, timeout, f"{peer!r} to receive NOTIFICATION {code[0]}/{code[1]} ({what})"
                                    + (f' with shutdown message "{message}"' if message else "")
                                    + f" after {before}")


class Untouched:
    """Clients an operation must leave alone: their sessions are never reset
    and the RS withdraws none of their routes (only those of `affected` peers).

        watch = Untouched(others)
        ... the operation ...
        watch.check(affected_prefixes)
    """

    def __init__(self, peers: list[Peer]):
        self.peers = peers
        self.marks = {p.name: p.session_mark() for p in peers}
        self.withdrawals = {p.name: p.withdrawals_received() for p in peers}
        self.withdrawn_before = {p.name: len(p.withdrawn_prefixes()) for p in peers if hasattr(p, "withdrawn_prefixes")}

    def check(self, affected_prefixes) -> None:
        affected = set(affected_prefixes)
        wrong = {}
        for p in self.peers:
            mark = p.session_mark()
            if mark != self.marks[p.name]:
                wrong[p.name] = f"session re-established: mark {self.marks[p.name]} -> {mark}"
                continue
            if p.name in self.withdrawn_before:  # ExaBGP logs every withdrawn prefix
                stray = set(p.withdrawn_prefixes()[self.withdrawn_before[p.name]:]) - affected
                if stray:
                    wrong[p.name] = f"the RS withdrew {sorted(stray)}, which no affected peer announced"
                continue
            if self.withdrawals[p.name] is not None:  # a counter of withdrawn prefixes
                delta = p.withdrawals_received() - self.withdrawals[p.name]
                if delta > len(affected):
                    wrong[p.name] = (f"{delta} prefixes withdrawn, more than the {len(affected)} of the "
                                     f"affected peers {sorted(affected)}")
        assert not wrong, f"clients that had to be left alone were not: {wrong}"
