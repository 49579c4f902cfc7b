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
import struct
import sys
import time

MARKER = b"\xff" * 16


def build_open(asn: int, router_id: str, hold_time: int = 9) -> bytes:
    caps = bytes([1, 4, 0, 1, 0, 1])                     # multiprotocol IPv4 unicast
    caps += bytes([65, 4]) + struct.pack("!I", asn)      # 4-octet AS
    params = bytes([2, len(caps)]) + caps
    body = struct.pack("!BHH4sB", 4, asn if asn < 65536 else 23456, hold_time,
                       socket.inet_aton(router_id), len(params)) + params
    return MARKER + struct.pack("!HB", 19 + len(body), 1) + body


def parse_message_types(data: bytes) -> list[int]:
    types, i = [], 0
    while i + 19 <= len(data) and data[i:i + 16] == MARKER:
        length = struct.unpack("!H", data[i + 16:i + 18])[0]
        types.append(data[i + 18])
        if length < 19:
            break
        i += length
    return types


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
