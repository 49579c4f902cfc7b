"""ExaBGP API process: appends every JSON message ExaBGP sends (updates and
neighbor state changes) to a file (argv[1]), one per line."""

import sys

with open(sys.argv[1], "a") as out:
    for line in sys.stdin:
        out.write(line if line.endswith("\n") else line + "\n")
        out.flush()
