"""A raw BGP speaker inside a lab node, for sending the route server bytes
no real daemon would send (test_malformed_messages.py). The TCP socket is
created by a thread that has entered the node's network namespace
(setns(2) switches only the calling thread), so the test drives it
directly, in step with its bgpctl checks. A reader thread splits what the
RS sends into messages; a keepalive thread keeps an established session
inside the RS's hold time."""

from __future__ import annotations

import ctypes
import os
import socket
import threading
import time

from . import bgp_messages as m

_CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def connect_in_netns(ns: str, host: str, port: int = 179, timeout: float = 10.0) -> socket.socket:
    result: dict = {}

    def work():
        fd = os.open(f"/run/netns/{ns}", os.O_RDONLY)
        try:
            if _libc.setns(fd, _CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), f"setns {ns}")
            result["sock"] = socket.create_connection((host, port), timeout=timeout)
        except Exception as e:  # noqa: BLE001 - handed to the caller
            result["error"] = e
        finally:
            os.close(fd)
    t = threading.Thread(target=work)
    t.start()
    t.join()
    if "error" in result:
        raise result["error"]
    return result["sock"]


class RawSession:
    def __init__(self, ns: str, rs_ip: str, asn: int, router_id: str):
        self.asn = asn
        self.router_id = router_id
        self.sock = connect_in_netns(ns, rs_ip)
        self.sock.settimeout(None)
        self.messages: list[tuple[int, bytes]] = []  # (type, body) received, in order
        self.closed = False
        self._cv = threading.Condition()
        self._send_lock = threading.Lock()
        self._stop = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    # -- I/O ---------------------------------------------------------------
    def _read(self):
        buf = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                chunk = b""
            with self._cv:
                if not chunk:
                    self.closed = True
                    self._cv.notify_all()
                    return
                buf += chunk
                msgs, buf = m.split_messages(buf)
                self.messages += msgs
                self._cv.notify_all()

    def send(self, data: bytes) -> None:
        with self._send_lock:
            try:
                self.sock.sendall(data)
            except OSError:
                pass  # closed by the RS: the reader says so

    def wait(self, pred, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cv:
            while not pred():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cv.wait(left)
            return True

    def close(self) -> None:
        self._stop.set()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()

    # -- what the RS did ---------------------------------------------------
    def types(self) -> list[int]:
        with self._cv:
            return [t for t, _ in self.messages]

    def notification(self) -> tuple[int, int, bytes] | None:
        with self._cv:
            for t, body in self.messages:
                if t == m.NOTIFICATION and len(body) >= 2:
                    return body[0], body[1], body[2:]
        return None

    def wait_closed(self, timeout: float = 15.0) -> bool:
        return self.wait(lambda: self.closed, timeout)

    # -- session -----------------------------------------------------------
    def start_open(self, open_msg: bytes | None = None, families=(m.IPV4_UNICAST,)) -> None:
        """Sends our OPEN and waits for the RS's."""
        self.send(open_msg or m.open_message(self.asn, self.router_id, families=families))
        if not self.wait(lambda: m.OPEN in [t for t, _ in self.messages] or self.closed, 15):
            raise TimeoutError("no OPEN from the RS")

    def establish(self, families=(m.IPV4_UNICAST,)) -> None:
        """OPEN both ways, KEEPALIVE both ways; then a KEEPALIVE every 2 s."""
        self.start_open(families=families)
        self.send(m.keepalive())
        if not self.wait(lambda: m.KEEPALIVE in [t for t, _ in self.messages] or self.closed, 15):
            raise TimeoutError("no KEEPALIVE from the RS")
        if self.closed or self.notification():
            raise ConnectionError(f"RS refused the session: {self.notification()}")
        threading.Thread(target=self._keepalives, daemon=True).start()

    def _keepalives(self):
        while not self._stop.wait(2.0) and not self.closed:
            self.send(m.keepalive())

    def still_up(self, seconds: float = 1.0) -> bool:
        """No NOTIFICATION and no close for `seconds`."""
        closed_or_notified = self.wait(lambda: self.closed or m.NOTIFICATION in [t for t, _ in self.messages],
                                       seconds)
        return not closed_or_notified


def notification_text(n: tuple[int, int, bytes] | None) -> str:
    if n is None:
        return "none"
    code, sub, data = n
    return f"{code}/{sub}" + (f" data {data.hex()}" if data else "")



