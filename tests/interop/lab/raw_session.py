"""A raw BGP speaker inside a lab node, for sending the route server bytes
no real daemon would send (test_malformed_messages.py), driven by the test
itself, in step with its bgpctl checks. The connection (bgp_connection.py)
is opened from inside the node's netns; a reader thread then keeps every
message the RS sends, in order, and keeps an established session inside
the RS's hold time."""

from __future__ import annotations

import threading
import time

from .bgp_connection import Connection, connect


class RawSession(Connection):
    def __init__(self, ns: str, rs_ip: str, asn: int, router_id: str):
        self.messages: list[tuple[int, bytes]] = []  # (type, body) received, in order
        self._cv = threading.Condition()
        super().__init__(connect(rs_ip, netns=ns), asn, router_id,
                         on_message=lambda kind, body: self.messages.append((kind, body)))
        threading.Thread(target=self._read, daemon=True).start()

    # -- the reader thread polls; the test's thread waits --------------------------
    def _read(self) -> None:
        while not self.closed:
            self.poll(0.2)
        with self._cv:
            self._cv.notify_all()

    def receive(self, size: int = 1 << 20) -> bool:
        with self._cv:
            alive = super().receive(size)
            self._cv.notify_all()
            return alive

    def wait_until(self, pred, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cv:
            while not pred():
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    return pred()
                self._cv.wait(min(left, 0.2))
            return True

    def write_failed(self, error: OSError) -> None:
        pass  # the RS closed: the reader still reads its NOTIFICATION, then the close

    # -- what the RS did -----------------------------------------------------------
    def types(self) -> list[int]:
        with self._cv:
            return [t for t, _ in self.messages]

    def wait_closed(self, timeout: float = 15.0) -> bool:
        return self.wait_until(lambda: self.closed is not None, timeout)

    def still_up(self, seconds: float = 1.0) -> bool:
        """No NOTIFICATION and no close for `seconds`."""
        return not self.wait_until(lambda: self.closed is not None or self.notification is not None, seconds)
