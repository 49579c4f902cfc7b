"""A minimal BGP speaker for crafted input: it connects to the RS, offers
IPv4 unicast, L2VPN EVPN and 4-octet AS, sends the message bodies appended
(hex, one per line; "T:" before the hex makes it a message of type T, an
UPDATE otherwise) to a commands file exactly as given, each once (a
line read during a session that then fails is not sent again), and records every
message it receives, raw, in a log file ("<type> <hex body>" per line).
Keepalives keep the session up; a lost session is retried every second.

usage: speaker.py LOCAL_IP ASN RS_IP HOLD_TIME COMMANDS_FILE RECEIVED_FILE"""

import os
import select
import socket
import sys
import time

# tests/interop, for the lab's one BGP byte builder.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
from lab.bgp_messages import EVPN, IPV4_UNICAST, message, open_body, split_messages  # noqa: E402

NAMES = {1: "open", 2: "update", 3: "notification", 4: "keepalive", 5: "route-refresh"}


def session(local: str, asn: int, rs: str, hold: int, commands, log) -> None:
    sock = socket.create_connection((rs, 179), timeout=5, source_address=(local, 0))
    sock.setblocking(False)
    sock.sendall(message(1, open_body(asn, local, hold, families=(IPV4_UNICAST, EVPN))))
    buf, established, last_keepalive = b"", False, time.monotonic()
    while True:
        ready, _, _ = select.select([sock], [], [], 0.2)
        if ready:
            chunk = sock.recv(65536)
            if not chunk:
                log.write("state down\n")
                return
            messages, buf = split_messages(buf + chunk)
            for kind, body in messages:
                log.write(f"{NAMES.get(kind, kind)} {body.hex()}\n")
                if kind == 1:
                    sock.sendall(message(4))
                elif kind == 4 and not established:
                    established = True
                    log.write("state up\n")
                elif kind == 3:
                    log.write("state down notification\n")
                    return
            log.flush()
        if established:
            for line in commands.readlines():
                kind, _, body = line.strip().rpartition(":")
                if body:
                    sock.sendall(message(int(kind or 2), bytes.fromhex(body)))
        if time.monotonic() - last_keepalive > max(1, hold // 3):
            sock.sendall(message(4))
            last_keepalive = time.monotonic()


def main() -> None:
    local, asn, rs, hold, commands_path, received_path = sys.argv[1:7]
    with open(received_path, "a") as log, open(commands_path) as commands:
        while True:
            try:
                session(local, int(asn), rs, int(hold), commands, log)
            except OSError as e:
                log.write(f"state down {e}\n")
            log.flush()
            time.sleep(1)


if __name__ == "__main__":
    main()
