"""What every route-server client can do, whatever daemon it is.

A Peer lives in its own lab node, has one BGP session to the route server
and originates Announcements. Subclasses write the daemon's config into the
node's directory, start it, and read the daemon's OWN view of the routes it
received, normalized by lab.routes."""

from __future__ import annotations

import os
import pprint
from dataclasses import dataclass

from ..bgp_connection import keepalive_time
from ..netns import Node, Process
from ..routes import Announcement
from ..wait import wait_for

ESTABLISH_TIMEOUT = 40.0  # GoBGP alone waits 5-10 s before its first connect


class UnsupportedAttribute(ValueError):
    pass


@dataclass(frozen=True)
class Notifications:
    """The NOTIFICATIONs a client received from the RS, as the client itself
    reports them: how many so far (over every session), and the last one."""
    count: int
    last: tuple[int, int] | None = None  # (code, subcode)
    message: str | None = None           # its RFC 9003 shutdown communication, where the client shows it


class Peer:
    kind = "?"
    # Announcement attributes this daemon can originate.
    supports: frozenset[str] = frozenset()
    # Whether the daemon can read a Cease carrying an RFC 9003 shutdown communication.
    decodes_shutdown_communication = True

    def __init__(self, node: Node, asn: int, rs_ip: str, rs_asn: int,
                 announcements: list[Announcement] = (), connect_retry: int = 1, hold_time: int = 9):
        self.node = node
        self.asn = asn
        self.rs_ip = rs_ip
        self.rs_asn = rs_asn
        self.connect_retry = connect_retry
        self.hold_time = hold_time
        self.announced: dict[str, Announcement] = {}
        for a in announcements:
            self._check_supported(a)
            self.announced[a.prefix] = a
        self.process: Process | None = None
        self.dead = False

    # -- identity -------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.node.name

    @property
    def ip(self) -> str:
        return self.node.ip

    @property
    def keepalive_time(self) -> int:
        return keepalive_time(self.hold_time)

    def path(self, *parts: str) -> str:
        return os.path.join(self.node.dir, *parts)

    def __repr__(self) -> str:
        return f"<{self.kind} {self.name} AS{self.asn} {self.ip}>"

    # -- lifecycle ------------------------------------------------------------
    def start(self) -> None:
        """Writes the config and starts the daemon without waiting for it, so
        that a lab starts all its daemons in parallel."""
        raise NotImplementedError

    def after_start(self) -> None:
        """Waits for the daemon's control socket and injects what could not be
        in its config (GoBGP's routes). Called after every daemon was started."""

    def stop(self) -> None:
        if self.process:
            self.process.stop()

    def kill(self) -> None:
        """SIGKILL the daemon and everything it forked, like a crash."""
        assert self.process is not None
        self.process.kill()
        self.dead = True

    def log_tail(self, lines: int = 40) -> str:
        return self.process.log_tail(lines) if self.process else "<not started>"

    def log_text(self) -> str:
        return self.process.log_text() if self.process else ""

    # -- session --------------------------------------------------------------
    def session_state(self) -> str:
        """The daemon's name for its session state with the RS, "Established" once up."""
        raise NotImplementedError

    def established(self) -> bool:
        return self.session_state() == "Established"

    def session_mark(self):
        """A value that changes whenever the session with the RS is
        established anew: equal marks mean the session was never reset."""
        raise NotImplementedError

    def notifications(self) -> Notifications:
        raise NotImplementedError

    def withdrawals_received(self) -> int | None:
        """How many prefixes the RS withdrew from this client so far (over
        every session); None where the daemon does not count them (FRR)."""
        return None

    def refresh_in(self) -> None:
        """Asks the RS to send its table again (ROUTE-REFRESH, RFC 2918)."""
        raise NotImplementedError

    def updates_received(self) -> int:
        """UPDATEs (or routes, as the daemon counts) received from the RS so far."""
        raise NotImplementedError

    def wait_established(self, timeout: float = ESTABLISH_TIMEOUT) -> None:
        wait_for(lambda: (self.established(), self.session_state()), timeout,
                 f"{self!r}: session with the RS {self.rs_ip} Established")

    # -- routes ---------------------------------------------------------------
    def originated(self, a: Announcement) -> Announcement:
        """The announcement as this daemon actually sends it (defaults it adds)."""
        return a

    def as_displayed(self, r: dict) -> dict:
        """A received route as this daemon's output can show it."""
        return r

    def routes(self) -> dict[str, dict]:
        """Routes this client received from the RS, {prefix: lab.routes.route(...)}."""
        raise NotImplementedError

    def rib_text(self) -> tuple[str, str]:
        """(command, output) of the daemon's own human-readable route table."""
        return "routes()", pprint.pformat(self.routes(), width=110)

    def announce(self, a: Announcement) -> None:
        self._check_supported(a)
        self.announced[a.prefix] = a
        self._announce(a)

    def withdraw(self, prefix: str) -> None:
        del self.announced[prefix]
        self._withdraw(prefix)

    def _announce(self, a: Announcement) -> None:
        raise NotImplementedError

    def _withdraw(self, prefix: str) -> None:
        raise NotImplementedError

    def _check_supported(self, a: Announcement) -> None:
        missing = a.attributes_used() - self.supports
        if missing:
            raise UnsupportedAttribute(f"{self.kind} cannot originate {sorted(missing)} ({a})")
