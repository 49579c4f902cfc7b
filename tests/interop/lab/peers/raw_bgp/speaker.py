"""A minimal BGP speaker for crafted input: it connects to the RS, offers
IPv4 unicast, L2VPN EVPN and 4-octet AS, sends the message bodies appended
(hex, one per line; "T:" before the hex makes it a message of type T, an
UPDATE otherwise) to a commands file exactly as given, each once (a
line read during a session that then fails is not sent again), and records every
message it receives, raw, in a log file ("<type> <hex body>" per line).
Keepalives keep the session up; a lost session is retried every second.

usage: speaker.py LOCAL_IP ASN RS_IP HOLD_TIME COMMANDS_FILE RECEIVED_FILE"""

import os
import sys
import time

# tests/interop, for the lab's BGP byte builder and connection.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
from lab.bgp_connection import Connection, connect  # noqa: E402
from lab.bgp_messages import EVPN, IPV4_UNICAST, message  # noqa: E402

NAMES = {1: "open", 2: "update", 3: "notification", 4: "keepalive", 5: "route-refresh"}


def session(local: str, asn: int, rs: str, hold: int, commands, log) -> None:
    def record(kind: int, body: bytes) -> None:
        log.write(f"{NAMES.get(kind, kind)} {body.hex()}\n")
    conn = Connection(connect(rs, local_ip=local, timeout=5), asn, local, hold,
                      families=(IPV4_UNICAST, EVPN), on_message=record)
    try:
        conn.establish()
        log.write("state up\n")
        while not conn.closed and not conn.notification:
            log.flush()
            for line in commands.readlines():
                kind, _, body = line.strip().rpartition(":")
                if body:
                    conn.send(message(int(kind or 2), bytes.fromhex(body)))
            conn.poll(0.2)
        log.write("state down notification\n" if conn.notification else "state down\n")
    finally:
        conn.close()


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
