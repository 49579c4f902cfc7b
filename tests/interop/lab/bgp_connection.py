"""One BGP connection's plumbing, shared by the lab's raw speakers:
raw_session.py (a test drives one session step by step), peers/raw_bgp/
speaker.py (a client process sending crafted UPDATEs) and raw_bgp.py (many
load sessions in one loop). It connects from a source address (from inside
a netns if asked), exchanges OPEN and KEEPALIVE, sends KEEPALIVEs at a third
of the negotiated hold time, buffers what the socket does not take yet and
splits what it receives into messages. Message bytes come from
bgp_messages.py; what a received message means is the caller's business
(on_message)."""

from __future__ import annotations

import ctypes
import os
import select
import socket
import struct
import threading
import time

try:  # as part of the lab package (pytest) or as a top-level module (netns scripts)
    from . import bgp_messages as m
except ImportError:
    import bgp_messages as m

_CLONE_NEWNET = 0x40000000


def connect(rs_ip: str, port: int = 179, local_ip: str | None = None, timeout: float = 10.0,
            rcvbuf: int | None = None, netns: str | None = None) -> socket.socket:
    """A TCP connection to the RS, from local_ip if given. With netns, from
    inside /run/netns/NETNS: a thread enters it (setns(2) switches only the
    calling thread), so the caller stays where it is."""
    if netns is None:
        return _connect(rs_ip, port, local_ip, timeout, rcvbuf)
    result: dict = {}

    def work():
        fd = os.open(f"/run/netns/{netns}", os.O_RDONLY)
        try:
            if ctypes.CDLL(None, use_errno=True).setns(fd, _CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), f"setns {netns}")
            result["sock"] = _connect(rs_ip, port, local_ip, timeout, rcvbuf)
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


def _connect(rs_ip: str, port: int, local_ip: str | None, timeout: float, rcvbuf: int | None) -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if rcvbuf:  # before connect, so that the window scale fits it
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        if local_ip:
            s.bind((local_ip, 0))
        s.settimeout(timeout)
        s.connect((rs_ip, port))
    except BaseException:
        s.close()
        raise
    return s


def keepalive_time(hold_time: int) -> int:
    """Seconds between KEEPALIVEs for a hold time: a third of it (RFC 4271
    §10), at least one; every speaker of the lab is configured with it."""
    return max(1, hold_time // 3)


def notification_text(n: tuple[int, int, bytes] | None) -> str:
    if n is None:
        return "none"
    code, sub, data = n
    return f"{code}/{sub}" + (f" data {data.hex()}" if data else "")


class Connection:
    """One BGP session over a connected socket, which it makes non-blocking.
    Sending never blocks (the rest waits in a buffer for flush()); receive()
    reads once and hands every whole message to on_message(kind, body) after
    noting the RS's OPEN, KEEPALIVE and NOTIFICATION. Established only once
    establish() has sent our KEEPALIVE and seen the RS's: start_open() alone
    leaves the session in OpenConfirm, with no KEEPALIVE sent."""

    def __init__(self, sock: socket.socket, asn: int, router_id: str, hold_time: int = 90,
                 families=(m.IPV4_UNICAST,), on_message=None):
        self.sock = sock
        sock.setblocking(False)
        self.asn, self.router_id, self.hold_time, self.families = asn, router_id, hold_time, families
        self.on_message = on_message or (lambda kind, body: None)
        self.peer_open: bytes | None = None       # the body of the RS's OPEN
        self.peer_keepalive = False               # a KEEPALIVE from the RS after its OPEN
        self.established = False
        self.notification: tuple[int, int, bytes] | None = None  # (code, subcode, data) from the RS
        self.closed: str | None = None            # why, once the connection is gone
        self.bytes_in = 0
        self.last_in = time.monotonic()
        self._rbuf = b""
        self._wbuf = bytearray()
        self._wlock = threading.Lock()            # raw_session sends from two threads
        self._last_keepalive = time.monotonic()

    # -- sending ---------------------------------------------------------------
    def send(self, data: bytes) -> None:
        with self._wlock:
            self._wbuf += data
        self.flush()

    def flush(self) -> bool:
        """Writes what the socket takes; True when nothing is left."""
        with self._wlock:
            while self._wbuf and not self.closed:
                try:
                    n = self.sock.send(self._wbuf[:1 << 20])
                except BlockingIOError:
                    return False
                except OSError as e:
                    self._wbuf.clear()
                    self.write_failed(e)
                    return True
                del self._wbuf[:n]
            return not self._wbuf

    def write_failed(self, error: OSError) -> None:
        """The RS is gone; a subclass that still wants to read what it sent
        before (its NOTIFICATION) keeps the socket open."""
        self.lost(f"write: {error}")

    def pending_out(self) -> int:
        return len(self._wbuf)

    def send_open(self, open_msg: bytes | None = None, families=None) -> None:
        self.send(open_msg or m.open_message(self.asn, self.router_id, self.hold_time,
                                             families=families or self.families))

    # -- receiving -------------------------------------------------------------
    def receive(self, size: int = 1 << 20) -> bool:
        """Reads once what the socket has and handles every whole message in
        it; False once the connection is gone."""
        if self.closed:
            return False
        try:
            data = self.sock.recv(size)
        except BlockingIOError:
            return True
        except OSError as e:
            self.lost(f"read: {e}")
            return False
        if not data:
            self.lost("closed by the RS")
            return False
        self.bytes_in += len(data)
        self.last_in = time.monotonic()
        messages, self._rbuf = m.split_messages(self._rbuf + data)
        for kind, body in messages:
            if kind == m.OPEN:
                self.peer_open = body
            elif kind == m.KEEPALIVE and self.peer_open is not None:
                self.peer_keepalive = True
            elif kind == m.NOTIFICATION and len(body) >= 2:
                self.notification = (body[0], body[1], body[2:])
            self.on_message(kind, body)
        return True

    def poll(self, timeout: float) -> None:
        """Waits up to `timeout` for bytes from the RS and reads them, then
        writes what waits and sends a KEEPALIVE when one is due."""
        if self.closed:
            return
        try:
            readable, _, _ = select.select([self.sock], [], [], timeout)
        except (OSError, ValueError):  # closed meanwhile by another thread
            return
        if readable:
            self.receive()
        self.flush()
        self.tick(time.monotonic())

    def wait_until(self, pred, timeout: float) -> bool:
        """Polls until pred() is true (True) or `timeout` passes or the
        connection is gone (pred() then)."""
        deadline = time.monotonic() + timeout
        while not pred():
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                return pred()
            self.poll(min(left, 0.2))
        return True

    # -- the session -----------------------------------------------------------
    def start_open(self, open_msg: bytes | None = None, families=None, timeout: float = 15.0) -> None:
        """Sends our OPEN (or `open_msg`) and waits for the RS's OPEN, or the close."""
        self.send_open(open_msg, families)
        if not self.wait_until(lambda: self.peer_open is not None or self.closed, timeout):
            raise TimeoutError(f"{self.router_id}: no OPEN from the RS")

    def establish(self, families=None, timeout: float = 15.0) -> None:
        """OPEN both ways, then KEEPALIVE both ways; raises unless Established."""
        self.start_open(families=families, timeout=timeout)
        if self.closed or self.notification:
            raise ConnectionError(f"{self.router_id}: RS refused the OPEN: "
                                  f"{notification_text(self.notification)}, {self.closed}")
        self.send(m.keepalive())
        self._last_keepalive = time.monotonic()
        if not self.wait_until(lambda: self.peer_keepalive or self.closed, timeout):
            raise TimeoutError(f"{self.router_id}: no KEEPALIVE from the RS")
        if self.closed or self.notification:
            raise ConnectionError(f"{self.router_id}: RS refused the session: "
                                  f"{notification_text(self.notification)}, {self.closed}")
        self.established = True

    def keepalive_interval(self) -> int | None:
        """keepalive_time() of the hold time both sides agreed on (RFC 4271
        §4.2); None when it is zero (no KEEPALIVEs)."""
        hold = self.hold_time
        if self.peer_open is not None and len(self.peer_open) >= 5:
            hold = min(hold, struct.unpack_from("!H", self.peer_open, 3)[0])
        return keepalive_time(hold) if hold else None

    def tick(self, now: float) -> None:
        """Sends a KEEPALIVE when one is due."""
        interval = self.keepalive_interval()
        if self.established and not self.closed and interval and now - self._last_keepalive >= interval:
            self._last_keepalive = now
            self.send(m.keepalive())

    def lost(self, reason: str) -> None:
        if self.closed:
            return
        self.closed = reason
        self.established = False
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked on it
        except OSError:
            pass
        self.sock.close()

    def close(self, notify: bool = False) -> None:
        """Ends the session: what waits to be written and a Cease /
        Administrative Shutdown first if `notify`, else an abrupt close."""
        if notify and not self.closed:
            try:
                self.sock.setblocking(True)
                self.sock.settimeout(1)
                with self._wlock:
                    self.sock.sendall(bytes(self._wbuf) + m.notification(6, 2))
            except OSError:
                pass
        self.lost("closed by us")
