"""ExaBGP API process: relays commands appended to a file (argv[1]) to
ExaBGP, one per line, as they appear. The test side only appends."""

import sys
import time

path = sys.argv[1]
with open(path, "a+") as f:
    f.seek(0)
    pending = ""
    while True:
        chunk = f.readline()
        if not chunk:
            time.sleep(0.05)
            continue
        pending += chunk
        if pending.endswith("\n"):
            sys.stdout.write(pending)
            sys.stdout.flush()
            pending = ""
