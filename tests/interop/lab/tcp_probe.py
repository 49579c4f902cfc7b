"""A one-shot BGP connection probe, run inside a lab netns as a script:

  python3 tcp_probe.py HOST PORT ASN ROUTER_ID TIMEOUT

Connects, sends an OPEN (as every BGP speaker does first), then reads until
the peer closes or TIMEOUT passes, and prints one JSON object:
  {"connected": bool, "connect_error": str|null, "closed_by_peer": bool,
   "message_types": [1, 4, ...], "received_bytes": N, "elapsed": seconds}
message_types lists the BGP messages the peer sent (1 OPEN, 3 NOTIFICATION,
4 KEEPALIVE), so a test tells "closed before OPEN" from "answered with OPEN".
Also importable: parse_message_types() and build_open() are pure."""

from __future__ import annotations

import json
import socket
import sys
import time

if __package__:
    from . import bgp_messages as m
else:  # run as a script inside a lab netns
    import bgp_messages as m


def build_open(asn: int, router_id: str, hold_time: int = 9) -> bytes:
    return m.open_message(asn, router_id, hold_time=hold_time)


def parse_message_types(data: bytes) -> list[int]:
    return [t for t, _ in m.split_messages(data)[0]]


def probe(host: str, port: int, asn: int, router_id: str, timeout: float) -> dict:
    start = time.monotonic()
    result = {"connected": False, "connect_error": None, "closed_by_peer": False,
              "message_types": [], "received_bytes": 0, "elapsed": 0.0}
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    data = b""
    try:
        s.connect((host, port))
        result["connected"] = True
        try:
            s.sendall(build_open(asn, router_id))
        except OSError:
            pass  # already closed by the peer: the read below says so
        deadline = start + timeout
        while time.monotonic() < deadline:
            s.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = s.recv(4096)
            except socket.timeout:
                break
            except ConnectionResetError:
                result["closed_by_peer"] = True
                break
            if not chunk:
                result["closed_by_peer"] = True
                break
            data += chunk
            if 1 in parse_message_types(data):
                break  # the peer answered with an OPEN: that is all we wanted to know
    except OSError as e:
        result["connect_error"] = f"{type(e).__name__}: {e}"
    finally:
        s.close()
    result["message_types"] = parse_message_types(data)
    result["received_bytes"] = len(data)
    result["elapsed"] = round(time.monotonic() - start, 3)
    return result


if __name__ == "__main__":
    host, port, asn, router_id, timeout = sys.argv[1:6]
    print(json.dumps(probe(host, int(port), int(asn), router_id, float(timeout))))
